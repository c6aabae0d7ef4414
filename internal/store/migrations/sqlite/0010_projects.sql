-- Construction-project assistance and policy fulfilment (SPEC §6.1).
CREATE TABLE projects (
	id         INTEGER PRIMARY KEY,
	code       TEXT NOT NULL UNIQUE,
	name       TEXT NOT NULL,
	enterprise TEXT NOT NULL,
	contact    TEXT NOT NULL DEFAULT '',
	phone      TEXT NOT NULL DEFAULT '',
	agent      TEXT NOT NULL DEFAULT '',
	form       TEXT NOT NULL DEFAULT '',
	created_at TIMESTAMP NOT NULL
);

CREATE TABLE project_stages (
	id          INTEGER PRIMARY KEY,
	project_id  INTEGER NOT NULL REFERENCES projects(id),
	seq         INTEGER NOT NULL,
	name        TEXT NOT NULL,
	limit_days  INTEGER NOT NULL,
	items       TEXT NOT NULL DEFAULT '[]',
	started_at  TIMESTAMP,
	finished_at TIMESTAMP,
	UNIQUE (project_id, seq)
);
CREATE INDEX project_stages_finished ON project_stages (finished_at);

CREATE TABLE project_ledger (
	id         INTEGER PRIMARY KEY,
	project_id INTEGER NOT NULL REFERENCES projects(id),
	at         TIMESTAMP NOT NULL,
	kind       TEXT NOT NULL,
	actor      TEXT NOT NULL DEFAULT '',
	note       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX project_ledger_project ON project_ledger (project_id, at);

CREATE TABLE policies (
	id         INTEGER PRIMARY KEY,
	code       TEXT NOT NULL UNIQUE,
	name       TEXT NOT NULL,
	department TEXT NOT NULL,
	conditions TEXT NOT NULL DEFAULT '',
	amount     TEXT NOT NULL DEFAULT '',
	materials  TEXT NOT NULL DEFAULT '[]',
	channels   TEXT NOT NULL DEFAULT '[]',
	created_at TIMESTAMP NOT NULL
);

CREATE TABLE policy_applications (
	id           INTEGER PRIMARY KEY,
	no           TEXT NOT NULL UNIQUE,
	policy_id    INTEGER NOT NULL REFERENCES policies(id),
	applicant    TEXT NOT NULL,
	channel      TEXT NOT NULL DEFAULT '',
	materials    TEXT NOT NULL DEFAULT '[]',
	amount_fen   BIGINT NOT NULL DEFAULT 0,
	status       TEXT NOT NULL,
	submitted_at TIMESTAMP NOT NULL,
	decided_at   TIMESTAMP,
	reason       TEXT NOT NULL DEFAULT '',
	paid_fen     BIGINT NOT NULL DEFAULT 0,
	paid_at      TIMESTAMP
);
CREATE INDEX policy_applications_submitted ON policy_applications (submitted_at);
