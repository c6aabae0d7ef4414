package document

import (
	"fmt"
	"strings"
)

// paraStyle is the paragraph formatting the Doc methods use.
type paraStyle struct {
	align     string // "", "center", "right"
	justify   bool
	firstLine bool // indent the first line by two characters
	before    int  // space before, twips
	after     int  // space after, twips
	line      int  // exact line height, twips (0: single)
	keepNext  bool
	outline   int // 1..9: outline level for the navigation pane
}

// run is a piece of text in one font.
type run struct {
	text string
	font string
	size int
	bold bool
}

func (d *Doc) para(ps paraStyle, runs ...run) {
	b := &d.body
	b.WriteString("<w:p>")
	writePPr(b, ps)
	for _, r := range runs {
		writeRun(b, r)
		d.text = append(d.text, r.text)
	}
	b.WriteString("</w:p>")
}

func writePPr(b *strings.Builder, ps paraStyle) {
	b.WriteString("<w:pPr>")
	if ps.keepNext {
		b.WriteString(`<w:keepNext/>`)
	}
	b.WriteString(`<w:widowControl/>`)
	fmt.Fprintf(b, `<w:spacing w:before="%d" w:after="%d"`, ps.before, ps.after)
	if ps.line > 0 {
		fmt.Fprintf(b, ` w:line="%d" w:lineRule="exact"`, ps.line)
	}
	b.WriteString(`/>`)
	if ps.firstLine {
		b.WriteString(`<w:ind w:firstLineChars="200" w:firstLine="640"/>`)
	}
	switch {
	case ps.align != "":
		fmt.Fprintf(b, `<w:jc w:val="%s"/>`, ps.align)
	case ps.justify:
		b.WriteString(`<w:jc w:val="both"/>`)
	}
	if ps.outline > 0 {
		fmt.Fprintf(b, `<w:outlineLvl w:val="%d"/>`, min(ps.outline, 9)-1)
	}
	b.WriteString("</w:pPr>")
}

// writeRun writes a run whose East Asian text uses r.font and whose Latin
// text and digits use Times New Roman, as Word and WPS expect.
func writeRun(b *strings.Builder, r run) {
	b.WriteString("<w:r>")
	writeRPr(b, r)
	lines := strings.Split(r.text, "\n")
	for i, l := range lines {
		if i > 0 {
			b.WriteString("<w:br/>")
		}
		b.WriteString(`<w:t xml:space="preserve">`)
		b.WriteString(esc(l))
		b.WriteString(`</w:t>`)
	}
	b.WriteString("</w:r>")
}

func writeRPr(b *strings.Builder, r run) {
	b.WriteString("<w:rPr>")
	font := r.font
	if font == "" {
		font = FontBody
	}
	fmt.Fprintf(b, `<w:rFonts w:ascii="%s" w:hAnsi="%s" w:eastAsia="%s" w:cs="%s" w:hint="eastAsia"/>`, FontLatin, FontLatin, esc(font), FontLatin)
	if r.bold {
		b.WriteString(`<w:b/><w:bCs/>`)
	}
	if r.size > 0 {
		fmt.Fprintf(b, `<w:sz w:val="%d"/><w:szCs w:val="%d"/>`, r.size, r.size)
	}
	b.WriteString(`<w:lang w:val="en-US" w:eastAsia="zh-CN"/>`)
	b.WriteString("</w:rPr>")
}

var xmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;", "'", "&apos;")

// esc escapes text for XML and drops control characters XML 1.0 forbids.
func esc(s string) string {
	clean := strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' {
			return -1
		}
		if r == 0xFFFE || r == 0xFFFF {
			return -1
		}
		return r
	}, s)
	return xmlEscaper.Replace(clean)
}
