package document

import (
	"fmt"
	"strings"
)

// textWidth is the width between the margins of an A4 page, twips.
const textWidth = pageWidth - marginLeft - marginRight

// Table is a bordered table. The header row is bold and shaded and repeats at
// the top of each page. Widths, when given, are relative column weights (any
// unit: twips, percent); otherwise columns share the width equally. Numeric
// cells are right-aligned.
type Table struct {
	Header []string
	Rows   [][]string
	Widths []int
}

// Table writes t (a table with no header and no rows writes nothing).
func (d *Doc) Table(t Table) {
	cols := len(t.Header)
	for _, r := range t.Rows {
		cols = max(cols, len(r))
	}
	if cols == 0 {
		return
	}
	widths := columnWidths(t.Widths, cols)
	b := &d.body
	b.WriteString(`<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:jc w:val="center"/><w:tblBorders>`)
	for _, side := range []string{"top", "left", "bottom", "right", "insideH", "insideV"} {
		fmt.Fprintf(b, `<w:%s w:val="single" w:sz="4" w:space="0" w:color="000000"/>`, side)
	}
	b.WriteString(`</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>`)
	for _, w := range widths {
		fmt.Fprintf(b, `<w:gridCol w:w="%d"/>`, w)
	}
	b.WriteString(`</w:tblGrid>`)
	// Wide tables (seven columns or more) use 五号 so names fit on a line.
	size := sizeXiaoSi
	if cols >= 7 {
		size = sizeWuHao
	}
	// A short, narrow table is kept on one page (each row kept with the
	// next); wide tables wrap their cells and may run tall, so they flow.
	keep := len(t.Rows) <= 15 && cols < 7
	if len(t.Header) > 0 {
		d.row(t.Header, widths, true, size, keep && len(t.Rows) > 0)
	}
	for i, r := range t.Rows {
		d.row(r, widths, false, size, keep && i < len(t.Rows)-1)
	}
	b.WriteString(`</w:tbl>`)
	// A table must be followed by a paragraph; a small gap reads better too.
	b.WriteString(`<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:p>`)
}

func (d *Doc) row(cells []string, widths []int, header bool, size int, keepNext bool) {
	b := &d.body
	b.WriteString(`<w:tr><w:trPr><w:cantSplit/>`)
	if header {
		b.WriteString(`<w:tblHeader/>`)
	}
	b.WriteString(`</w:trPr>`)
	for i, w := range widths {
		text := ""
		if i < len(cells) {
			text = cells[i]
		}
		fmt.Fprintf(b, `<w:tc><w:tcPr><w:tcW w:w="%d" w:type="dxa"/>`, w)
		if header {
			b.WriteString(`<w:shd w:val="clear" w:color="auto" w:fill="D9E2F3"/>`)
		}
		b.WriteString(`<w:vAlign w:val="center"/></w:tcPr>`)
		ps := paraStyle{line: size * 12, align: "center", keepNext: keepNext} // exact line: 1.2 × the font size
		r := run{text: text, font: FontBody, size: size}
		if header {
			r.font, r.bold = FontHeading, true
		} else if !isNumeric(text) && len([]rune(text)) > 8 {
			ps.align = "left"
		} else if isNumeric(text) {
			ps.align = "right"
		}
		b.WriteString("<w:p>")
		writePPr(b, ps)
		writeRun(b, r)
		b.WriteString("</w:p></w:tc>")
		d.text = append(d.text, text)
	}
	b.WriteString(`</w:tr>`)
}

// columnWidths scales relative weights to twips filling the text width.
func columnWidths(weights []int, cols int) []int {
	total := 0
	for i := 0; i < cols; i++ {
		if i < len(weights) && weights[i] > 0 {
			total += weights[i]
		} else {
			total += 1
			if len(weights) > 0 { // unspecified columns get an average share
				total += averageWeight(weights) - 1
			}
		}
	}
	out := make([]int, cols)
	for i := range out {
		w := 1
		if i < len(weights) && weights[i] > 0 {
			w = weights[i]
		} else if len(weights) > 0 {
			w = averageWeight(weights)
		}
		out[i] = textWidth * w / total
	}
	return out
}

func averageWeight(ws []int) int {
	s, n := 0, 0
	for _, w := range ws {
		if w > 0 {
			s += w
			n++
		}
	}
	if n == 0 {
		return 1
	}
	return max(1, s/n)
}

// isNumeric reports whether a cell reads as a figure (digits with an optional
// sign, separators, decimal point, percent sign or unit suffix like "天").
func isNumeric(s string) bool {
	s = strings.TrimSpace(s)
	s = strings.TrimSuffix(s, "%")
	s = strings.TrimPrefix(strings.TrimPrefix(s, "+"), "-")
	if s == "" {
		return false
	}
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '.' || r == ',':
		default:
			return false
		}
	}
	return digits > 0
}
