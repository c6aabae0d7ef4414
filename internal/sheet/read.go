package sheet

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"govdesk/internal/app"
)

// Table is a file read by Read: its header and its non-empty data rows.
type Table struct {
	// Headers are the non-empty header cells after mapping, in file order.
	Headers []string
	// Unknown are the headers (after mapping) that are neither required nor
	// optional in the Spec, in file order. Their values are still readable with
	// Row.Get; callers usually ignore them and list them in their summary.
	Unknown []string
	// Rows are the data rows, fully empty rows left out.
	Rows []Row
}

// Row is one data row of a Table.
type Row struct {
	// Num is the row number a spreadsheet program shows: the header is row 1,
	// the first data row is row 2; skipped empty rows still count.
	Num int
	// index maps a column to its position in cells; every row of a table shares
	// one, so a row costs its cells and nothing more (files run to a million rows).
	index map[string]int
	cells []string
}

// NewRow returns a row with the given number and cells (column → value), for
// tests of importers that do not want to build a file. Values are trimmed.
func NewRow(num int, cells map[string]string) Row {
	r := Row{Num: num, index: make(map[string]int, len(cells))}
	for k, v := range cells {
		r.index[Trim(k)] = len(r.cells)
		r.cells = append(r.cells, Trim(v))
	}
	return r
}

// Get returns the trimmed value of the column (a header after mapping), or ""
// when the file has no such column or the cell is empty.
func (r Row) Get(col string) string {
	if i, ok := r.index[col]; ok && i < len(r.cells) {
		return r.cells[i]
	}
	return ""
}

// Spec tells Read which columns the caller knows.
type Spec struct {
	// Required columns must be present in the header (after mapping).
	Required []string
	// Optional columns may be absent; a missing one reads as "".
	Optional []string
	// Map renames headers before anything else: source header → target header
	// (see ParseMap). Headers not in Map keep their name.
	Map map[string]string
}

// Read reads a spreadsheet whose format is given by the extension of filename
// (.xlsx or .csv, case-insensitive). CSV may be UTF-8 (with or without BOM) or
// GB18030/GBK; for XLSX the first sheet is read. The first non-empty row is the
// header. Every failure a person can fix is an *app.Error with code "invalid".
//
// When spec has neither Required nor Optional columns, every column is
// accepted and Unknown stays empty.
//
// Every file is read within DefaultLimits, and a leading quote SafeText put
// before a formula character is removed again.
func Read(filename string, r io.Reader, spec Spec) (*Table, error) {
	return readWithin(filename, r, spec, DefaultLimits)
}

// readWithin is Read with the given limits.
func readWithin(filename string, r io.Reader, spec Spec, l Limits) (*Table, error) {
	ext := strings.ToLower(filepath.Ext(filename))
	var (
		recs []record
		err  error
	)
	switch ext {
	case ".csv":
		recs, err = readCSV(r, l)
	case ".xlsx":
		recs, err = readXLSX(r, l)
	case ".xls":
		return nil, app.Invalid("不支持旧版 .xls 格式，请在 Excel 中另存为 .xlsx 后再导入").WithDetail("old .xls files are not supported; save as .xlsx")
	default:
		if ext == "" {
			ext = filepath.Base(filename)
		}
		return nil, app.Invalid("不支持的文件格式：%s，请使用 .xlsx 或 .csv 文件", ext).WithDetail("unsupported file type %q, want .xlsx or .csv", ext)
	}
	if err != nil {
		return nil, err
	}
	return build(recs, spec)
}

// ReadFile opens path and reads it with Read.
func ReadFile(path string, spec Spec) (*Table, error) {
	f, err := os.Open(path)
	if err != nil {
		if os.IsNotExist(err) {
			return nil, app.Invalid("文件不存在：%s", path).WithDetail("no such file: %s", path)
		}
		return nil, app.Invalid("无法打开文件：%s", path).WithDetail("cannot open %s: %v", path, err)
	}
	defer f.Close()
	return Read(path, f, spec)
}

// record is one raw row of a file with its spreadsheet row number.
type record struct {
	num   int
	cells []string
}

// build turns raw records into a Table: header detection, mapping, column
// checks, trimming and empty-row skipping.
func build(recs []record, spec Spec) (*Table, error) {
	i := 0
	for i < len(recs) && isEmpty(recs[i].cells) {
		i++
	}
	if i == len(recs) {
		return nil, app.Invalid("文件为空：没有找到表头行").WithDetail("the file is empty: no header row")
	}
	mapping := make(map[string]string, len(spec.Map))
	for k, v := range spec.Map {
		mapping[Trim(k)] = Trim(v)
	}
	known := make(map[string]bool)
	for _, c := range spec.Required {
		known[c] = true
	}
	for _, c := range spec.Optional {
		known[c] = true
	}

	t := &Table{}
	cols := make([]string, len(recs[i].cells)) // index → header after mapping, "" = ignored
	index := make(map[string]int, len(cols))   // header after mapping → index, shared by the rows
	seen := make(map[string]bool)
	for j, h := range recs[i].cells {
		h = cellText(h)
		if h == "" {
			continue
		}
		if to, ok := mapping[h]; ok && to != "" {
			h = to
		}
		if seen[h] {
			return nil, app.Invalid("表头“%s”出现了不止一次（含列映射后的列名），请检查表头", h).WithDetail("column %q appears more than once (after --map)", h)
		}
		seen[h] = true
		cols[j] = h
		index[h] = j
		t.Headers = append(t.Headers, h)
		if len(known) > 0 && !known[h] {
			t.Unknown = append(t.Unknown, h)
		}
	}
	var missing []string
	for _, c := range spec.Required {
		if !seen[c] {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		return nil, app.Invalid("缺少必需的列：%s", strings.Join(missing, "、")).WithDetail("missing required columns: %s", strings.Join(missing, ", "))
	}

	t.Rows = make([]Row, 0, len(recs)-i-1)
	for _, rec := range recs[i+1:] {
		if isEmpty(rec.cells) {
			continue
		}
		for j, v := range rec.cells { // trimmed in place: the row keeps the record's cells
			if j < len(cols) && cols[j] != "" {
				rec.cells[j] = cellText(v)
			}
		}
		t.Rows = append(t.Rows, Row{Num: rec.num, index: index, cells: rec.cells})
	}
	return t, nil
}

// cellText is the value of a raw cell: RestoreText, then Trim.
func cellText(v string) string { return Trim(RestoreText(v)) }

func isEmpty(cells []string) bool {
	for _, c := range cells {
		if cellText(c) != "" {
			return false
		}
	}
	return true
}

// Trim removes leading and trailing white space from a cell: spaces, tabs,
// newlines, the full-width space U+3000, NBSP, zero-width spaces and stray
// byte order marks. Read applies it to every header and cell.
func Trim(s string) string {
	return strings.TrimFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff' || r == '\u3000'
	})
}
