package sheet

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"govdesk/internal/app"
)

// readXLSX reads the rows of the first sheet of an XLSX workbook within the
// limits. Cell values are read raw (no number format applied), so numbers keep
// their full value; numeric cells with a date or time format are rendered as
// "2006-01-02 15:04:05" (or "2006-01-02" / "15:04:05"), which ParseTime reads.
//
// Nothing is unpacked whole: the parts' sizes are checked first, the shared
// strings and the sheet are streamed once in constant memory to bound every
// piece of them (scanXML), and the rows are then read one by one with
// excelize's row iterator (worksheets over 16 MB are unpacked to a temporary
// file, not to memory), each checked before it is kept.
//
// A panic inside excelize on a malformed upload becomes an "invalid" error.
func readXLSX(r io.Reader, l Limits) (recs []record, err error) {
	defer func() {
		if p := recover(); p != nil {
			recs, err = nil, app.Invalid("无法读取 Excel 文件：文件内容已损坏").WithDetail("cannot read the Excel file, it is damaged: %v", p)
		}
	}()
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, app.Internal(err, "sheet: read xlsx")
	}
	notXLSX := func(err error) error {
		return app.Invalid("无法读取 Excel 文件：文件已损坏或不是有效的 .xlsx 文件").WithDetail("not a valid .xlsx file: %v", err)
	}
	var zr *zip.Reader
	if !bytes.HasPrefix(data, oleHeader) { // encrypted workbooks are OLE files; excelize says so below
		if zr, err = zip.NewReader(bytes.NewReader(data), int64(len(data))); err != nil {
			return nil, notXLSX(err)
		}
		if err := checkParts(zr, l); err != nil {
			return nil, err
		}
		if sst := zipPart(zr, "xl/sharedStrings.xml"); sst != nil {
			if err := scanSharedStrings(sst, l); err != nil {
				return nil, err
			}
		}
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit:    l.MaxUnpackedBytes,
		UnzipXMLSizeLimit: min(16<<20, l.MaxUnpackedBytes),
	})
	data = nil
	if err != nil {
		if errors.Is(err, excelize.ErrWorkbookPassword) {
			return nil, app.Invalid("Excel 文件设置了打开密码，请取消密码后再导入").WithDetail("the Excel file is password-protected; remove the password first")
		}
		return nil, notXLSX(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, app.Invalid("Excel 文件中没有工作表").WithDetail("the Excel file has no sheet")
	}
	name := sheets[0]
	part := zipPart(zr, firstSheetPath(zr))
	if part == nil {
		return nil, app.Invalid("无法读取 Excel 工作表“%s”", name).WithDetail("no part for the first sheet %q", name)
	}
	date1904 := false
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		date1904 = *props.Date1904
	}
	dates := dateStyles{f: f, kinds: make(map[int]bool)}
	dates.scan()
	scan, err := scanSheet(part, l, dates.isDate)
	if err != nil {
		return nil, err
	}
	rows, err := f.Rows(name)
	if err != nil {
		return nil, app.Invalid("无法读取 Excel 工作表“%s”", name).WithDetail("cannot read the sheet %q: %v", name, err)
	}
	defer rows.Close()
	b := budget{l: l}
	next := 0 // the next of scan.dateCells
	for num := 1; rows.Next(); num++ {
		if num > l.MaxRows {
			return nil, l.tooManyRows()
		}
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, app.Invalid("无法读取 Excel 工作表“%s”第 %d 行", name, num).WithDetail("read row %d of %q: %v", num, name, err)
		}
		cells = trimTrailing(cells)
		if len(cells) == 0 {
			continue
		}
		if err := b.keep(num, cells); err != nil {
			return nil, err
		}
		for next < len(scan.dateCells) && scan.dateCells[next]>>16 < uint64(num) {
			next++
		}
		for ; next < len(scan.dateCells) && scan.dateCells[next]>>16 == uint64(num); next++ {
			j := int(scan.dateCells[next]&0xffff) - 1
			if j < len(cells) && looksNumeric(cells[j]) {
				if s, ok := formatSerial(cells[j], date1904); ok {
					cells[j] = s
				}
			}
		}
		recs = append(recs, record{num: num, cells: slices.Clip(cells)})
	}
	if err := rows.Error(); err != nil {
		if errors.Is(err, excelize.ErrMaxRows) {
			return nil, l.tooManyRows()
		}
		return nil, app.Invalid("无法读取 Excel 工作表“%s”", name).WithDetail("cannot read the sheet %q: %v", name, err)
	}
	return recs, nil
}

// oleHeader starts a compound file, what Excel writes for a workbook with a password.
var oleHeader = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// firstSheetPath returns the zip path of the workbook's first sheet, following
// the package and workbook relationships as Excel does.
func firstSheetPath(zr *zip.Reader) string {
	type rel struct {
		ID     string `xml:"Id,attr"`
		Type   string `xml:"Type,attr"`
		Target string `xml:"Target,attr"`
	}
	type rels struct {
		Rels []rel `xml:"Relationship"`
	}
	readXML := func(name string, v any) bool {
		f := zipPart(zr, name)
		if f == nil {
			return false
		}
		rc, err := f.Open()
		if err != nil {
			return false
		}
		defer rc.Close()
		return xml.NewDecoder(rc).Decode(v) == nil
	}
	resolve := func(dir, target string) string {
		if strings.HasPrefix(target, "/") {
			return strings.TrimPrefix(target, "/")
		}
		return path.Join(dir, target)
	}
	book := "xl/workbook.xml"
	var pkg rels
	if readXML("_rels/.rels", &pkg) {
		for _, r := range pkg.Rels {
			if strings.HasSuffix(r.Type, "/officeDocument") {
				book = resolve("", r.Target)
			}
		}
	}
	var wb struct {
		Sheets []struct {
			ID string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var bookRels rels
	dir := path.Dir(book)
	if !readXML(book, &wb) || len(wb.Sheets) == 0 || !readXML(path.Join(dir, "_rels", path.Base(book)+".rels"), &bookRels) {
		return ""
	}
	for _, r := range bookRels.Rels {
		if r.ID == wb.Sheets[0].ID {
			return resolve(dir, r.Target)
		}
	}
	return ""
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

// scan classifies every cell style of the workbook (the styles part is
// bounded by MaxPartBytes).
func (d dateStyles) scan() {
	for idx := 0; ; idx++ {
		st, err := d.f.GetStyle(idx)
		if err != nil || st == nil {
			return
		}
		d.kinds[idx] = kindOf(st)
	}
}

func kindOf(st *excelize.Style) bool {
	if st.CustomNumFmt != nil {
		return isDateFormat(*st.CustomNumFmt)
	}
	return isDateNumFmt(st.NumFmt)
}

// isDate reports whether the cell style with the given index is a date or time format.
func (d dateStyles) isDate(idx int) bool { return d.kinds[idx] }

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
