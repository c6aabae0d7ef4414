-- Hotline statistics (SPEC §9, §12.1): one covering index holds every column the
-- counting pass and the working-day averages read, so a period of a million-order
-- table is counted from the index alone, one type's range at a time, without a
-- table lookup per order.
CREATE INDEX orders_stats ON orders(type, received_at, status, urgent, reply_approved, deadline_at, replied_at,
	first_dispatched_at, callback_result, first_call_resolved, returns, extensions, reopens, reminders, supervised);
