package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"govdesk/internal/document/documenttest"
	"govdesk/internal/store/storetest"
)

// TestReport writes each brief over the orders of seedStats and opens the files.
func TestReport(t *testing.T) {
	storetest.RunDSN(t, func(t *testing.T, dsn string) {
		seedStats(t, dsn)
		env := map[string]string{"GOVDESK_DB": dsn}
		dir := t.TempDir()
		for _, c := range []struct {
			args []string
			want []string // in the .docx
		}{
			{[]string{"report", "annual", "--year", "2022"}, []string{"年度研判报告", "全年共受理群众诉求3件，上年同期1件，同比增长 200.00%", "六、意见建议"}},
			{[]string{"report", "monthly", "--month", "2022-05"}, []string{"每月简报", "本月共受理群众诉求1件，上年同期1件，与上年同期持平"}},
			{[]string{"report", "weekly", "--week", "2022-W09"}, []string{"每周典型工单", "本周共受理群众诉求1件", "本周典型工单共 1 件"}},
		} {
			for _, ext := range []string{".docx", ".xlsx"} {
				out := filepath.Join(dir, c.args[1]+ext)
				code, stdout, errs := run(t, env, append(c.args, "--out", out)...)
				if code != 0 || !strings.Contains(stdout, out) {
					t.Fatalf("%v: exit %d, stdout %q, stderr %q", c.args, code, stdout, errs)
				}
				data, err := os.ReadFile(out)
				if err != nil {
					t.Fatal(err)
				}
				parts := documenttest.Parts(t, data)
				if ext == ".xlsx" {
					if parts["xl/workbook.xml"] == nil {
						t.Errorf("%s is not a workbook", out)
					}
					continue
				}
				text := documenttest.DocxText(t, data)
				for _, w := range c.want {
					if !documenttest.Contains(text, w) {
						t.Errorf("%s lacks %q", out, w)
					}
				}
			}
		}
	})
}

func TestReport_Errors(t *testing.T) {
	env := map[string]string{"GOVDESK_DB": storetest.SQLiteDSN(t)}
	out := filepath.Join(t.TempDir(), "x.docx")
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"report", "--help"}, 0, "monthly"},
		{[]string{"report", "monthly", "--help"}, 0, "每月简报"},
		{[]string{"report", "monthly", "--month", "2022-09"}, 2, "--out"},
		{[]string{"report", "annual", "--out", out}, 2, "--year"},
		{[]string{"report", "weekly", "--week", "2022-W39", "--out", out, "extra"}, 2, "--week"},
		{[]string{"report", "quarterly"}, 2, "未知命令"},
		{[]string{"report", "weekly", "--week", "2022-39", "--out", out}, 1, "ISO 周"},
		{[]string{"report", "weekly", "--week", "2021-W53", "--out", out}, 1, "没有第 53 周"},
		{[]string{"report", "monthly", "--month", "2022-13", "--out", out}, 1, "01 至 12"},
		{[]string{"report", "annual", "--year", "22", "--out", out}, 1, "四位数字"},
		{[]string{"report", "monthly", "--month", "2022-09", "--out", "brief.pdf"}, 1, ".docx（Word）或 .xlsx（Excel）"},
		{[]string{"report", "annual", "--year", "2022", "--out", filepath.Join(t.TempDir(), "no", "such", "x.docx")}, 1, "无法写入文件"},
	}
	for _, c := range cases {
		code, stdout, errs := run(t, env, c.args...)
		if code != c.code || !strings.Contains(stdout+errs, c.want) {
			t.Errorf("%v: exit %d (want %d), stdout %q, stderr %q (want %q)", c.args, code, c.code, stdout, errs, c.want)
		}
		if code == 1 && (!strings.Contains(errs, "错误：") || !strings.Contains(errs, "error: invalid")) {
			t.Errorf("%v: not in Chinese and English: %q", c.args, errs)
		}
		if code == 0 && (!strings.Contains(stdout, "Usage") || !strings.Contains(stdout, "简报")) {
			t.Errorf("%v: help not bilingual: %q", c.args, stdout)
		}
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("a failed run left a file")
	}
}
