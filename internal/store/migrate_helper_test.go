package store_test

import (
	"context"
	"testing"

	"govdesk/internal/store"
)

// openAtVersion opens the database of dsn migrated up to version only, so that a
// test can write rows as an older schema held them before the next migration runs.
func openAtVersion(t *testing.T, dsn string, version int) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.MigrateTo(context.Background(), version); err != nil {
		t.Fatal(err)
	}
	return db
}
