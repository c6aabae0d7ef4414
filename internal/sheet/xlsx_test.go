package sheet

import (
	"bytes"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// TestRead_XLSXDateCells builds a workbook with date-formatted numeric cells,
// a text time, a bare serial and plain numbers, and checks what Read returns
// and that ParseTime reads it.
func TestRead_XLSXDateCells(t *testing.T) {
	for _, date1904 := range []bool{false, true} {
		f := excelize.NewFile()
		if date1904 {
			if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &date1904}); err != nil {
				t.Fatal(err)
			}
		}
		custom := "yyyy/m/d h:mm"
		styles := map[string]*excelize.Style{
			"B2": {CustomNumFmt: &custom},           // custom date-time format
			"C2": {NumFmt: 31},                      // zh-CN yyyy"年"m"月"d"日"
			"D2": {NumFmt: 14},                      // locale short date
			"E2": {NumFmt: 20},                      // h:mm
			"G2": {NumFmt: 4},                       // #,##0.00, not a date
			"H2": {CustomNumFmt: strPtr(`"第"0"号"`)}, // quoted text only
		}
		serial := 42894.7300925926 // 2017-06-08 17:31:20 in the 1900 system
		dateOnly := 44625.0        // 2022-03-05
		if date1904 {
			serial -= 1462
			dateOnly -= 1462
		}
		values := map[string]any{
			"A1": "文本时间", "B1": "自定义格式", "C1": "中文日期", "D1": "短日期", "E1": "时刻",
			"F1": "序列号", "G1": "金额", "H1": "编号", "I1": "电话", "J1": "写入时间",
			"A2": "2019/2/28 11:25:05", "B2": serial, "C2": dateOnly, "D2": dateOnly, "E2": 0.5,
			"F2": 42894.7300925926, "G2": 1234.5, "H2": 7, "I2": 13800138000,
			"J2": time.Date(2021, 12, 31, 23, 59, 58, 0, time.UTC),
		}
		for cell, v := range values {
			if err := f.SetCellValue("Sheet1", cell, v); err != nil {
				t.Fatal(err)
			}
		}
		for cell, st := range styles {
			id, err := f.NewStyle(st)
			if err != nil {
				t.Fatal(err)
			}
			if err := f.SetCellStyle("Sheet1", cell, cell, id); err != nil {
				t.Fatal(err)
			}
		}
		var buf bytes.Buffer
		if err := f.Write(&buf); err != nil {
			t.Fatal(err)
		}
		tb, err := Read("dates.xlsx", &buf, Spec{})
		if err != nil {
			t.Fatal(err)
		}
		r := tb.Rows[0]
		want := map[string]string{
			"文本时间":  "2019/2/28 11:25:05",
			"自定义格式": "2017-06-08 17:31:20",
			"中文日期":  "2022-03-05",
			"短日期":   "2022-03-05",
			"时刻":    "12:00:00",
			"序列号":   "42894.7300925926", // General format: left to ParseTime
			"金额":    "1234.5",
			"编号":    "7",
			"电话":    "13800138000",
			"写入时间":  "2021-12-31 23:59:58",
		}
		for col, w := range want {
			if got := r.Get(col); got != w {
				t.Errorf("date1904=%v %s = %q, want %q", date1904, col, got, w)
			}
		}
		for _, col := range []string{"文本时间", "自定义格式", "序列号"} {
			if _, err := ParseTime(r.Get(col)); err != nil {
				t.Errorf("ParseTime(%s) = %v", col, err)
			}
		}
		if got, _ := ParseTime(r.Get("序列号")); got.Format(time.RFC3339) != "2017-06-08T17:31:20+08:00" {
			t.Errorf("serial cell = %v", got)
		}
	}
}

func strPtr(s string) *string { return &s }

func TestIsDateFormat(t *testing.T) {
	cases := map[string]bool{
		"yyyy/m/d h:mm":                          true,
		`yyyy"年"m"月"d"日";@`:                      true,
		"[$-804]aaaa yyyy-mm-dd":                 true,
		"[h]:mm:ss":                              true,
		"mm:ss":                                  true,
		"0.00":                                   false,
		"#,##0.00_);[Red](#,##0.00)":             false,
		`"¥"#,##0.00`:                            false,
		`_-* #,##0_-;-* #,##0_-;_-* "-"_-;_-@_-`: false,
		`"days: "0`:                              false,
		"General":                                false,
		"0.00E+00":                               false,
		"@":                                      false,
	}
	for code, want := range cases {
		if got := isDateFormat(code); got != want {
			t.Errorf("isDateFormat(%q) = %v, want %v", code, got, want)
		}
	}
}
