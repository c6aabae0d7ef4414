package cli

import (
	"context"
	"strings"
	"testing"

	"govdesk/internal/georeport"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

func TestOpen311Keys(t *testing.T) {
	storetest.RunDSN(t, func(t *testing.T, dsn string) {
		env := map[string]string{"GOVDESK_DB": dsn}
		code, out, errs := run(t, env, "open311", "key", "create", "--name", "随手拍")
		key := strings.TrimSpace(out)
		if code != 0 || !strings.HasPrefix(key, "o311_") {
			t.Fatalf("create: exit %d %q %q", code, out, errs)
		}
		if code, _, errs := run(t, env, "open311", "key", "create", "--name", "随手拍"); code != 1 || !strings.Contains(errs, "已存在") {
			t.Fatalf("duplicate name: exit %d %q", code, errs)
		}
		if code, _, _ := run(t, env, "open311", "key", "create"); code != 2 {
			t.Fatalf("no name: exit %d", code)
		}
		db, err := store.Open(context.Background(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		var stored string
		if err := db.QueryRow(`SELECT key_hash FROM open311_keys`).Scan(&stored); err != nil || stored != georeport.HashKey(key) || strings.Contains(stored, key) {
			t.Fatalf("stored %q, %v", stored, err)
		}
		if code, out, _ := run(t, env, "open311", "key", "list"); code != 0 || !strings.Contains(out, "随手拍") || !strings.Contains(out, "valid") || strings.Contains(out, key) {
			t.Fatalf("list: exit %d %q", code, out)
		}
		if code, _, _ := run(t, env, "open311", "key", "revoke", "--name", "随手拍"); code != 0 {
			t.Fatalf("revoke: exit %d", code)
		}
		if code, out, _ := run(t, env, "open311", "key", "list"); code != 0 || !strings.Contains(out, "revoked") {
			t.Fatalf("list after revoke: %q", out)
		}
		if code, _, errs := run(t, env, "open311", "key", "revoke", "--name", "随手拍"); code != 1 || !strings.Contains(errs, "not found") {
			t.Fatalf("revoke twice: exit %d %q", code, errs)
		}
		if code, _, errs := run(t, env, "open311", "service-hide", "999999"); code != 1 || !strings.Contains(errs, "not found") {
			t.Fatalf("hide unknown: exit %d %q", code, errs)
		}
	})
}
