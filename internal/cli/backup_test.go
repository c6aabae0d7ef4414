package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

func TestBackupAndRestoreCommands(t *testing.T) {
	storetest.RunDSN(t, func(t *testing.T, dsn string) {
		dir := t.TempDir()
		env := map[string]string{"GOVDESK_DB": dsn}
		units := filepath.Join(dir, "units.csv")
		os.WriteFile(units, []byte("单位编码,单位名称,单位类型,上级单位编码\nC001,市行政服务中心,中心,\nU001,市住房和城乡建设局,市直部门,C001\n"), 0o644)
		if code, _, errs := run(t, env, "import", "units", units); code != 0 {
			t.Fatalf("import units: %s", errs)
		}
		if code, _, errs := run(t, env, "user", "add", "--username", "zhang", "--password", "secret", "--role", "handler", "--unit", "U001"); code != 0 {
			t.Fatalf("user add: %s", errs)
		}
		file := filepath.Join(dir, "centre.govdesk-backup")
		code, out, errs := run(t, env, "backup", "--out", file)
		var sum map[string]int
		if code != 0 || json.Unmarshal([]byte(out), &sum) != nil || sum["tables"] < 40 || sum["rows"] < 4 || sum["schema_version"] < 10 {
			t.Fatalf("backup: exit %d, %q %q", code, out, errs)
		}
		// Who took the backup, when and where to is on the access log, like an export.
		db, err := store.Open(context.Background(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		var who, detail string
		var at time.Time
		err = db.QueryRowContext(context.Background(), `SELECT username, at, detail FROM access_log WHERE action = 'backup'`).Scan(&who, &at, &detail)
		db.Close()
		if err != nil || who != "system" || time.Since(at) > time.Hour || !strings.Contains(detail, file) || !strings.Contains(detail, "操作系统用户") {
			t.Fatalf("backup access log: %q %v %q %v", who, at, detail, err)
		}
		if code, _, _ := run(t, env, "backup"); code != 2 {
			t.Fatalf("backup without --out: exit %d, want 2", code)
		}

		// Into a fresh SQLite file: the users can log in there.
		target := map[string]string{"GOVDESK_DB": storetest.SQLiteDSN(t)}
		code, out, errs = run(t, target, "restore", file)
		var got map[string]int
		if code != 0 || json.Unmarshal([]byte(out), &got) != nil || got["rows"] != sum["rows"] || got["tables"] != sum["tables"] {
			t.Fatalf("restore: exit %d, %q %q (backup %v)", code, out, errs, sum)
		}
		if code, out, errs := run(t, target, "token", "create", "--username", "zhang"); code != 0 || !strings.HasPrefix(out, "gd_") {
			t.Fatalf("token for a restored user: %d %q %q", code, out, errs)
		}
		tdb, err := store.Open(context.Background(), target["GOVDESK_DB"])
		if err != nil {
			t.Fatal(err)
		}
		err = tdb.QueryRowContext(context.Background(), `SELECT detail FROM access_log WHERE action = 'restore'`).Scan(&detail)
		tdb.Close()
		if err != nil || !strings.Contains(detail, file) {
			t.Fatalf("restore access log: %q %v", detail, err)
		}
		// Again over the same database: refused without --replace, done with it.
		code, _, errs = run(t, target, "restore", file)
		if code != 1 || !strings.Contains(errs, "--replace") {
			t.Fatalf("restore over data: exit %d, %q", code, errs)
		}
		if code, _, errs := run(t, target, "restore", file, "--replace"); code != 0 {
			t.Fatalf("restore --replace: exit %d, %q", code, errs)
		}
		// A file that is not a backup changes nothing.
		if code, _, errs := run(t, target, "restore", units, "--replace"); code != 1 || !strings.Contains(errs, "备份文件") {
			t.Fatalf("restore of a CSV: exit %d, %q", code, errs)
		}
		if code, out, _ := run(t, target, "token", "create", "--username", "zhang"); code != 0 || !strings.HasPrefix(out, "gd_") {
			t.Fatal("a rejected restore changed the database")
		}
	})
}
