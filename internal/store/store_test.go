package store_test

import (
	"context"
	"testing"

	"govdesk/internal/app"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

func TestOpen_BadDSN(t *testing.T) {
	for _, dsn := range []string{"mysql://x", "sqlite:", "", "postgres://nobody@127.0.0.1:1/none?sslmode=disable&connect_timeout=2", "sqlite:/nonexistent-dir/x/y.db"} {
		_, err := store.Open(context.Background(), dsn)
		if app.ErrorCode(err) != app.EInvalid {
			t.Errorf("Open(%q) = %v, want invalid", dsn, err)
		}
		if msg := app.ErrorMessage(err); msg == "" {
			t.Errorf("Open(%q): empty message", dsn)
		}
	}
}

func TestMigrate(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		v, err := db.SchemaVersion(ctx)
		if err != nil || v < 2 {
			t.Fatalf("SchemaVersion = %d, %v", v, err)
		}
		again, err := db.Migrate(ctx)
		if err != nil || len(again) != 0 {
			t.Fatalf("second Migrate applied %v, %v", again, err)
		}
	})
}
