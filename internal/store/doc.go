// Package store implements every domain Store interface over database/sql, on
// SQLite (modernc.org/sqlite, the embedded default) and PostgreSQL (pgx's
// database/sql adapter). Open picks the engine from the DSN; each engine has its
// own embedded, versioned migrations; engine differences live in one dialect value.
//
// SQL is hand-written beside the method that runs it, with $1, $2… placeholders
// that both drivers bind by position. Timestamps are stored in UTC.
//
// Only cli and tests import store; domain packages declare the interfaces it satisfies.
package store
