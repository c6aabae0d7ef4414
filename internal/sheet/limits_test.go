package sheet

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"govdesk/internal/app"
	"govdesk/internal/sheet/sheettest"
)

// TestRead_HostileXLSX reads each hostile workbook (small on disk, hundreds of
// MB unpacked, or past a row or column limit) with the default limits: each is
// refused with a message naming its limit. The memory each costs is measured
// under a cap by the import's test in internal/cli (TestImportHostileFilesUnderMemoryCap).
func TestRead_HostileXLSX(t *testing.T) {
	dir := t.TempDir()
	for _, h := range sheettest.Hostiles() {
		t.Run(h.Name, func(t *testing.T) {
			path := filepath.Join(dir, h.Name+".xlsx")
			if err := h.Write(path); err != nil {
				t.Fatal(err)
			}
			_, err := ReadFile(path, Spec{})
			if app.ErrorCode(err) != app.EInvalid || !strings.Contains(app.ErrorMessage(err), h.Want) {
				t.Fatalf("%s: err = %v, want invalid with %q", sheettest.Describe(path), err, h.Want)
			}
		})
	}
}

// workbook returns an .xlsx of the given rows, written by excelize.
func workbook(t *testing.T, rows [][]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, rows[0], rows[1:]); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestRead_Limits checks each limit on both formats with small limits: a file
// just within passes, one past it is refused naming the limit.
func TestRead_Limits(t *testing.T) {
	small := Limits{MaxRows: 4, MaxColumns: 3, MaxCellChars: 5, MaxTextBytes: 30,
		MaxUnpackedBytes: 1 << 20, MaxPartBytes: 64 << 10, MaxSharedStrings: 100}
	csvOf := func(rows [][]string) []byte {
		var b strings.Builder
		for _, r := range rows {
			b.WriteString(strings.Join(r, ",") + "\n")
		}
		return []byte(b.String())
	}
	ok := [][]string{{"a", "b", "c"}, {"12345", "工单", ""}, {"x", "y", "z"}, {"1", "2", "3"}}
	cases := []struct {
		name string
		rows [][]string
		want string
	}{
		{"rows", append(ok, []string{"4", "5", "6"}), "行数超过上限 4 行"},
		{"columns", append(ok[:2:2], []string{"1", "2", "3", "4"}), "第 3 行有 4 列，超过上限 3 列"},
		{"cell", append(ok[:2:2], []string{"123456"}), "第 3 行有单元格超过 5 个字符"},
		{"chinese-cell", append(ok[:2:2], []string{"工单工单工单"}), "第 3 行有单元格超过 5 个字符"},
		{"text", append(ok[:3:3], []string{"abcde", "abcde", "abcde"}, []string{"abcde", "abcde", "abcde"})[:4], "文件内容超过"},
	}
	for _, format := range []string{"csv", "xlsx"} {
		data := map[bool][]byte{}
		for _, c := range cases {
			t.Run(format+"/"+c.name, func(t *testing.T) {
				data[false] = csvOf(c.rows)
				if format == "xlsx" {
					data[false] = workbook(t, c.rows)
				}
				_, err := readWithin("f."+format, bytes.NewReader(data[false]), Spec{}, small)
				if app.ErrorCode(err) != app.EInvalid || !strings.Contains(app.ErrorMessage(err), c.want) {
					t.Fatalf("err = %v, want invalid with %q", err, c.want)
				}
			})
		}
		t.Run(format+"/within", func(t *testing.T) {
			in := csvOf(ok)
			if format == "xlsx" {
				in = workbook(t, ok)
			}
			tab, err := readWithin("f."+format, bytes.NewReader(in), Spec{}, small)
			if err != nil || len(tab.Rows) != 3 {
				t.Fatalf("within the limits: %v, %+v", err, tab)
			}
		})
	}
}

// TestRead_XLSXPartLimits refuses a workbook whose parts unpack past
// MaxUnpackedBytes, or whose in-memory part (styles, pictures) passes MaxPartBytes.
func TestRead_XLSXPartLimits(t *testing.T) {
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"编号", "内容"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"1", strings.Repeat("路灯不亮", 5000)})
	for i := 0; i < 300; i++ { // a styles part of some size
		f.NewStyle(&excelize.Style{CustomNumFmt: ptr(fmt.Sprintf(`0.%0*d"单位%d"`, 1+i%9, 0, i))})
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	l := DefaultLimits
	l.MaxUnpackedBytes = 40 << 10
	if _, err := readWithin("f.xlsx", bytes.NewReader(buf.Bytes()), Spec{}, l); !strings.Contains(app.ErrorMessage(err), "解压后超过") {
		t.Errorf("unpacked: err = %v", err)
	}
	l = DefaultLimits
	l.MaxPartBytes = 8 << 10
	if _, err := readWithin("f.xlsx", bytes.NewReader(buf.Bytes()), Spec{}, l); !strings.Contains(app.ErrorMessage(err), "解压后超过") {
		t.Errorf("part: err = %v", err)
	}
	if tab, err := Read("f.xlsx", bytes.NewReader(buf.Bytes()), Spec{}); err != nil || len(tab.Rows) != 1 {
		t.Errorf("default limits: %v", err)
	}
}

func ptr[T any](v T) *T { return &v }

// TestRead_CSVBareCR reads files whose lines end with a bare CR (old Mac, some
// Excel exports) or mix CR, LF and CRLF: every row is read, a quoted cell keeps
// its line break, and row numbers are those a spreadsheet shows.
func TestRead_CSVBareCR(t *testing.T) {
	for name, body := range map[string]string{
		"cr":    "诉求标题,联系电话\r路灯不亮,13800138000\r\"噪音\r扰民\",13900139000\r井盖缺失,13700137000\r",
		"mixed": "诉求标题,联系电话\n路灯不亮,13800138000\r\n\"噪音\r\n扰民\",13900139000\r井盖缺失,13700137000",
	} {
		tab, err := Read("f.csv", strings.NewReader(body), orderSpec)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(tab.Rows) != 3 {
			t.Fatalf("%s: %d rows, want 3", name, len(tab.Rows))
		}
		if got := tab.Rows[1].Get("诉求标题"); got != "噪音\n扰民" {
			t.Errorf("%s: quoted cell = %q", name, got)
		}
		if tab.Rows[2].Num != 4 || tab.Rows[2].Get("联系电话") != "13700137000" {
			t.Errorf("%s: last row = %d %q", name, tab.Rows[2].Num, tab.Rows[2].cells)
		}
	}
}
