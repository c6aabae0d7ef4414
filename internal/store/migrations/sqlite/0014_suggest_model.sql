-- The trained dispatch-suggestion model (SPEC §4.3), one row: the scheduler's daily
-- job (or an on-demand retrain) trains once and every govdesk process loads it.
CREATE TABLE suggest_model (
	id         INTEGER PRIMARY KEY CHECK (id = 1),
	trained_at TIMESTAMP NOT NULL,
	orders     INTEGER NOT NULL,
	data       BLOB NOT NULL
);
