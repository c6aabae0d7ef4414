-- Hotline statistics (SPEC §9, §12.1): the columns the counting pass and the
-- working-day averages read ride along the receipt-time key, so a period is counted
-- by an index-only scan.
CREATE INDEX orders_stats ON orders(received_at) INCLUDE (type, status, urgent, reply_approved, deadline_at, replied_at,
	first_dispatched_at, callback_result, first_call_resolved, returns, extensions, reopens, reminders, supervised);
