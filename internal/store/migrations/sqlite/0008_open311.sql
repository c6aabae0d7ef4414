-- Open311 GeoReport v2 (SPEC §11): API keys, hidden services and the standard's
-- fields of requests filed through Open311 or the public page.
CREATE TABLE open311_keys (
	id         INTEGER PRIMARY KEY,
	name       TEXT NOT NULL UNIQUE,
	key_hash   TEXT NOT NULL UNIQUE,
	created_at TIMESTAMP NOT NULL,
	revoked_at TIMESTAMP
);

CREATE TABLE open311_hidden (
	category_id INTEGER PRIMARY KEY REFERENCES categories(id)
);

CREATE TABLE open311_requests (
	order_id   INTEGER PRIMARY KEY REFERENCES orders(id),
	token      TEXT NOT NULL UNIQUE,
	key_id     INTEGER REFERENCES open311_keys(id),
	lat        REAL,
	lng        REAL,
	media_url  TEXT NOT NULL DEFAULT '',
	attributes TEXT NOT NULL DEFAULT ''
);

-- One secret per database signs the public page's form tokens, so that every
-- process behind a load balancer accepts the forms of the others.
CREATE TABLE open311_settings (
	name  TEXT PRIMARY KEY,
	value TEXT NOT NULL
);
