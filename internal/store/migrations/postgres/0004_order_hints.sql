-- Duplicate hints look up recent open orders by town (SPEC §4.3).
CREATE INDEX orders_town_received ON orders(town_id, received_at);
