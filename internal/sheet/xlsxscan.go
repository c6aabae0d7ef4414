package sheet

import (
	"archive/zip"
	"bytes"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"govdesk/internal/app"
)

// checkParts refuses an .xlsx whose parts unpack past the limits, before
// excelize unpacks anything. The sizes a zip declares can be trusted as upper
// bounds: archive/zip fails a part that inflates past its declared size.
func checkParts(zr *zip.Reader, l Limits) error {
	var total int64
	for _, f := range zr.File {
		size := int64(f.UncompressedSize64)
		if size < 0 {
			size = l.MaxUnpackedBytes + 1
		}
		total += size
		if total > l.MaxUnpackedBytes {
			return app.Invalid("Excel 文件解压后超过 %d MB 的上限，请拆分成多个文件或另存为 CSV 后再导入", l.MaxUnpackedBytes>>20).
				WithDetail("the workbook unpacks to more than %d MB (limit MaxUnpackedBytes)", l.MaxUnpackedBytes>>20)
		}
		name := strings.ToLower(strings.ReplaceAll(f.Name, "\\", "/"))
		if strings.HasPrefix(name, "xl/worksheets/sheet") || name == "xl/sharedstrings.xml" {
			continue // streamed, checked by scanXML
		}
		if size > l.MaxPartBytes {
			return app.Invalid("Excel 文件中的“%s”解压后超过 %d MB 的上限（表格中可能含有大图片或异常内容），请删除后再导入", f.Name, l.MaxPartBytes>>20).
				WithDetail("part %s unpacks to more than %d MB (limit MaxPartBytes)", f.Name, l.MaxPartBytes>>20)
		}
	}
	return nil
}

// zipPart opens the part of the zip with the given name (case-insensitive), nil when absent.
func zipPart(zr *zip.Reader, name string) *zip.File {
	for _, f := range zr.File {
		if strings.EqualFold(strings.ReplaceAll(f.Name, "\\", "/"), name) {
			return f
		}
	}
	return nil
}

// tagFunc receives each start or end tag of a scanned XML part: the bytes
// between < and > (at most tagKeep of them).
type tagFunc func(tag []byte) error

const tagKeep = 1024

