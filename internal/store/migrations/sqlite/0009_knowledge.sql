-- Knowledge base (SPEC §5): articles, every version of them, and the inverted
-- index of their tokens (zhtext bigrams and words) that search queries.
CREATE TABLE kb_articles (
	id          INTEGER PRIMARY KEY,
	title       TEXT NOT NULL UNIQUE,
	answer      TEXT NOT NULL,
	unit_id     INTEGER REFERENCES units(id),
	category    TEXT NOT NULL DEFAULT '',
	keywords    TEXT NOT NULL DEFAULT '',
	valid_until TIMESTAMP,
	review_by   TIMESTAMP,
	status      TEXT NOT NULL DEFAULT 'draft',
	version     INTEGER NOT NULL DEFAULT 1,
	len_title   INTEGER NOT NULL DEFAULT 0,
	len_kw      INTEGER NOT NULL DEFAULT 0,
	len_answer  INTEGER NOT NULL DEFAULT 0,
	created_at  TIMESTAMP NOT NULL,
	updated_at  TIMESTAMP NOT NULL
);

CREATE TABLE kb_versions (
	article_id INTEGER NOT NULL REFERENCES kb_articles(id),
	version    INTEGER NOT NULL,
	title      TEXT NOT NULL,
	answer     TEXT NOT NULL,
	unit_id    INTEGER,
	category   TEXT NOT NULL DEFAULT '',
	keywords   TEXT NOT NULL DEFAULT '',
	status     TEXT NOT NULL,
	created_at TIMESTAMP NOT NULL,
	PRIMARY KEY (article_id, version)
);

CREATE TABLE kb_tokens (
	token      TEXT NOT NULL,
	article_id INTEGER NOT NULL REFERENCES kb_articles(id),
	field      INTEGER NOT NULL,
	tf         INTEGER NOT NULL,
	PRIMARY KEY (token, article_id, field)
);
CREATE INDEX kb_tokens_article ON kb_tokens(article_id);

-- Synonym groups admins edit (words separated by spaces); empty: the built-in groups.
CREATE TABLE kb_synonyms (
	words TEXT PRIMARY KEY
);
