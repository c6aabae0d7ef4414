package sheet

import (
	"unicode/utf8"

	"govdesk/internal/app"
)

// Limits bound what Read accepts from a file, so that a small hostile file (a
// 1 MB .xlsx that unpacks to gigabytes, one enormous cell, millions of empty
// rows) is refused with a clear message before it exhausts memory. They are
// checked while the file streams: an import's memory grows with the rows it
// keeps, never with the size the file unpacks to.
type Limits struct {
	// MaxRows is the most rows a sheet may have, the header and empty rows
	// included (Excel's own sheet maximum: a million-order history fits).
	MaxRows int
	// MaxColumns is the most columns a row may fill (trailing empty cells, such
	// as formatted but blank ones, do not count).
	MaxColumns int
	// MaxCellChars is the most characters a cell may hold (Excel's own limit).
	MaxCellChars int
	// MaxTextBytes bounds all cells kept from a file together (UTF-8 bytes),
	// and the size of a CSV file.
	MaxTextBytes int64
	// MaxUnpackedBytes bounds an .xlsx file's parts together once unpacked.
	MaxUnpackedBytes int64
	// MaxPartBytes bounds, unpacked, each part of an .xlsx other than the
	// worksheets and the shared strings (styles, workbook, pictures): those
	// parts are held in memory whole.
	MaxPartBytes int64
	// MaxSharedStrings bounds the distinct texts of an .xlsx file's shared
	// string table (each costs an index entry while the file is read).
	MaxSharedStrings int
}

// DefaultLimits are the limits of every import, web and command line alike.
// docs/security.md explains them.
var DefaultLimits = Limits{
	MaxRows:          1 << 20, // 1 048 576
	MaxColumns:       256,
	MaxCellChars:     32767,
	MaxTextBytes:     512 << 20,
	MaxUnpackedBytes: 1 << 30,
	MaxPartBytes:     8 << 20,
	MaxSharedStrings: 4_000_000,
}

// maxTokenBytes bounds one undivided piece of a worksheet or shared-string XML
// (a text run, a tag, a comment) before the XML parser reads it whole: a cell
// of MaxCellChars characters, each written with the longest character
// reference, fits; so does the long root tag of a worksheet.
func (l Limits) maxTokenBytes() int64 { return max(int64(l.MaxCellChars)*10, 64<<10) }

// tooManyRows, tooManyColumns, cellTooLong and tooMuchText are the refusals of
// the limits every format shares.
func (l Limits) tooManyRows() error {
	return app.Invalid("文件行数超过上限 %d 行，请拆分成多个文件后分别导入", l.MaxRows).
		WithDetail("more than %d rows (limit MaxRows)", l.MaxRows)
}

func (l Limits) tooManyColumns(row, n int) error {
	return app.Invalid("第 %d 行有 %d 列，超过上限 %d 列，请删除多余的列后再导入", row, n, l.MaxColumns).
		WithDetail("row %d has %d columns, more than %d (limit MaxColumns)", row, n, l.MaxColumns)
}

func (l Limits) cellTooLong(row int) error {
	if row <= 0 {
		return app.Invalid("文件中有单元格超过 %d 个字符的上限，请检查文件内容", l.MaxCellChars).
			WithDetail("a cell or piece of the file is longer than %d characters (limit MaxCellChars)", l.MaxCellChars)
	}
	return app.Invalid("第 %d 行有单元格超过 %d 个字符的上限，请检查文件内容", row, l.MaxCellChars).
		WithDetail("row %d has a cell longer than %d characters (limit MaxCellChars)", row, l.MaxCellChars)
}

func (l Limits) tooMuchText() error {
	return app.Invalid("文件内容超过 %d MB 的上限，请拆分成多个文件后分别导入", l.MaxTextBytes>>20).
		WithDetail("the file holds more than %d MB of text (limit MaxTextBytes)", l.MaxTextBytes>>20)
}

// budget counts what a reader keeps and refuses what passes the limits.
type budget struct {
	l    Limits
	text int64
}

// keep checks one row about to be kept: its number, column count (trailing
// empty cells already dropped), cell sizes and the running text total.
func (b *budget) keep(num int, cells []string) error {
	if num > b.l.MaxRows {
		return b.l.tooManyRows()
	}
	if len(cells) > b.l.MaxColumns {
		return b.l.tooManyColumns(num, len(cells))
	}
	for _, c := range cells {
		if len(c) > b.l.MaxCellChars && utf8.RuneCountInString(c) > b.l.MaxCellChars {
			return b.l.cellTooLong(num)
		}
		b.text += int64(len(c))
	}
	if b.text > b.l.MaxTextBytes {
		return b.l.tooMuchText()
	}
	return nil
}

// trimTrailing drops the empty cells at the end of a row.
func trimTrailing(cells []string) []string {
	n := len(cells)
	for n > 0 && cellText(cells[n-1]) == "" {
		n--
	}
	return cells[:n]
}
