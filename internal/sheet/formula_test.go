package sheet

import (
	"bytes"
	"strings"
	"testing"
)

func TestSafeText(t *testing.T) {
	cases := map[string]string{
		"=1+1":           "'=1+1",
		"+1+cmd":         "'+1+cmd",
		"-2+3":           "'-2+3",
		"@SUM(A1)":       "'@SUM(A1)",
		"\t=1":           "'\t=1",
		"\r=1":           "'\r=1",
		"'=1":            "''=1",
		"''-x":           "'''-x",
		"-12.5":          "-12.5",
		"+8613800138000": "+8613800138000",
		"-1e5":           "-1e5",
		"-Inf":           "'-Inf",
		"-0x1p3":         "'-0x1p3",
		"路灯不亮":           "路灯不亮",
		"'引号":            "'引号",
		"a=b":            "a=b",
		"":               "",
	}
	for in, want := range cases {
		if got := SafeText(in); got != want {
			t.Errorf("SafeText(%q) = %q, want %q", in, got, want)
		}
		if got := RestoreText(SafeText(in)); got != in {
			t.Errorf("RestoreText(SafeText(%q)) = %q", in, got)
		}
	}
}

// TestWrite_NeutralisesFormulas writes formula-like cells to CSV and XLSX and
// reads them back: the files hold them quoted, Read gives the originals.
func TestWrite_NeutralisesFormulas(t *testing.T) {
	headers := []string{"=标题", "内容"}
	rows := [][]string{{"=cmd|' /C calc'!A0", "-5"}, {"@x", "正常"}}
	var c, x bytes.Buffer
	if err := WriteCSV(&c, headers, rows, false); err != nil {
		t.Fatal(err)
	}
	if err := WriteXLSX(&x, headers, rows); err != nil {
		t.Fatal(err)
	}
	if s := c.String(); !strings.Contains(s, "'=标题,") || !strings.Contains(s, "'=cmd|' /C calc'!A0,-5") || !strings.Contains(s, "'@x,") {
		t.Errorf("csv = %q", s)
	}
	for name, data := range map[string][]byte{"f.csv": c.Bytes(), "f.xlsx": x.Bytes()} {
		tab, err := Read(name, bytes.NewReader(data), Spec{})
		if err != nil {
			t.Fatal(err)
		}
		if tab.Headers[0] != "=标题" || tab.Rows[0].Get("=标题") != rows[0][0] || tab.Rows[0].Get("内容") != "-5" || tab.Rows[1].Get("=标题") != "@x" {
			t.Errorf("%s read back: %q %v", name, tab.Headers, tab.Rows)
		}
	}
}
