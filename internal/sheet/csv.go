package sheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"govdesk/internal/app"
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// decodeCSV returns the file as UTF-8: a UTF-8 BOM is stripped, valid UTF-8 is
// kept, anything else is decoded as GB18030 (a superset of GBK and GB2312).
func decodeCSV(data []byte) ([]byte, error) {
	switch {
	case bytes.HasPrefix(data, utf8BOM):
		return data[len(utf8BOM):], nil
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return nil, app.Invalid("不支持 UTF-16 编码的 CSV 文件，请另存为“CSV UTF-8”或 GBK 编码的 CSV").WithDetail("UTF-16 CSV is not supported; save as CSV UTF-8 or GBK")
	case utf8.Valid(data):
		return data, nil
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil {
		return nil, app.Invalid("无法识别 CSV 文件的编码，请另存为 UTF-8 或 GBK 编码").WithDetail("unknown CSV encoding (want UTF-8 or GBK): %v", err)
	}
	return out, nil
}

// readCSV reads every record of a CSV file within the limits. Row numbers
// count records as a spreadsheet program shows them: a quoted multi-line cell
// stays in one row, and a blank line (which encoding/csv skips) still takes a
// row number. Line ends may be CRLF, LF or a bare CR (old Mac and some Excel
// exports): all become LF before parsing.
func readCSV(r io.Reader, l Limits) ([]record, error) {
	maxFile := 2 * l.MaxTextBytes // room for separators, quotes and two-byte GBK characters
	raw, err := io.ReadAll(io.LimitReader(r, maxFile+1))
	if err != nil {
		return nil, app.Internal(err, "sheet: read csv")
	}
	if int64(len(raw)) > maxFile {
		return nil, app.Invalid("CSV 文件超过 %d MB 的上限，请拆分成多个文件后分别导入", maxFile>>20).
			WithDetail("the CSV file is larger than %d MB (twice the limit MaxTextBytes)", maxFile>>20)
	}
	data, err := decodeCSV(raw)
	if err != nil {
		return nil, err
	}
	data = normalizeNewlines(data)
	b := budget{l: l}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true

	var (
		recs     []record
		num      int   // row number of the last record
		offset   int64 // input offset just past the last record
		nextLine = 1   // line number at offset
	)
	for {
		cells, err := cr.Read()
		if err == io.EOF {
			return recs, nil
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, app.Invalid("CSV 文件第 %d 行格式错误，无法读取", num+1).WithDetail("malformed CSV at line %d: %v", num+1, pe)
			}
			return nil, app.Invalid("CSV 文件格式错误，无法读取").WithDetail("malformed CSV: %v", err)
		}
		start, _ := cr.FieldPos(0)
		blank := start - nextLine // blank lines skipped before this record
		if blank < 0 {
			blank = 0
		}
		num += blank + 1
		if num > l.MaxRows {
			return nil, l.tooManyRows()
		}
		if cells = trimTrailing(cells); len(cells) > 0 {
			if err := b.keep(num, cells); err != nil {
				return nil, err
			}
			recs = append(recs, record{num: num, cells: cells})
		}

		end := cr.InputOffset()
		nextLine += bytes.Count(data[offset:end], []byte{'\n'})
		offset = end
	}
}

// normalizeNewlines turns CRLF and bare CR into LF, in place. Inside a quoted
// cell a CR becomes LF too: the cell keeps its line break.
func normalizeNewlines(data []byte) []byte {
	if bytes.IndexByte(data, '\r') < 0 {
		return data
	}
	out := data[:0]
	for i := 0; i < len(data); i++ {
		c := data[i]
		if c == '\r' {
			c = '\n'
			if i+1 < len(data) && data[i+1] == '\n' {
				i++
			}
		}
		out = append(out, c)
	}
	return out
}
