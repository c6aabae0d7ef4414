-- Service-item catalogue, cases, evaluations and rectifications (SPEC §6, §7).
CREATE TABLE items (
	id             INTEGER PRIMARY KEY,
	code           TEXT NOT NULL UNIQUE,
	name           TEXT NOT NULL,
	unit_id        INTEGER NOT NULL REFERENCES units(id),
	category       TEXT NOT NULL,
	by_application BOOLEAN NOT NULL DEFAULT FALSE,
	level          TEXT NOT NULL DEFAULT '',
	legal_days     REAL NOT NULL DEFAULT 0,
	promised_days  REAL NOT NULL DEFAULT 0,
	fees           TEXT NOT NULL DEFAULT '',
	materials      TEXT NOT NULL DEFAULT '[]',
	in_hall        BOOLEAN NOT NULL DEFAULT FALSE,
	one_window     BOOLEAN NOT NULL DEFAULT FALSE,
	online         BOOLEAN NOT NULL DEFAULT FALSE,
	online_depth   INTEGER NOT NULL DEFAULT 0,
	max_trips      INTEGER NOT NULL DEFAULT 0,
	citywide       BOOLEAN NOT NULL DEFAULT FALSE,
	cross_province BOOLEAN NOT NULL DEFAULT FALSE,
	cert_free      BOOLEAN NOT NULL DEFAULT FALSE,
	immediate      BOOLEAN NOT NULL DEFAULT FALSE,
	status         TEXT NOT NULL,
	created_at     TIMESTAMP NOT NULL,
	updated_at     TIMESTAMP NOT NULL
);
CREATE TABLE item_versions (
	id         INTEGER PRIMARY KEY,
	item_id    INTEGER NOT NULL REFERENCES items(id),
	changed_at TIMESTAMP NOT NULL,
	changed_by TEXT NOT NULL DEFAULT '',
	data       TEXT NOT NULL
);
CREATE INDEX item_versions_item ON item_versions(item_id, changed_at);
CREATE TABLE cases (
	id            INTEGER PRIMARY KEY,
	no            TEXT NOT NULL UNIQUE,
	item_id       INTEGER NOT NULL REFERENCES items(id),
	applicant     TEXT NOT NULL,
	channel       TEXT NOT NULL,
	town_id       INTEGER NOT NULL REFERENCES regions(id),
	village_id    INTEGER REFERENCES regions(id),
	accepted_at   TIMESTAMP NOT NULL,
	finished_at   TIMESTAMP,
	result        TEXT NOT NULL DEFAULT '',
	promised_days REAL NOT NULL DEFAULT 0,
	deadline_at   TIMESTAMP
);
CREATE INDEX cases_accepted ON cases(accepted_at);
CREATE TABLE evaluations (
	id           INTEGER PRIMARY KEY,
	no           TEXT NOT NULL UNIQUE,
	evaluated_at TIMESTAMP NOT NULL,
	channel      TEXT NOT NULL,
	target_kind  TEXT NOT NULL,
	target       TEXT NOT NULL,
	unit_id      INTEGER REFERENCES units(id),
	level        INTEGER NOT NULL,
	content      TEXT NOT NULL DEFAULT '',
	contact      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX evaluations_at ON evaluations(evaluated_at);
CREATE TABLE rectifications (
	id               INTEGER PRIMARY KEY,
	evaluation_id    INTEGER NOT NULL UNIQUE REFERENCES evaluations(id),
	unit_id          INTEGER REFERENCES units(id),
	opened_at        TIMESTAMP NOT NULL,
	verify_deadline  TIMESTAMP NOT NULL,
	rectify_deadline TIMESTAMP NOT NULL,
	verified_at      TIMESTAMP,
	verification     TEXT NOT NULL DEFAULT '',
	action           TEXT NOT NULL DEFAULT '',
	feedback         TEXT NOT NULL DEFAULT '',
	rectified_at     TIMESTAMP,
	closed_at        TIMESTAMP,
	closed_by        TEXT NOT NULL DEFAULT '',
	overdue          BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX rectifications_open ON rectifications(closed_at, rectify_deadline);
