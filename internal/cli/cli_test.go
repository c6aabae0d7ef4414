package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"govdesk/internal/store/storetest"
)

// run executes the command line with the environment and returns exit status and output.
func run(t *testing.T, environ map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := newEnv(&out, &errb, func(k string) string { return environ[k] })
	code := mainWith(context.Background(), e, args)
	return code, out.String(), errb.String()
}

func TestCalendar_WorkedExamples(t *testing.T) {
	env := map[string]string{"GOVDESK_DB": "sqlite:" + filepath.Join(t.TempDir(), "none.db")}
	cases := []struct {
		args []string
		want string
	}{
		{[]string{"calendar", "deadline", "--from", "2022-09-30T16:00:00+08:00", "--workdays", "1.5"}, "2022-10-09T10:15:00+08:00"},
		{[]string{"calendar", "deadline", "--from", "2022-09-30T16:00:00+08:00", "--workdays", "1.5", "--clock", "workdays"}, "2022-10-09T12:00:00+08:00"},
		{[]string{"calendar", "deadline", "--from", "2022-09-30T16:00:00+08:00", "--workdays", "9", "--clock", "workdays"}, "2022-10-19T00:00:00+08:00"},
		{[]string{"calendar", "deadline", "--from", "2022-09-30T17:30:00+08:00", "--workdays", "1", "--clock", "workhours"}, "2022-10-08T17:30:00+08:00"},
		{[]string{"calendar", "deadline", "--from", "2022-09-30T08:00:00Z", "--workdays", "1.5"}, "2022-10-09T10:15:00+08:00"},
		{[]string{"calendar", "elapsed", "--from", "2022-09-30T16:00:00+08:00", "--to", "2022-10-09T10:15:00+08:00"}, "1.5000"},
		{[]string{"calendar", "elapsed", "--from", "2022-10-01T00:00:00+08:00", "--to", "2022-10-09T12:00:00+08:00", "--clock", "workdays"}, "1.5000"},
		{[]string{"calendar", "day", "2022-10-08"}, `{"date":"2022-10-08","working":true,"kind":"makeup","name":"国庆节"}`},
		{[]string{"calendar", "day", "2022-10-03"}, `{"date":"2022-10-03","working":false,"kind":"holiday","name":"国庆节"}`},
		{[]string{"calendar", "day", "2023-06-25"}, `{"date":"2023-06-25","working":true,"kind":"makeup","name":"端午节"}`},
		{[]string{"calendar", "day", "2022-10-15"}, `{"date":"2022-10-15","working":false,"kind":"weekend","name":""}`},
		{[]string{"calendar", "day", "2022-10-14"}, `{"date":"2022-10-14","working":true,"kind":"workday","name":""}`},
	}
	for _, c := range cases {
		code, out, errs := run(t, env, c.args...)
		if code != 0 || strings.TrimSpace(out) != c.want {
			t.Errorf("%v: exit %d, out %q (want %q), stderr %q", c.args, code, out, c.want, errs)
		}
	}
	if _, err := os.Stat(strings.TrimPrefix(env["GOVDESK_DB"], "sqlite:")); err == nil {
		t.Error("calendar commands created a database file")
	}
}

func TestExitCodes(t *testing.T) {
	env := map[string]string{"GOVDESK_DB": "sqlite:" + filepath.Join(t.TempDir(), "x.db")}
	cases := []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"--help"}, 0, ""},
		{[]string{"calendar", "deadline", "--help"}, 0, ""},
		{[]string{"import", "--help"}, 0, ""},
		{[]string{}, 2, "缺少子命令"},
		{[]string{"frobnicate"}, 2, "未知命令"},
		{[]string{"calendar", "deadline", "--from", "2022-09-30T16:00:00+08:00"}, 2, "--workdays"},
		{[]string{"calendar", "deadline", "--bogus"}, 2, "bogus"},
		{[]string{"calendar", "deadline", "--from", "yesterday", "--workdays", "1"}, 1, "RFC3339"},
		{[]string{"calendar", "deadline", "--from", "2022-09-30T16:00:00+08:00", "--workdays", "1", "--clock", "sometimes"}, 1, "错误："},
		{[]string{"calendar", "day", "2022-02-30"}, 1, "日期格式错误"},
		{[]string{"calendar", "day", "2030-01-02"}, 0, "2030"},
		{[]string{"migrate", "--db", "mysql://root@localhost/x"}, 1, "sqlite:文件路径"},
		{[]string{"migrate", "--db", "postgres://nobody@127.0.0.1:1/none?connect_timeout=2"}, 1, "无法连接数据库"},
		{[]string{"migrate", "--db", "sqlite:/nonexistent-dir/sub/x.db"}, 1, "无法连接数据库"},
		{[]string{"import", "bogus", "x.csv"}, 2, "未知的导入类型"},
		{[]string{"import", "units", "/nonexistent.csv"}, 1, "错误："},
		{[]string{"user", "add", "--username", "x"}, 2, "--password"},
	}
	for _, c := range cases {
		code, out, errs := run(t, env, c.args...)
		if code != c.code || !strings.Contains(errs+out, c.stderr) {
			t.Errorf("%v: exit %d (want %d), stdout %q, stderr %q (want %q)", c.args, code, c.code, out, errs, c.stderr)
		}
		if code == 1 && (!strings.Contains(errs, "错误：") || !strings.Contains(errs, "error: ")) {
			t.Errorf("%v: user error not in Chinese and English: %q", c.args, errs)
		}
		if c.code == 0 && len(c.args) > 0 && c.args[len(c.args)-1] == "--help" && (!strings.Contains(out, "Usage") || !strings.Contains(out, "用法")) {
			t.Errorf("%v: help not bilingual: %q", c.args, out)
		}
	}
}

