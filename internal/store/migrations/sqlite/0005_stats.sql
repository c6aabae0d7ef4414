-- Hotline statistics (SPEC §9, §12.1): one covering index holds every column the
-- counting pass and the working-day averages read, so a year of a million-order
-- table is counted from the index alone, without a table lookup per order.
CREATE INDEX orders_stats ON orders(received_at, type, status, urgent, reply_approved, deadline_at, replied_at,
	first_dispatched_at, callback_result, first_call_resolved, returns, extensions, reopens, reminders, supervised);
