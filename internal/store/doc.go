// Package store implements every domain Store interface over database/sql, on
// SQLite (modernc.org/sqlite, the embedded default) and PostgreSQL (pgx's
// database/sql adapter). Open picks the engine from the DSN; each engine has its
// own embedded, versioned migrations (migrations/sqlite, migrations/postgres).
//
// Where the engines differ, the code branches on DB.Engine, in few places:
// row locks of read-decide-write transactions (lockRow: FOR UPDATE on PostgreSQL,
// the database write lock on SQLite), the writer mutex of SQLite (lockWrite), the
// migrator's advisory lock and the job claim lock (PostgreSQL), the bulk order
// import (one SQLite connection with relaxed durability until its commit),
// backup and restore (schema introspection, sequences), and the statistics scan of
// time spans (epoch seconds from PostgreSQL, raw text parsed fast from SQLite).
//
// SQL is hand-written beside the method that runs it, with $1, $2… placeholders
// that both drivers bind by position. Timestamps are stored in UTC.
//
// Only cli and tests import store; domain packages declare the interfaces it satisfies.
package store
