-- Files kept with work orders (SPEC §4.1 attachments), in the database so that
-- every govdesk process serves them and backups carry them.
CREATE TABLE order_attachments (
	id           INTEGER PRIMARY KEY,
	order_id     INTEGER NOT NULL REFERENCES orders(id),
	name         TEXT NOT NULL,
	content_type TEXT NOT NULL,
	size         BIGINT NOT NULL,
	sha256       TEXT NOT NULL,
	data         BLOB NOT NULL,
	uploaded_by  TEXT NOT NULL,
	uploaded_at  TIMESTAMP NOT NULL
);
CREATE INDEX order_attachments_order ON order_attachments(order_id, id);
