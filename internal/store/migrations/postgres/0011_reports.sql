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
