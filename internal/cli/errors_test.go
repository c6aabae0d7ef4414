package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestUserErrors_SayWhatIsWrongInEnglish: a user error prints a Chinese line and
// an English line, and the English line says what is wrong, not only which kind
// of error it is ("error: invalid: invalid input").
func TestUserErrors_SayWhatIsWrongInEnglish(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"GOVDESK_DB": "sqlite:" + filepath.Join(dir, "govdesk.db")}
	noCols := filepath.Join(dir, "orders.csv")
	os.WriteFile(noCols, []byte("工单编号,受理时间\nX1,2022-01-01\n"), 0o644)
	badRow := filepath.Join(dir, "rows.csv")
	os.WriteFile(badRow, []byte("工单编号,受理时间,诉求类型,诉求内容\nX1,bad,投诉,内容\n"), 0o644)
	notBackup := filepath.Join(dir, "backup.tar.gz")
	os.WriteFile(notBackup, []byte("not a backup"), 0o644)
	if code, _, errs := run(t, env, "migrate"); code != 0 {
		t.Fatal(errs)
	}
	cases := []struct {
		args    []string
		english string
	}{
		{[]string{"calendar", "day", "2022-13-01"}, `bad date "2022-13-01", want YYYY-MM-DD`},
		{[]string{"calendar", "deadline", "--from", "yesterday", "--workdays", "1"}, `--from: bad time "yesterday", want RFC3339`},
		{[]string{"stats", "hotline", "--from", "2022-02-01", "--to", "2022-01-01", "--format", "json"}, "the end date 2022-01-01 is before the start date 2022-02-01"},
		{[]string{"report", "weekly", "--week", "2022-39", "--out", filepath.Join(dir, "w.docx")}, `bad week "2022-39", want YYYY-Www`},
		{[]string{"user", "add", "--username", "zhang", "--password", "secret1", "--role", "boss", "--unit", "U001"}, `unknown role "boss"`},
		{[]string{"user", "add", "--username", "zhang", "--password", "secret1", "--role", "handler", "--unit", "U999"}, `unknown unit "U999"`},
		{[]string{"token", "create", "--username", "nobody"}, `no user "nobody"`},
		{[]string{"import", "orders", filepath.Join(dir, "missing.csv")}, "no such file: " + filepath.Join(dir, "missing.csv")},
		{[]string{"import", "orders", noCols}, "missing required columns: 诉求类型, 诉求内容"},
		{[]string{"import", "orders", badRow}, badRow + ": 1 problem(s), nothing imported"},
		{[]string{"suggest", "--evaluate"}, "only 0 closed orders with a unit, at least 10 are needed"},
		{[]string{"restore", notBackup}, "not a valid govdesk backup file"},
		{[]string{"kb", "article", "show", "99"}, "no article 99"},
	}
	generic := map[string]bool{}
	for code, en := range codeEnglish {
		generic["error: "+code+": "+en] = true
	}
	for _, c := range cases {
		code, _, errs := run(t, env, c.args...)
		lines := strings.Split(strings.TrimSpace(errs), "\n")
		last := lines[len(lines)-1]
		if code != 1 || !strings.Contains(errs, "错误：") || !strings.HasPrefix(last, "error: ") {
			t.Errorf("%v: exit %d, stderr %q: want exit 1 with a Chinese and an English line", c.args, code, errs)
			continue
		}
		if generic[last] || !strings.Contains(last, c.english) {
			t.Errorf("%v: English line %q does not say %q", c.args, last, c.english)
		}
	}
}
