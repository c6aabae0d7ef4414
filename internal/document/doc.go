// Package document writes the office files the centre edits and files: Word
// documents (.docx, WordprocessingML written directly, with native DrawingML
// charts) and Excel workbooks (.xlsx through excelize, with native charts).
//
// Fonts follow the usual layout of Chinese official documents (GB/T 9704):
// the title in 方正小标宋简体, first-level headings in 黑体, second-level in
// 楷体_GB2312 and body text in 仿宋_GB2312, each with a fallback named in the
// font table (宋体, 黑体, 楷体, 仿宋) for machines without the GB2312 fonts.
// Charts are native Word/Excel charts, so they need no font at generation
// time and stay editable in Word, WPS and LibreOffice.
package document

import "strings"

// Font names used by the documents.
const (
	FontTitle   = "方正小标宋简体"
	FontHeading = "黑体"
	FontKai     = "楷体_GB2312"
	FontBody    = "仿宋_GB2312"
	FontSong    = "宋体"
	FontLatin   = "Times New Roman"
)

// Font sizes in half-points (Word's w:sz unit).
const (
	sizeErHao  = 44 // 二号 22pt
	sizeSanHao = 32 // 三号 16pt
	sizeSiHao  = 28 // 四号 14pt
	sizeXiaoSi = 24 // 小四 12pt
	sizeWuHao  = 21 // 五号 10.5pt
)

// Doc is a Word document under construction. Blocks are appended in order;
// Write packs them into a .docx file.
type Doc struct {
	body   strings.Builder
	charts []chartPart
	nextID int
	// Text is every piece of visible text in the order written, for tests
	// and for the web view's plain rendering.
	text []string
}

// NewDoc starts an empty A4 document.
func NewDoc() *Doc { return &Doc{} }

// Title writes the centred document title (二号, 方正小标宋简体).
func (d *Doc) Title(text string) {
	d.para(paraStyle{align: "center", after: 120, line: 700}, run{text: text, font: FontTitle, size: sizeErHao})
}

// Subtitle writes a centred line under the title (date, issuing unit), 仿宋 三号.
func (d *Doc) Subtitle(text string) {
	d.para(paraStyle{align: "center", after: 120, line: 560}, run{text: text, font: FontBody, size: sizeSanHao})
}

// Heading writes a heading: level 1 in 黑体 三号 ("一、…"), level 2 in
// 楷体_GB2312 三号 ("（一）…"), level 3 and deeper in 仿宋 三号 bold.
// The heading is kept with the next paragraph and indented like body text.
func (d *Doc) Heading(level int, text string) {
	r := run{text: text, size: sizeSanHao}
	ps := paraStyle{firstLine: true, line: 560, keepNext: true, outline: level}
	switch level {
	case 1:
		r.font = FontHeading
		ps.before = 120
	case 2:
		r.font = FontKai
	default:
		r.font, r.bold = FontBody, true
	}
	d.para(ps, r)
}

// Para writes a body paragraph: 仿宋_GB2312 三号, first line indented two
// characters, exact 28pt line spacing.
func (d *Doc) Para(text string) {
	d.para(paraStyle{firstLine: true, line: 560, justify: true}, run{text: text, font: FontBody, size: sizeSanHao})
}

// Note writes a small centred line (五号 仿宋), for a chart or table caption
// or the source of the figures.
func (d *Doc) Note(text string) {
	d.para(paraStyle{align: "center", line: 360}, run{text: text, font: FontBody, size: sizeWuHao})
}

// PageBreak starts a new page.
func (d *Doc) PageBreak() {
	d.body.WriteString(`<w:p><w:r><w:br w:type="page"/></w:r></w:p>`)
}

// Text returns the visible text written so far, one entry per paragraph or cell.
func (d *Doc) Text() []string { return append([]string(nil), d.text...) }
