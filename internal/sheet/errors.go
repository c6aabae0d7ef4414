package sheet

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"govdesk/internal/app"
)

// RowError is one problem found in one cell (or row) of an imported file.
type RowError struct {
	// Row is the spreadsheet row number (Row.Num); 0 for a file-level problem.
	Row int `json:"row"`
	// Column is the header (after mapping); "" for a row-level problem.
	Column string `json:"column"`
	// Value is the offending cell value as read.
	Value string `json:"value"`
	// Reason is the Chinese explanation, e.g. "手机号码格式不正确".
	Reason string `json:"reason"`
}

// Errors collects RowErrors while an importer validates every row before
// writing anything. The zero value is ready to use.
type Errors struct {
	List []RowError
}

// Add records a problem with the cell of column col in row row.
func (e *Errors) Add(row int, col, val, reason string) {
	e.List = append(e.List, RowError{Row: row, Column: col, Value: val, Reason: reason})
}

// CheckLength adds an error when the cell holds more than max characters (not
// bytes: a Chinese name counts its characters), naming the column and the limit;
// the value quoted in the error is cut to its start, so a 1 MB cell is not echoed.
// It reports whether the value fits.
func (e *Errors) CheckLength(row int, col, val string, max int) bool {
	n := utf8.RuneCountInString(val)
	if n <= max {
		return true
	}
	quoted := val
	if r := []rune(val); len(r) > 20 {
		quoted = string(r[:20]) + "…"
	}
	e.Add(row, col, quoted, fmt.Sprintf("%s不能超过 %d 个字（现有 %d 个字）", col, max, n))
	return false
}

// Len returns the number of problems recorded.
func (e *Errors) Len() int {
	if e == nil {
		return 0
	}
	return len(e.List)
}

// HasRow reports whether any problem was recorded for row row; importers that
// skip invalid rows use it to leave those rows out.
func (e *Errors) HasRow(row int) bool {
	if e == nil {
		return false
	}
	for _, x := range e.List {
		if x.Row == row {
			return true
		}
	}
	return false
}

// Rows returns the number of distinct rows (Row > 0) with at least one problem.
func (e *Errors) Rows() int {
	if e == nil {
		return 0
	}
	seen := make(map[int]bool)
	for _, x := range e.List {
		if x.Row > 0 {
			seen[x.Row] = true
		}
	}
	return len(seen)
}

// Err returns nil when no problem was recorded; otherwise an *app.Error with
// code "invalid" and the message "文件有 N 行错误，未导入任何数据" (N distinct
// rows; "文件有错误，未导入任何数据" when all problems are file-level), whose
// Err is e itself, so callers get the list back with errors.As(err, &errs).
func (e *Errors) Err() error {
	if e.Len() == 0 {
		return nil
	}
	msg := "文件有错误，未导入任何数据"
	if n := e.Rows(); n > 0 {
		msg = fmt.Sprintf("文件有 %d 行错误，未导入任何数据", n)
	}
	en := "the file has errors, nothing imported"
	if n := e.Rows(); n > 0 {
		en = fmt.Sprintf("%d rows with errors, nothing imported", n)
	}
	return &app.Error{Code: app.EInvalid, Message: msg, Detail: en, Err: e}
}

// Error returns the list as Text, so *Errors is an error.
func (e *Errors) Error() string { return e.Text() }

// Text renders the list one problem per line, in the order recorded:
//
//	第5行 [联系电话] "1380013800"：手机号码格式不正确
//
// The row part is left out for file-level problems (row 0), the column and
// value part for row-level ones (no column). Long values are shortened.
func (e *Errors) Text() string {
	if e == nil {
		return ""
	}
	var b strings.Builder
	for i, x := range e.List {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(x.String())
	}
	return b.String()
}

// String renders one problem as a line of Errors.Text.
func (x RowError) String() string {
	var parts []string
	if x.Row > 0 {
		parts = append(parts, "第"+strconv.Itoa(x.Row)+"行")
	}
	if x.Column != "" {
		parts = append(parts, "["+x.Column+"] "+strconv.Quote(shorten(x.Value, 40)))
	}
	head := strings.Join(parts, " ")
	if head == "" {
		return x.Reason
	}
	return head + "：" + x.Reason
}

// shorten cuts s to at most n runes, marking the cut with "…".
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}

// WriteErrorsCSV writes list as a CSV file in UTF-8 with BOM (so Excel on
// Chinese Windows opens it correctly) with the header 行号,列,值,原因, for the
// error file of an import run with --skip-invalid.
func WriteErrorsCSV(w io.Writer, list []RowError) error {
	rows := make([][]string, len(list))
	for i, x := range list {
		num := ""
		if x.Row > 0 {
			num = strconv.Itoa(x.Row)
		}
		rows[i] = []string{num, x.Column, x.Value, x.Reason}
	}
	return WriteCSV(w, []string{"行号", "列", "值", "原因"}, rows, false)
}

// Unique remembers the first row of each key of a file, so that a repeated key (a
// number, a code, a title) is reported with the row it repeats. The zero value is
// not usable: make it with sheet.Unique{}.
type Unique map[string]int

// Cell checks the cell value of col in row, which must not repeat an earlier row's.
func (u Unique) Cell(errs *Errors, row int, col, value string) bool {
	return u.Check(errs, row, col, col, value, value)
}

// Check records key as seen in row; when an earlier row had it, it adds
// "WHAT与第N行重复" for col, showing value, and returns false. An empty key is not checked.
func (u Unique) Check(errs *Errors, row int, col, what, key, value string) bool {
	if key == "" {
		return true
	}
	if first, dup := u[key]; dup && first != row {
		errs.Add(row, col, value, what+"与第"+strconv.Itoa(first)+"行重复")
		return false
	}
	u[key] = row
	return true
}
