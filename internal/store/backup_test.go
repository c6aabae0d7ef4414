package store_test

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"sort"
	"strings"
	"testing"

	"govdesk/internal/account"
	"govdesk/internal/app"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
	"govdesk/internal/workorder"
)

// fillForBackup gives db rows of every kind a backup must carry: booleans, times,
// NULLs, floats, Chinese text, and references of a table to itself (a unit's
// parent, a village's town, an order marked as a duplicate of another).
func fillForBackup(t *testing.T, db *store.DB) {
	t.Helper()
	c := storetest.NewCentre(t, db, storetest.At("2022-09-28T10:00:00+08:00"))
	acc := &store.Accounts{DB: db}
	if _, _, err := acc.UpsertUnits(context.Background(), []account.Unit{
		{Code: "U003", Name: "城关镇人民政府", Kind: "镇街", ParentCode: "C001", Active: false},
	}); err != nil {
		t.Fatal(err)
	}
	c.Register(t, "城关镇", "东门村", "城乡建设/施工管理")
	first, _, err := c.Orders.Create(c.Operator, workorder.NewOrder{Type: "投诉", Title: "夜间施工噪音", Content: "小区旁工地夜间施工，噪音扰民",
		CitizenPhone: "13800138000", Town: "城关镇", Village: "东门村", Category: "城乡建设/施工管理", Urgent: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Orders.Dispatch(c.Dispatcher, first.ID, first.Version, workorder.DispatchInput{UnitCode: "U001"}); err != nil {
		t.Fatal(err)
	}
	second, _, err := c.Orders.Create(c.Operator, workorder.NewOrder{Type: "投诉", Content: "同一工地夜间施工噪音",
		CitizenPhone: "13800138000", Town: "城关镇", Village: "东门村"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Orders.MarkDuplicate(c.Dispatcher, second.ID, second.Version, first.No); err != nil {
		t.Fatal(err)
	}
}

// backupLines returns a backup's lines per table, sorted, without the header
// (which names the engine and the time), so two databases can be compared.
func backupLines(t *testing.T, db *store.DB) (map[string][]string, store.BackupSummary) {
	t.Helper()
	var buf bytes.Buffer
	sum, err := db.Backup(context.Background(), &buf)
	if err != nil {
		t.Fatalf("backup: %v", err)
	}
	zr, err := gzip.NewReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	table := ""
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for first := true; sc.Scan(); first = false {
		line := sc.Text()
		switch {
		case first:
		case strings.HasPrefix(line, `{"table":`):
			table = line
		case strings.HasPrefix(line, "["):
			out[table] = append(out[table], line)
		}
	}
	for _, v := range out {
		sort.Strings(v)
	}
	return out, sum
}

func backupBytes(t *testing.T, db *store.DB) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := db.Backup(context.Background(), &buf); err != nil {
		t.Fatalf("backup: %v", err)
	}
	return buf.Bytes()
}

func TestBackupRestoreRoundTrip(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		fillForBackup(t, db)
		want, sum := backupLines(t, db)
		if sum.PerTable["orders"] != 2 || sum.PerTable["units"] != 5 || sum.PerTable["regions"] != 2 || sum.PerTable["order_events"] == 0 {
			t.Fatalf("backup summary %+v", sum)
		}
		data := backupBytes(t, db)
		restoreInto := func(t *testing.T, target *store.DB) {
			got, err := target.Restore(ctx, bytes.NewReader(data), store.RestoreOptions{})
			if err != nil {
				t.Fatalf("restore: %v", err)
			}
			if got.Rows != sum.Rows || got.Tables != sum.Tables {
				t.Fatalf("restored %d rows in %d tables, backup has %d in %d", got.Rows, got.Tables, sum.Rows, sum.Tables)
			}
			have, _ := backupLines(t, target)
			for table, rows := range want {
				if strings.Join(have[table], "\n") != strings.Join(rows, "\n") {
					t.Errorf("%s differs after restore:\n got %v\nwant %v", table, have[table], rows)
				}
			}
			// New rows get fresh keys after the restored ones.
			c := storetest.NewCentre(t, target, storetest.At("2022-10-10T10:00:00+08:00"))
			o, _, err := c.Orders.Create(c.Operator, workorder.NewOrder{Type: "咨询", Content: "恢复后新建的工单", CitizenPhone: "13900139000"})
			if err != nil {
				t.Fatalf("create after restore: %v", err)
			}
			if o.ID <= 2 {
				t.Fatalf("new order id %d collides with restored ones", o.ID)
			}
		}
		t.Run("same-engine", func(t *testing.T) {
			target := freshLike(t, db.Engine)
			restoreInto(t, target)
			// A database in use is only replaced when asked to.
			_, err := target.Restore(ctx, bytes.NewReader(data), store.RestoreOptions{})
			if app.ErrorCode(err) != app.EConflict {
				t.Fatalf("restore over data: %v, want conflict", err)
			}
			if _, err := target.Restore(ctx, bytes.NewReader(data), store.RestoreOptions{Replace: true}); err != nil {
				t.Fatalf("restore --replace: %v", err)
			}
			have, _ := backupLines(t, target)
			for table, rows := range want {
				if strings.Join(have[table], "\n") != strings.Join(rows, "\n") {
					t.Errorf("%s differs after restore --replace", table)
				}
			}
		})
		t.Run("cross-engine", func(t *testing.T) {
			other := store.Postgres
			if db.Engine == store.Postgres {
				other = store.SQLite
			}
			target := freshLike(t, other)
			restoreInto(t, target)
		})
	})
}

func TestRestoreRejectsDamagedFiles(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		src := freshLike(t, db.Engine)
		fillForBackup(t, src)
		var buf bytes.Buffer
		if _, err := src.Backup(ctx, &buf); err != nil {
			t.Fatal(err)
		}
		zr, _ := gzip.NewReader(bytes.NewReader(buf.Bytes()))
		var plain bytes.Buffer
		plain.ReadFrom(zr)
		lines := strings.Split(strings.TrimSuffix(plain.String(), "\n"), "\n")
		gz := func(s string) []byte {
			var b bytes.Buffer
			w := gzip.NewWriter(&b)
			w.Write([]byte(s))
			w.Close()
			return b.Bytes()
		}
		var lastRow int
		for i, l := range lines {
			if strings.HasPrefix(l, "[") {
				lastRow = i
			}
		}
		broken := lines[lastRow]
		cases := map[string][]byte{
			"not gzip":        []byte("hello"),
			"not a backup":    gz("{\"hello\":1}\n"),
			"truncated":       gz(strings.Join(lines[:len(lines)-3], "\n") + "\n"),
			"row cut in half": gz(strings.Join(append(append([]string{}, lines[:lastRow]...), append([]string{broken[:len(broken)/2]}, lines[lastRow+1:]...)...), "\n")),
			"future schema":   gz(strings.Replace(plain.String(), `"schema_version":`, `"schema_version":9`, 1)),
		}
		for name, data := range cases {
			_, err := db.Restore(ctx, bytes.NewReader(data), store.RestoreOptions{})
			if app.ErrorCode(err) != app.EInvalid {
				t.Errorf("%s: %v, want invalid", name, err)
				continue
			}
			if !strings.ContainsAny(app.ErrorMessage(err), "备份恢复") {
				t.Errorf("%s: message %q is not a Chinese explanation", name, app.ErrorMessage(err))
			}
			var n int
			if err := db.QueryRowContext(ctx, `SELECT count(*) FROM orders`).Scan(&n); err != nil || n != 0 {
				t.Errorf("%s: %d orders written (%v), want none", name, n, err)
			}
		}
	})
}

// freshLike opens a fresh database on the engine.
func freshLike(t *testing.T, engine string) *store.DB {
	if engine == store.Postgres {
		return storetest.Postgres(t)
	}
	return storetest.SQLite(t)
}
