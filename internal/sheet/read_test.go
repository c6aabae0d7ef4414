package sheet

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"govdesk/internal/app"
)

var orderSpec = Spec{Required: []string{"诉求标题", "联系电话"}, Optional: []string{"诉求内容", "受理时间"}}

// sampleCSV has its columns in another order than orderSpec, an unknown column
// (备注), padded cells and an empty row (row 3).
const sampleCSV = "联系电话,备注,诉求标题,受理时间\r\n" +
	"13800138000,x,\"\t路灯不亮\n\",2019/2/28 11:25:05\r\n" +
	",,,\r\n" +
	"\u300013900139000\u3000,,噪音扰民 ,2022-03-05\r\n"

func checkSample(t *testing.T, tb *Table) {
	t.Helper()
	if want := []string{"联系电话", "备注", "诉求标题", "受理时间"}; !reflect.DeepEqual(tb.Headers, want) {
		t.Errorf("Headers = %q, want %q", tb.Headers, want)
	}
	if want := []string{"备注"}; !reflect.DeepEqual(tb.Unknown, want) {
		t.Errorf("Unknown = %q, want %q", tb.Unknown, want)
	}
	if len(tb.Rows) != 2 {
		t.Fatalf("got %d rows, want 2", len(tb.Rows))
	}
	r := tb.Rows[0]
	if r.Num != 2 || r.Get("诉求标题") != "路灯不亮" || r.Get("联系电话") != "13800138000" ||
		r.Get("受理时间") != "2019/2/28 11:25:05" || r.Get("诉求内容") != "" || r.Get("备注") != "x" {
		t.Errorf("row 0 = %d %v", r.Num, r.cells)
	}
	r = tb.Rows[1]
	if r.Num != 4 || r.Get("诉求标题") != "噪音扰民" || r.Get("联系电话") != "13900139000" {
		t.Errorf("row 1 = %d %v", r.Num, r.cells)
	}
}

func TestRead_UTF8(t *testing.T) {
	tb, err := Read("工单.csv", strings.NewReader(sampleCSV), orderSpec)
	if err != nil {
		t.Fatal(err)
	}
	checkSample(t, tb)
}

func TestRead_UTF8BOM(t *testing.T) {
	tb, err := Read("工单.CSV", strings.NewReader("\ufeff"+sampleCSV), orderSpec)
	if err != nil {
		t.Fatal(err)
	}
	checkSample(t, tb)
}

func TestRead_GB18030(t *testing.T) {
	gbk, err := simplifiedchinese.GB18030.NewEncoder().String(sampleCSV)
	if err != nil {
		t.Fatal(err)
	}
	if gbk == sampleCSV {
		t.Fatal("fixture was not re-encoded")
	}
	tb, err := Read("工单.csv", strings.NewReader(gbk), orderSpec)
	if err != nil {
		t.Fatal(err)
	}
	checkSample(t, tb)
}

func TestRead_XLSX(t *testing.T) {
	rows := [][]string{
		{"13800138000", "x", "\t路灯不亮\n", "2019/2/28 11:25:05"},
		{"", "", "", ""},
		{"\u300013900139000\u3000", "", "噪音扰民 ", "2022-03-05"},
	}
	path := filepath.Join(t.TempDir(), "工单.xlsx")
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, []string{"联系电话", "备注", "诉求标题", "受理时间"}, rows); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	tb, err := ReadFile(path, orderSpec)
	if err != nil {
		t.Fatal(err)
	}
	checkSample(t, tb)
}

func TestRead_MissingRequired(t *testing.T) {
	_, err := Read("a.csv", strings.NewReader("诉求内容,备注\n内容,x\n"), orderSpec)
	if app.ErrorCode(err) != app.EInvalid {
		t.Fatalf("err = %v, want invalid", err)
	}
	if msg := app.ErrorMessage(err); !strings.Contains(msg, "诉求标题、联系电话") {
		t.Errorf("message %q does not name the missing columns", msg)
	}
}

func TestRead_Mapping(t *testing.T) {
	m, err := ParseMap("留言主题=诉求标题，留言电话＝联系电话")
	if err != nil {
		t.Fatal(err)
	}
	src := "留言电话,留言主题,留言详情\n13800138000,路灯不亮,详情\n"
	tb, err := Read("a.csv", strings.NewReader(src), Spec{Required: orderSpec.Required, Optional: orderSpec.Optional, Map: m})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"联系电话", "诉求标题", "留言详情"}; !reflect.DeepEqual(tb.Headers, want) {
		t.Errorf("Headers = %q, want %q", tb.Headers, want)
	}
	if want := []string{"留言详情"}; !reflect.DeepEqual(tb.Unknown, want) {
		t.Errorf("Unknown = %q, want %q", tb.Unknown, want)
	}
	if r := tb.Rows[0]; r.Get("诉求标题") != "路灯不亮" || r.Get("联系电话") != "13800138000" || r.Get("留言主题") != "" {
		t.Errorf("row = %v", r.cells)
	}
}