func TestAccountsAndImports(t *testing.T) {
	storetest.RunDSN(t, func(t *testing.T, dsn string) {
		dir := t.TempDir()
		env := map[string]string{"GOVDESK_DB": dsn}
		units := filepath.Join(dir, "units.csv")
		os.WriteFile(units, []byte("单位编码,单位名称,单位类型,上级单位编码,备注\nC001,市行政服务中心,中心,,\nU001,市住房和城乡建设局,市直部门,C001,\n"), 0o644)
		bad := filepath.Join(dir, "bad.csv")
		os.WriteFile(bad, []byte("单位编码,单位名称,单位类型,上级单位编码\nU002,市水务局,市直部门,C001\nU003,,市直部门,C001\n"), 0o644)

		t.Run("ErrBadUnitsFile", func(t *testing.T) {
			code, _, errs := run(t, env, "import", "units", bad)
			if code != 1 || !strings.Contains(errs, "第3行") || !strings.Contains(errs, "单位名称") {
				t.Fatalf("exit %d, stderr %q", code, errs)
			}
			if code, out, _ := run(t, env, "import", "units", units); code != 0 || strings.TrimSpace(out) != `{"imported":2,"skipped":0,"updated":0}` {
				t.Fatalf("import after a rejected file: exit %d, %q", code, out)
			}
		})
		t.Run("Reimport", func(t *testing.T) {
			code, out, _ := run(t, env, "import", "units", units)
			var sum map[string]int
			if code != 0 || json.Unmarshal([]byte(out), &sum) != nil || sum["updated"] != 2 || sum["imported"] != 0 {
				t.Fatalf("exit %d, %q", code, out)
			}
		})
		t.Run("ErrUnknownUnit", func(t *testing.T) {
			code, _, errs := run(t, env, "user", "add", "--username", "zhang", "--password", "secret", "--role", "handler", "--unit", "NOPE")
			if code != 1 || !strings.Contains(errs, "NOPE") || !strings.Contains(errs, "unknown unit") {
				t.Fatalf("exit %d, stderr %q", code, errs)
			}
		})
		t.Run("UserAndToken", func(t *testing.T) {
			if code, _, errs := run(t, env, "user", "add", "--username", "zhang", "--password", "secret", "--role", "handler", "--unit", "U001"); code != 0 {
				t.Fatalf("user add: %d %s", code, errs)
			}
			code, out, errs := run(t, env, "token", "create", "--username", "zhang")
			if code != 0 || !strings.HasPrefix(out, "gd_") || len(strings.TrimSpace(out)) != 67 {
				t.Fatalf("token create: %d %q %q", code, out, errs)
			}
		})
		t.Run("CalendarImport", func(t *testing.T) {
			badCal := filepath.Join(dir, "bad.txt")
			os.WriteFile(badCal, []byte("# 2028\n2028-01-22 makeup 春节\n2028-13-01 holiday 春节\n"), 0o644)
			if code, _, errs := run(t, env, "calendar", "import", badCal); code != 1 || !strings.Contains(errs, "第3行") {
				t.Fatalf("malformed calendar: exit %d, %q", code, errs)
			}
			good := filepath.Join(dir, "good.txt")
			os.WriteFile(good, []byte("2028-01-22 makeup 春节\n2028-01-26 holiday 春节\n"), 0o644)
			if code, out, errs := run(t, env, "calendar", "import", good); code != 0 || !strings.Contains(out, `"imported":2`) {
				t.Fatalf("calendar import: %d %q %q", code, out, errs)
			}
			_, out, _ := run(t, env, "calendar", "day", "2028-01-22")
			if strings.TrimSpace(out) != `{"date":"2028-01-22","working":true,"kind":"makeup","name":"春节"}` {
				t.Fatalf("override not applied: %q", out)
			}
		})
		t.Run("SLA", func(t *testing.T) {
			if code, _, errs := run(t, env, "sla", "set", "--from", "2023-01-01", "--types", "投诉=10"); code != 0 {
				t.Fatalf("sla set: %d %s", code, errs)
			}
			code, out, _ := run(t, env, "sla", "list", "--format", "json")
			var ps []struct {
				EffectiveFrom string
				Limits        map[string]float64
			}
			if code != 0 || json.Unmarshal([]byte(out), &ps) != nil || len(ps) != 3 {
				t.Fatalf("sla list: %d %q", code, out)
			}
			if p := ps[2]; p.EffectiveFrom != "2023-01-01" || p.Limits["投诉"] != 10 || p.Limits["咨询"] != 1.5 || p.Limits["举报"] != 9 {
				t.Fatalf("new policy %+v", p)
			}
			if code, _, _ := run(t, env, "sla", "set", "--from", "2023-01-01", "--types", "吐槽=3"); code != 1 {
				t.Fatalf("unknown type accepted: %d", code)
			}
		})
	})
}
