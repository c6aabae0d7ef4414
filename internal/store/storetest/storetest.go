// Package storetest gives each test a fresh, migrated, real database: a SQLite file
// in the test's temporary directory, and — when GOVDESK_TEST_PG holds a PostgreSQL
// DSN — a fresh schema in that server, dropped when the test ends.
//
// Run executes the test body once per engine as subtests "sqlite" and "postgres".
// Without GOVDESK_TEST_PG the postgres subtest is skipped, unless
// GOVDESK_TEST_PG_REQUIRED=1, when it fails. When GOVDESK_TEST_TALLY names a
// directory, each engine run appends a line to tally.<engine> there, so CI can say
// how many storage tests ran on each engine.
package storetest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"govdesk/internal/store"
)

// Run runs fn against SQLite and against PostgreSQL.
func Run(t *testing.T, fn func(t *testing.T, db *store.DB)) {
	t.Helper()
	t.Run(store.SQLite, func(t *testing.T) { fn(t, SQLite(t)) })
	t.Run(store.Postgres, func(t *testing.T) { fn(t, Postgres(t)) })
}

// RunDSN runs fn with the DSN of a fresh, empty database on each engine, for
// tests of commands that open the database themselves.
func RunDSN(t *testing.T, fn func(t *testing.T, dsn string)) {
	t.Helper()
	t.Run(store.SQLite, func(t *testing.T) {
		tally(store.SQLite, t.Name())
		fn(t, SQLiteDSN(t))
	})
	t.Run(store.Postgres, func(t *testing.T) {
		dsn := PostgresDSN(t)
		tally(store.Postgres, t.Name())
		fn(t, dsn)
	})
}

// SQLite returns a fresh migrated SQLite database in t.TempDir().
func SQLite(t testing.TB) *store.DB {
	t.Helper()
	return open(t, store.SQLite, SQLiteDSN(t))
}

// SQLiteDSN names a SQLite file in t.TempDir() that does not exist yet.
func SQLiteDSN(t testing.TB) string {
	return "sqlite:" + filepath.Join(t.TempDir(), "govdesk.db")
}

// Postgres returns a fresh migrated schema on the server of GOVDESK_TEST_PG.
func Postgres(t testing.TB) *store.DB {
	t.Helper()
	return open(t, store.Postgres, PostgresDSN(t))
}

// PostgresDSN creates an empty schema on the server of GOVDESK_TEST_PG, dropped
// when the test ends, and returns a DSN whose search_path is that schema. It skips
// (or fails, with GOVDESK_TEST_PG_REQUIRED=1) when no server is configured.
func PostgresDSN(t testing.TB) string {
	t.Helper()
	base := os.Getenv("GOVDESK_TEST_PG")
	if base == "" {
		if os.Getenv("GOVDESK_TEST_PG_REQUIRED") == "1" {
			t.Fatal("GOVDESK_TEST_PG_REQUIRED=1 but GOVDESK_TEST_PG is empty")
		}
		t.Skip("postgres: GOVDESK_TEST_PG not set")
	}
	schema := "t_" + randomHex(8)
	admin, err := store.Open(context.Background(), base)
	if err != nil {
		t.Fatalf("postgres: %v", err)
	}
	if _, err := admin.Exec(`CREATE SCHEMA ` + schema); err != nil {
		admin.Close()
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		admin.Exec(`DROP SCHEMA ` + schema + ` CASCADE`)
		admin.Close()
	})
	return DSNWithSchema(t, base, schema)
}

// DSNWithSchema returns base with its search_path set to schema.
func DSNWithSchema(t testing.TB, base, schema string) string {
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("GOVDESK_TEST_PG: %v", err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

func open(t testing.TB, engine, dsn string) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatalf("%s: open: %v", engine, err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Migrate(context.Background()); err != nil {
		t.Fatalf("%s: migrate: %v", engine, err)
	}
	tally(engine, t.Name())
	return db
}

func tally(engine, name string) {
	dir := os.Getenv("GOVDESK_TEST_TALLY")
	if dir == "" {
		return
	}
	f, err := os.OpenFile(filepath.Join(dir, "tally."+engine), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return
	}
	fmt.Fprintln(f, name)
	f.Close()
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}
