-- Hotline statistics (SPEC §9, §12.1): the columns the counting pass and the
-- working-day averages read ride along the (type, receipt time) key, so a period is
-- counted one type's range at a time by index-only scans.
CREATE INDEX orders_stats ON orders(type, received_at) INCLUDE (status, urgent, reply_approved, deadline_at, replied_at,
	first_dispatched_at, callback_result, first_call_resolved, returns, extensions, reopens, reminders, supervised);
