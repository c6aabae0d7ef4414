-- Organisation, accounts, sessions, tokens, calendar overrides, SLA policies, settings.
CREATE TABLE units (
	id         INTEGER PRIMARY KEY,
	code       TEXT NOT NULL UNIQUE,
	name       TEXT NOT NULL,
	kind       TEXT NOT NULL DEFAULT '',
	parent_id  INTEGER REFERENCES units(id),
	active     BOOLEAN NOT NULL DEFAULT TRUE,
	created_at TIMESTAMP NOT NULL,
	updated_at TIMESTAMP NOT NULL
);
CREATE INDEX units_parent ON units(parent_id);

CREATE TABLE regions (
	id        INTEGER PRIMARY KEY,
	name      TEXT NOT NULL,
	level     TEXT NOT NULL,
	parent_id INTEGER REFERENCES regions(id),
	code      TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX regions_parent_name ON regions(COALESCE(parent_id, 0), name);

CREATE TABLE categories (
	id              INTEGER PRIMARY KEY,
	path            TEXT NOT NULL UNIQUE,
	name            TEXT NOT NULL,
	parent_id       INTEGER REFERENCES categories(id),
	default_unit_id INTEGER REFERENCES units(id),
	active          BOOLEAN NOT NULL DEFAULT TRUE
);

CREATE TABLE users (
	id            INTEGER PRIMARY KEY,
	username      TEXT NOT NULL UNIQUE,
	name          TEXT NOT NULL DEFAULT '',
	password_hash TEXT NOT NULL,
	role          TEXT NOT NULL,
	unit_id       INTEGER NOT NULL REFERENCES units(id),
	active        BOOLEAN NOT NULL DEFAULT TRUE,
	created_at    TIMESTAMP NOT NULL
);

CREATE TABLE sessions (
	token_hash TEXT PRIMARY KEY,
	user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	csrf_token TEXT NOT NULL,
	created_at TIMESTAMP NOT NULL,
	expires_at TIMESTAMP NOT NULL
);
CREATE INDEX sessions_expires ON sessions(expires_at);

CREATE TABLE api_tokens (
	id           INTEGER PRIMARY KEY,
	user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
	name         TEXT NOT NULL DEFAULT '',
	token_hash   TEXT NOT NULL UNIQUE,
	created_at   TIMESTAMP NOT NULL,
	last_used_at TIMESTAMP,
	revoked_at   TIMESTAMP
);

CREATE TABLE login_attempts (
	id       INTEGER PRIMARY KEY,
	username TEXT NOT NULL,
	ip       TEXT NOT NULL,
	ok       BOOLEAN NOT NULL,
	at       TIMESTAMP NOT NULL
);
CREATE INDEX login_attempts_user_at ON login_attempts(username, at);

CREATE TABLE calendar_overrides (
	date       TEXT PRIMARY KEY,
	kind       TEXT NOT NULL,
	name       TEXT NOT NULL DEFAULT '',
	updated_at TIMESTAMP NOT NULL
);

CREATE TABLE sla_policies (
	id             INTEGER PRIMARY KEY,
	effective_from TEXT NOT NULL UNIQUE,
	limits         TEXT NOT NULL,
	urgent_days    REAL NOT NULL,
	signfor_hours  REAL NOT NULL,
	reopen_days    REAL NOT NULL,
	max_returns    INTEGER NOT NULL,
	max_extensions INTEGER NOT NULL,
	max_extension_days REAL NOT NULL,
	note           TEXT NOT NULL DEFAULT '',
	created_at     TIMESTAMP NOT NULL
);

CREATE TABLE settings (
	key        TEXT PRIMARY KEY,
	value      TEXT NOT NULL,
	updated_at TIMESTAMP NOT NULL
);
