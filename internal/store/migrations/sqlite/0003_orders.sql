-- 12345 work orders, their events, notices, the access log and scheduler jobs.
CREATE TABLE orders (
	id                  INTEGER PRIMARY KEY,
	no                  TEXT NOT NULL UNIQUE,
	source              TEXT NOT NULL,
	type                TEXT NOT NULL,
	urgent              BOOLEAN NOT NULL DEFAULT FALSE,
	category_id         INTEGER REFERENCES categories(id),
	title               TEXT NOT NULL DEFAULT '',
	content             TEXT NOT NULL,
	citizen_name        TEXT NOT NULL DEFAULT '',
	citizen_phone       TEXT NOT NULL DEFAULT '',
	anonymous           BOOLEAN NOT NULL DEFAULT FALSE,
	town_id             INTEGER REFERENCES regions(id),
	village_id          INTEGER REFERENCES regions(id),
	address             TEXT NOT NULL DEFAULT '',
	lat                 REAL,
	lng                 REAL,
	sensitive           TEXT NOT NULL DEFAULT '',
	received_at         TIMESTAMP NOT NULL,
	unit_id             INTEGER REFERENCES units(id),
	co_units            TEXT NOT NULL DEFAULT '',
	status              TEXT NOT NULL,
	first_dispatched_at TIMESTAMP,
	dispatched_at       TIMESTAMP,
	limit_days          REAL NOT NULL DEFAULT 0,
	deadline_at         TIMESTAMP,
	sign_deadline_at    TIMESTAMP,
	accepted_at         TIMESTAMP,
	sign_late           BOOLEAN NOT NULL DEFAULT FALSE,
	final_assigned      BOOLEAN NOT NULL DEFAULT FALSE,
	ext_pending_days    REAL NOT NULL DEFAULT 0,
	ext_pending_reason  TEXT NOT NULL DEFAULT '',
	reply_text          TEXT NOT NULL DEFAULT '',
	replied_at          TIMESTAMP,
	reply_approved      BOOLEAN NOT NULL DEFAULT FALSE,
	callback_result     TEXT NOT NULL DEFAULT '',
	callback_resolved   BOOLEAN NOT NULL DEFAULT FALSE,
	callback_tries      INTEGER NOT NULL DEFAULT 0,
	callback_note       TEXT NOT NULL DEFAULT '',
	closed_at           TIMESTAMP,
	close_reason        TEXT NOT NULL DEFAULT '',
	returns             INTEGER NOT NULL DEFAULT 0,
	extensions          INTEGER NOT NULL DEFAULT 0,
	reminders           INTEGER NOT NULL DEFAULT 0,
	reopens             INTEGER NOT NULL DEFAULT 0,
	supervised          BOOLEAN NOT NULL DEFAULT FALSE,
	duplicate_of        INTEGER REFERENCES orders(id),
	kb_article_id       INTEGER,
	first_call_resolved BOOLEAN NOT NULL DEFAULT FALSE,
	version             INTEGER NOT NULL DEFAULT 1,
	created_at          TIMESTAMP NOT NULL,
	updated_at          TIMESTAMP NOT NULL
);
CREATE INDEX orders_received ON orders(received_at);
CREATE INDEX orders_unit_status ON orders(unit_id, status);
CREATE INDEX orders_status_deadline ON orders(status, deadline_at);
CREATE INDEX orders_phone ON orders(citizen_phone);

CREATE TABLE order_events (
	id          INTEGER PRIMARY KEY,
	order_id    INTEGER NOT NULL REFERENCES orders(id),
	action      TEXT NOT NULL,
	at          TIMESTAMP NOT NULL,
	actor       TEXT NOT NULL,
	from_status TEXT NOT NULL DEFAULT '',
	to_status   TEXT NOT NULL DEFAULT '',
	note        TEXT NOT NULL DEFAULT '',
	data        TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX order_events_order ON order_events(order_id, id);

CREATE TABLE order_seq (
	day TEXT PRIMARY KEY,
	n   INTEGER NOT NULL
);

CREATE TABLE notices (
	id         INTEGER PRIMARY KEY,
	kind       TEXT NOT NULL,
	order_id   INTEGER REFERENCES orders(id),
	unit_id    INTEGER REFERENCES units(id),
	role       TEXT NOT NULL DEFAULT '',
	title      TEXT NOT NULL,
	body       TEXT NOT NULL DEFAULT '',
	dedup_key  TEXT UNIQUE,
	created_at TIMESTAMP NOT NULL
);
CREATE INDEX notices_unit ON notices(unit_id, id);
CREATE INDEX notices_role ON notices(role, id);

CREATE TABLE notice_reads (
	notice_id INTEGER NOT NULL REFERENCES notices(id),
	user_id   INTEGER NOT NULL REFERENCES users(id),
	read_at   TIMESTAMP NOT NULL,
	PRIMARY KEY (notice_id, user_id)
);

CREATE TABLE access_log (
	id       INTEGER PRIMARY KEY,
	at       TIMESTAMP NOT NULL,
	username TEXT NOT NULL,
	action   TEXT NOT NULL,
	order_id INTEGER,
	detail   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX access_log_at ON access_log(at);

CREATE TABLE jobs (
	name        TEXT PRIMARY KEY,
	last_run_at TIMESTAMP,
	runs        INTEGER NOT NULL DEFAULT 0
);
