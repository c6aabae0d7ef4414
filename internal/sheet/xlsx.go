package sheet

import (
	"errors"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"govdesk/internal/app"
)

// readXLSX reads every row of the first sheet of an XLSX workbook. Cell values
// are read raw (no number format applied), so numbers keep their full value;
// numeric cells with a date or time format are rendered as
// "2006-01-02 15:04:05" (or "2006-01-02" / "15:04:05"), which ParseTime reads.
//
// A panic inside excelize on a malformed upload becomes an "invalid" error.
func readXLSX(r io.Reader) (recs []record, err error) {
	defer func() {
		if p := recover(); p != nil {
			recs, err = nil, app.Invalid("无法读取 Excel 文件：文件内容已损坏").WithDetail("cannot read the Excel file, it is damaged: %v", p)
		}
	}()
	f, err := excelize.OpenReader(r)
	if err != nil {
		if errors.Is(err, excelize.ErrWorkbookPassword) {
			return nil, app.Invalid("Excel 文件设置了打开密码，请取消密码后再导入").WithDetail("the Excel file is password-protected; remove the password first")
		}
		return nil, app.Invalid("无法读取 Excel 文件：文件已损坏或不是有效的 .xlsx 文件").WithDetail("not a valid .xlsx file: %v", err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, app.Invalid("Excel 文件中没有工作表").WithDetail("the Excel file has no sheet")
	}
	name := sheets[0]
	rows, err := f.GetRows(name, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, app.Invalid("无法读取 Excel 工作表“%s”", name).WithDetail("cannot read the sheet %q: %v", name, err)
	}
	date1904 := false
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		date1904 = *props.Date1904
	}
	dates := dateStyles{f: f, kinds: make(map[int]bool)}
	anyDates := dates.scan()
	recs = make([]record, len(rows))
	for i, cells := range rows {
		for j, v := range cells {
			if !anyDates || !looksNumeric(v) || !dates.isDate(name, j+1, i+1) {
				continue
			}
			if s, ok := formatSerial(v, date1904); ok {
				cells[j] = s
			}
		}
		recs[i] = record{num: i + 1, cells: cells}
	}
	return recs, nil
}

// looksNumeric reports whether a raw cell value is a plain number.
func looksNumeric(v string) bool {
	if v == "" {
		return false
	}
	_, err := strconv.ParseFloat(v, 64)
	return err == nil && !strings.ContainsAny(v, "xXnNiI") // no hex, NaN, Inf
}

// formatSerial renders a date serial as text ParseTime reads.
func formatSerial(v string, date1904 bool) (string, bool) {
	f, _ := strconv.ParseFloat(v, 64)
	if f >= 0 && f < 1 { // time of day only
		t, ok := serialClock(f)
		return t, ok
	}
	t, ok := serialTime(f, date1904)
	if !ok {
		return "", false
	}
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
		return t.Format("2006-01-02"), true
	}
	return t.Format("2006-01-02 15:04:05"), true
}

// dateStyles caches, per style index, whether the number format is a date or
// time format.
type dateStyles struct {
	f     *excelize.File
	kinds map[int]bool
}

// scan classifies every cell style of the workbook and reports whether any of
// them is a date or time format; when none is, per-cell style look-ups (which
// parse the whole sheet a second time) are skipped.
func (d dateStyles) scan() bool {
	found := false
	for idx := 0; ; idx++ {
		st, err := d.f.GetStyle(idx)
		if err != nil || st == nil {
			return found
		}
		k := kindOf(st)
		d.kinds[idx] = k
		found = found || k
	}
}

func kindOf(st *excelize.Style) bool {
	if st.CustomNumFmt != nil {
		return isDateFormat(*st.CustomNumFmt)
	}
	return isDateNumFmt(st.NumFmt)
}

func (d dateStyles) isDate(sheet string, col, row int) bool {
	cell, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		return false
	}
	idx, err := d.f.GetCellStyle(sheet, cell)
	if err != nil {
		return false
	}
	if k, ok := d.kinds[idx]; ok {
		return k
	}
	k := false
	if st, err := d.f.GetStyle(idx); err == nil && st != nil {
		k = kindOf(st)
	}
	d.kinds[idx] = k
	return k
}

// isDateNumFmt reports whether a built-in number format ID is a date or time
// format (including the zh-CN and other East Asian locale IDs).
func isDateNumFmt(id int) bool {
	return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) ||
		(id >= 45 && id <= 47) || (id >= 50 && id <= 58) || (id >= 71 && id <= 81)
}

// isDateFormat reports whether a custom number format code formats dates or
// times: after removing quoted text, escaped characters, bracketed sections
// (except elapsed-time [h] [m] [s]) and fill/padding characters, it contains
// a y, d, h or s token (m alone is ambiguous and never alone in a date format).
func isDateFormat(code string) bool {
	code = strings.ToLower(code)
	if i := strings.IndexByte(code, ';'); i >= 0 {
		code = code[:i] // the positive section decides
	}
	code = strings.ReplaceAll(code, "general", "")
	var b strings.Builder
	for i := 0; i < len(code); i++ {
		switch c := code[i]; c {
		case '"':
			j := strings.IndexByte(code[i+1:], '"')
			if j < 0 {
				i = len(code)
			} else {
				i += j + 1
			}
		case '\\', '_', '*':
			i++ // skip the escaped, padding or fill character
		case '[':
			j := strings.IndexByte(code[i:], ']')
			if j < 0 {
				i = len(code)
				break
			}
			inner := code[i+1 : i+j]
			if strings.Trim(inner, "hms") == "" {
				b.WriteString(inner)
			}
			i += j
		default:
			b.WriteByte(c)
		}
	}
	return strings.ContainsAny(b.String(), "ydhs")
}
