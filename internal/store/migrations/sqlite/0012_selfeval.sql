-- Performance self-evaluation inputs (SPEC §10). Amounts and figures are decimal text as
-- entered (元), so the checks see exactly what a person wrote.
CREATE TABLE selfeval_years (
	year       INTEGER PRIMARY KEY,
	version    INTEGER NOT NULL DEFAULT 0,
	updated_by TEXT NOT NULL DEFAULT '',
	updated_at TIMESTAMP
);

CREATE TABLE selfeval_budgets (
	year          INTEGER PRIMARY KEY,
	unit          TEXT NOT NULL DEFAULT '',
	initial       TEXT,
	adjusted      TEXT,
	final_income  TEXT,
	final_expense TEXT,
	public_budget TEXT,
	public_final  TEXT,
	three_budget  TEXT,
	three_final   TEXT,
	authorized    INTEGER,
	staff         INTEGER
);

CREATE TABLE selfeval_projects (
	year INTEGER NOT NULL,
	name TEXT NOT NULL,
	PRIMARY KEY (year, name)
);

CREATE TABLE selfeval_targets (
	id         INTEGER PRIMARY KEY,
	year       INTEGER NOT NULL,
	project    TEXT NOT NULL DEFAULT '',
	name       TEXT NOT NULL,
	comparator TEXT NOT NULL,
	target     TEXT NOT NULL,
	actual     TEXT,
	unit       TEXT NOT NULL DEFAULT '',
	metric     TEXT NOT NULL DEFAULT '',
	achieved   INTEGER,
	UNIQUE (year, project, name)
);

-- The indicator table as configuration; empty means the province's default table.
CREATE TABLE selfeval_indicators (
	code   TEXT PRIMARY KEY,
	seq    INTEGER NOT NULL,
	level1 TEXT NOT NULL,
	level2 TEXT NOT NULL,
	level3 TEXT NOT NULL,
	weight DOUBLE PRECISION NOT NULL,
	rule   TEXT NOT NULL,
	full_at DOUBLE PRECISION NOT NULL DEFAULT 0,
	per    DOUBLE PRECISION NOT NULL DEFAULT 0,
	bands  TEXT NOT NULL DEFAULT '[]',
	metric TEXT NOT NULL DEFAULT ''
);

CREATE TABLE selfeval_entries (
	year       INTEGER NOT NULL,
	code       TEXT NOT NULL,
	value      TEXT,
	band       TEXT NOT NULL DEFAULT '',
	score      TEXT,
	findings   TEXT NOT NULL DEFAULT '[]',
	evidence   TEXT NOT NULL DEFAULT '',
	updated_by TEXT NOT NULL DEFAULT '',
	updated_at TIMESTAMP,
	PRIMARY KEY (year, code)
);

CREATE TABLE selfeval_acceptances (
	year        INTEGER NOT NULL,
	code        TEXT NOT NULL,
	figure      TEXT NOT NULL,
	message     TEXT NOT NULL DEFAULT '',
	reason      TEXT NOT NULL,
	accepted_by TEXT NOT NULL,
	accepted_at TIMESTAMP NOT NULL,
	PRIMARY KEY (year, code, figure)
);
