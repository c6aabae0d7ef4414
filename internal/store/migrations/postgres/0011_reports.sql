-- Editable passages of generated documents (SPEC §9): the recommendations of
-- an annual analysis, the weekly digest's chosen orders, the self-evaluation
-- report's text. Kept across regenerations; one row per document and passage.
CREATE TABLE doc_passages (
	doc_key     TEXT NOT NULL,
	passage_key TEXT NOT NULL,
	body        TEXT NOT NULL,
	updated_by  TEXT NOT NULL DEFAULT '',
	updated_at  TIMESTAMPTZ NOT NULL,
	PRIMARY KEY (doc_key, passage_key)
);

-- The briefs count a period's orders by source, town, category and unit, and
-- rank the units (store/stats.go HotlineBreakdown, stats_units.go): this index
-- holds every column those read, so a year of a million-order table is counted
-- from the index alone, without a table lookup per order.
CREATE INDEX orders_report ON orders(received_at, source, town_id, category_id, unit_id, type, status, reply_approved,
	deadline_at, replied_at, callback_result, returns, supervised);
