-- Assets, stock-takes, allocation limits, devices and their faults (SPEC §8).
CREATE TABLE assets (
	id          INTEGER PRIMARY KEY,
	code        TEXT NOT NULL UNIQUE,
	name        TEXT NOT NULL,
	category    TEXT NOT NULL,
	quantity    INTEGER NOT NULL,
	value_cents INTEGER NOT NULL,
	location    TEXT NOT NULL DEFAULT '',
	in_use      BOOLEAN NOT NULL,
	checked_on  TEXT NOT NULL DEFAULT '',
	created_at  TIMESTAMP NOT NULL,
	updated_at  TIMESTAMP NOT NULL
);
CREATE INDEX assets_category ON assets(category);

CREATE TABLE asset_stocktakes (
	asset_id         INTEGER NOT NULL REFERENCES assets(id) ON DELETE CASCADE,
	year             INTEGER NOT NULL,
	taken_on         TEXT NOT NULL,
	book_quantity    INTEGER NOT NULL,
	counted_quantity INTEGER NOT NULL,
	recorded_at      TIMESTAMP NOT NULL,
	PRIMARY KEY (asset_id, year)
);

CREATE TABLE asset_limits (
	category             TEXT PRIMARY KEY,
	percent_of_headcount REAL NOT NULL DEFAULT 0,
	max_quantity         INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE devices (
	id                INTEGER PRIMARY KEY,
	code              TEXT NOT NULL UNIQUE,
	name              TEXT NOT NULL,
	kind              TEXT NOT NULL,
	town_id           INTEGER NOT NULL REFERENCES regions(id),
	village_id        INTEGER REFERENCES regions(id),
	in_service_at     TIMESTAMP NOT NULL,
	token_hash        TEXT UNIQUE,
	token_issued_at   TIMESTAMP,
	last_heartbeat_at TIMESTAMP,
	created_at        TIMESTAMP NOT NULL,
	updated_at        TIMESTAMP NOT NULL
);
CREATE INDEX devices_town ON devices(town_id);

CREATE TABLE device_faults (
	id           INTEGER PRIMARY KEY,
	device_id    INTEGER NOT NULL REFERENCES devices(id) ON DELETE CASCADE,
	started_at   TIMESTAMP NOT NULL,
	recovered_at TIMESTAMP,
	description  TEXT NOT NULL DEFAULT '',
	source       TEXT NOT NULL,
	created_at   TIMESTAMP NOT NULL,
	UNIQUE (device_id, started_at)
);
CREATE INDEX device_faults_started ON device_faults(started_at);
CREATE INDEX device_faults_open ON device_faults(device_id) WHERE recovered_at IS NULL;