func TestRead_DuplicateHeaderAfterMapping(t *testing.T) {
	src := "留言主题,诉求标题,联系电话\na,b,c\n"
	_, err := Read("a.csv", strings.NewReader(src), Spec{Required: orderSpec.Required, Map: map[string]string{"留言主题": "诉求标题"}})
	if app.ErrorCode(err) != app.EInvalid || !strings.Contains(app.ErrorMessage(err), "诉求标题") {
		t.Fatalf("err = %v", err)
	}
}

func TestRead_Trim(t *testing.T) {
	src := " 诉求标题\u3000,\t联系电话\n" +
		"\"\n\t 路灯\u00a0不亮\u3000\n\t\",\u3000 13800138000\r\n\n"
	tb, err := Read("a.csv", strings.NewReader(src), orderSpec)
	if err != nil {
		t.Fatal(err)
	}
	if r := tb.Rows[0]; r.Get("诉求标题") != "路灯\u00a0不亮" || r.Get("联系电话") != "13800138000" {
		t.Errorf("row = %q", r.cells)
	}
}

// A CSV row number counts records as a spreadsheet program shows them: a
// quoted multi-line cell is one row, a blank line is one (skipped) row.
func TestRead_CSVRowNumbers(t *testing.T) {
	src := "诉求标题,联系电话\n" + // row 1
		"\"第一行\n第二行\",1\n" + // row 2, two lines
		"\n" + // row 3, blank
		" , \n" + // row 4, blank cells
		"b,2\n" + // row 5
		"\r\n\r\n" + // rows 6, 7
		"c,3" // row 8, no final newline
	tb, err := Read("a.csv", strings.NewReader(src), orderSpec)
	if err != nil {
		t.Fatal(err)
	}
	var nums []int
	for _, r := range tb.Rows {
		nums = append(nums, r.Num)
	}
	if want := []int{2, 5, 8}; !reflect.DeepEqual(nums, want) {
		t.Errorf("row numbers = %v, want %v", nums, want)
	}
	if got := tb.Rows[0].Get("诉求标题"); got != "第一行\n第二行" {
		t.Errorf("multi-line cell = %q", got)
	}
}

func TestRead_XLSXEmptyRowsKeepNumbers(t *testing.T) {
	var buf bytes.Buffer
	rows := [][]string{{"a", "1"}, {}, {"", "\t"}, {"b", "2"}}
	if err := WriteXLSX(&buf, []string{"诉求标题", "联系电话"}, rows); err != nil {
		t.Fatal(err)
	}
	tb, err := Read("a.xlsx", &buf, orderSpec)
	if err != nil {
		t.Fatal(err)
	}
	if len(tb.Rows) != 2 || tb.Rows[0].Num != 2 || tb.Rows[1].Num != 5 || tb.Rows[1].Get("诉求标题") != "b" {
		t.Errorf("rows = %+v", tb.Rows)
	}
}

func TestRead_UnsupportedExtension(t *testing.T) {
	for _, name := range []string{"a.txt", "a.xls", "noext"} {
		_, err := Read(name, strings.NewReader("x"), Spec{})
		if app.ErrorCode(err) != app.EInvalid || !strings.Contains(app.ErrorMessage(err), "不支持") {
			t.Errorf("%s: err = %v", name, err)
		}
	}
}

func TestRead_BadFiles(t *testing.T) {
	cases := map[string]string{
		"empty.csv":   "",
		"blank.csv":   "\n , \n",
		"broken.xlsx": "not a zip",
		"utf16.csv":   "\xff\xfea\x00",
	}
	for name, body := range cases {
		_, err := Read(name, strings.NewReader(body), orderSpec)
		if app.ErrorCode(err) != app.EInvalid {
			t.Errorf("%s: err = %v, want invalid", name, err)
		}
	}
	if _, err := ReadFile(filepath.Join(t.TempDir(), "missing.csv"), orderSpec); app.ErrorCode(err) != app.EInvalid {
		t.Errorf("missing file: err = %v", err)
	}
}

func TestRead_NoSpecAcceptsAll(t *testing.T) {
	tb, err := Read("a.csv", strings.NewReader("甲,乙\n1,2\n"), Spec{})
	if err != nil {
		t.Fatal(err)
	}
	if len(tb.Unknown) != 0 || tb.Rows[0].Get("乙") != "2" {
		t.Errorf("table = %+v", tb)
	}
}

func TestNewRow(t *testing.T) {
	r := NewRow(7, map[string]string{" 诉求标题 ": " a\n"})
	if r.Num != 7 || r.Get("诉求标题") != "a" {
		t.Errorf("row = %+v", r)
	}
}