// scanXML streams an XML part once, in constant memory, and refuses any
// undivided piece (text, tag, comment, CDATA) longer than the limit allows, so
// that the XML parser excelize runs afterwards never holds an oversized token.
// row reports the row being scanned for the message (0 when unknown).
func scanXML(r io.Reader, l Limits, row *int, tag tagFunc) error {
	const (
		text = iota
		inTag
		inQuote
		inComment // <!-- … -->
		inCDATA   // <![CDATA[ … ]]>
		inPI      // <? … ?>
	)
	var (
		state     = text
		quote     byte
		run       int64
		tb        = make([]byte, 0, tagKeep)
		buf       = make([]byte, 64<<10)
		tail      [3]byte // the last bytes, to find the end of comments and the like
		maxRun    = l.maxTokenBytes()
		tooLong   = func() error { return l.cellTooLong(*row) }
		endTag    = func() error { s := tb; tb = tb[:0]; return tag(s) }
		push      = func(c byte) { tail[0], tail[1], tail[2] = tail[1], tail[2], c }
		startsTag = func() {
			state, run, tb = inTag, 0, tb[:0]
		}
	)
	for {
		n, err := r.Read(buf)
		for _, c := range buf[:n] {
			run++
			push(c)
			switch state {
			case text:
				if c == '<' {
					startsTag()
				}
			case inTag:
				if len(tb) < tagKeep {
					tb = append(tb, c)
				}
				switch {
				case c == '"' || c == '\'':
					state, quote = inQuote, c
				case len(tb) == 3 && string(tb) == "!--":
					state = inComment
				case len(tb) == 8 && string(tb) == "![CDATA[":
					state = inCDATA
				case len(tb) == 1 && c == '?':
					state = inPI
				case tb[0] == '!' && len(tb) <= 8 && !strings.HasPrefix("![CDATA[", string(tb)) && !strings.HasPrefix("!--", string(tb)):
					// <!DOCTYPE …> and the like have no place in a worksheet
					return app.Invalid("Excel 文件内容异常（含有不支持的 XML 声明），无法读取").WithDetail("unexpected <! declaration in a worksheet part")
				case c == '>':
					tb = tb[:len(tb)-1]
					if err := endTag(); err != nil {
						return err
					}
					state, run = text, 0
				}
			case inQuote:
				if len(tb) < tagKeep {
					tb = append(tb, c)
				}
				if c == quote {
					state = inTag
				}
			case inComment:
				if c == '>' && tail[0] == '-' && tail[1] == '-' {
					state, run = text, 0
				}
			case inCDATA:
				if c == '>' && tail[0] == ']' && tail[1] == ']' {
					state, run = text, 0
				}
			case inPI:
				if c == '>' && tail[1] == '?' {
					state, run = text, 0
				}
			}
			if run > maxRun {
				return tooLong()
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return app.Invalid("无法读取 Excel 文件：文件已损坏").WithDetail("unpack: %v", err)
		}
	}
}

// tagName returns the name of a scanned tag ("row", "/row", "c", "si") and its attributes' text.
func tagName(tag []byte) (string, []byte) {
	i := bytes.IndexAny(tag, " \t\r\n/")
	if i == 0 && len(tag) > 0 && tag[0] == '/' {
		j := bytes.IndexAny(tag[1:], " \t\r\n")
		if j < 0 {
			return string(tag), nil
		}
		return string(tag[:j+1]), nil
	}
	if i < 0 {
		return string(tag), nil
	}
	return string(tag[:i]), tag[i:]
}

// attr returns the value of the attribute name in a tag's attribute text.
func attr(attrs []byte, name string) string {
	for len(attrs) > 0 {
		attrs = bytes.TrimLeft(attrs, " \t\r\n")
		eq := bytes.IndexByte(attrs, '=')
		if eq < 0 {
			return ""
		}
		key := string(bytes.TrimSpace(attrs[:eq]))
		rest := bytes.TrimLeft(attrs[eq+1:], " \t\r\n")
		if len(rest) == 0 || (rest[0] != '"' && rest[0] != '\'') {
			return ""
		}
		end := bytes.IndexByte(rest[1:], rest[0])
		if end < 0 {
			return ""
		}
		if key == name {
			return string(rest[1 : end+1])
		}
		attrs = rest[end+2:]
	}
	return ""
}

// sheetScan is what scanning the first worksheet learned: the cells with a
// date or time style, in sheet order, as row<<16 | column.
type sheetScan struct {
	// dateCells holds at most maxDateCells entries (64 MB).
	dateCells []uint64
}

// maxDateCells bounds the date-styled cells of a sheet with a value: six
// date columns of a million rows fit.
const maxDateCells = 8 << 20

// scanSheet streams the worksheet part: every piece bounded, rows counted
// against MaxRows, and the positions of date-styled cells noted (the style a
// cell carries is not among what excelize's row iterator returns).
func scanSheet(f *zip.File, l Limits, isDateStyle func(int) bool) (*sheetScan, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, app.Invalid("无法读取 Excel 工作表：文件已损坏").WithDetail("open %s: %v", f.Name, err)
	}
	defer rc.Close()
	s := &sheetScan{}
	row, col := 0, 0
	err = scanXML(rc, l, &row, func(tag []byte) error {
		name, attrs := tagName(tag)
		switch name {
		case "row":
			col = 0
			if n, err := strconv.Atoi(attr(attrs, "r")); err == nil && n > 0 {
				row = n
			} else {
				row++
			}
			if row > l.MaxRows {
				return l.tooManyRows()
			}
		case "c":
			col++
			if ref := attr(attrs, "r"); ref != "" {
				if c, r, err := excelize.CellNameToCoordinates(ref); err == nil {
					col = c
					if r != row && r > 0 {
						row = r
					}
				}
			}
			if bytes.HasSuffix(tag, []byte{'/'}) || col > l.MaxColumns {
				return nil // no value, or refused when the row is read
			}
			if st, err := strconv.Atoi(attr(attrs, "s")); err == nil && st > 0 && isDateStyle(st) {
				if len(s.dateCells) >= maxDateCells {
					return app.Invalid("Excel 文件中日期格式的单元格超过 %d 个的上限，请另存为 CSV 后再导入", maxDateCells).
						WithDetail("more than %d date-formatted cells", maxDateCells)
				}
				s.dateCells = append(s.dateCells, uint64(row)<<16|uint64(col))
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s, nil
}

// scanSharedStrings streams the shared string table: every piece bounded and
// the number of strings counted against MaxSharedStrings.
func scanSharedStrings(f *zip.File, l Limits) error {
	rc, err := f.Open()
	if err != nil {
		return app.Invalid("无法读取 Excel 文件：文件已损坏").WithDetail("open %s: %v", f.Name, err)
	}
	defer rc.Close()
	count, row := 0, 0
	return scanXML(rc, l, &row, func(tag []byte) error {
		if name, _ := tagName(tag); name == "si" || name == "si/" {
			count++
			if count > l.MaxSharedStrings {
				return app.Invalid("Excel 文件中不同的文字内容超过 %d 项的上限，请另存为 CSV 后再导入", l.MaxSharedStrings).
					WithDetail("more than %d shared strings (limit MaxSharedStrings)", l.MaxSharedStrings)
			}
		}
		return nil
	})
}
