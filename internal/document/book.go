package document

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"govdesk/internal/app"
)

// Book is an Excel workbook under construction: sheets of figures with a
// bold, frozen header row and native Excel charts. Unlike sheet.WriteXLSX
// (one sheet of text cells, for exports that are read back), a Book keeps
// numbers as numbers so people can sum and chart them.
type Book struct {
	f      *excelize.File
	sheets int
	head   int // header style
	charts map[string]int
	next   map[string]int // first free row under the charts of a sheet
}

// NewBook starts an empty workbook.
func NewBook() *Book {
	f := excelize.NewFile()
	head, _ := f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true, Family: FontSong},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E2F3"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
		Border:    borders(),
	})
	return &Book{f: f, head: head, charts: map[string]int{}, next: map[string]int{}}
}

func borders() []excelize.Border {
	var out []excelize.Border
	for _, s := range []string{"left", "right", "top", "bottom"} {
		out = append(out, excelize.Border{Type: s, Color: "000000", Style: 1})
	}
	return out
}

// SheetName makes a valid sheet name: at most 31 characters, without the
// characters Excel forbids.
func SheetName(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return '_'
		}
		return r
	}, s)
	if utf8.RuneCountInString(s) > 31 {
		s = string([]rune(s)[:31])
	}
	if s == "" {
		s = "Sheet"
	}
	return s
}

// Sheet adds a sheet with a header row and rows of values (strings, ints,
// floats). Columns are sized to their content and the header is frozen.
func (b *Book) Sheet(name string, header []string, rows [][]any) error {
	name = SheetName(name)
	if err := b.addSheet(name); err != nil {
		return err
	}
	for j, h := range header {
		cell, _ := excelize.CoordinatesToCellName(j+1, 1)
		if err := b.f.SetCellValue(name, cell, safeText(h)); err != nil {
			return app.Internal(err, "book: header")
		}
	}
	if len(header) > 0 {
		last, _ := excelize.CoordinatesToCellName(len(header), 1)
		_ = b.f.SetCellStyle(name, "A1", last, b.head)
		_ = b.f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		r = safeRow(r)
		if err := b.f.SetSheetRow(name, cell, &r); err != nil {
			return app.Internal(err, "book: row")
		}
	}
	b.fitColumns(name, header, rows)
	return nil
}

// safeRow returns the row with its text cells through safeText; numbers
// stay numbers (a negative number is no formula).
func safeRow(r []any) []any {
	out := make([]any, len(r))
	for i, v := range r {
		if s, ok := v.(string); ok {
			v = safeText(s)
		}
		out[i] = v
	}
	return out
}

func (b *Book) addSheet(name string) error {
	if idx, _ := b.f.GetSheetIndex(name); idx >= 0 && b.sheets > 0 {
		return nil
	}
	if b.sheets == 0 {
		if err := b.f.SetSheetName("Sheet1", name); err != nil {
			return app.Internal(err, "book: name sheet")
		}
	} else if _, err := b.f.NewSheet(name); err != nil {
		return app.Internal(err, "book: new sheet")
	}
	b.sheets++
	// Printed on A4, every column on one page width.
	fit, one, zero, a4 := true, 1, 0, 9
	_ = b.f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: &fit})
	_ = b.f.SetPageLayout(name, &excelize.PageLayoutOptions{Size: &a4, FitToWidth: &one, FitToHeight: &zero})
	return nil
}

// Text writes a line of text at cell (a note under a table, a paragraph)
// without widening its column; it spills over the empty cells to its right.
func (b *Book) Text(sheet, cell, text string) error {
	if err := b.f.SetCellStr(SheetName(sheet), cell, safeText(text)); err != nil {
		return app.Internal(err, "book: text")
	}
	return nil
}

// WrapColumn sets a column's width (in characters) and wraps its text, for a
// sheet of paragraphs, giving each row the height of its wrapped lines (a
// CJK character counts as two). col is zero-based.
func (b *Book) WrapColumn(sheet string, col int, width float64) error {
	name, _ := excelize.ColumnNumberToName(col + 1)
	sheet = SheetName(sheet)
	style, err := b.f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return app.Internal(err, "book: wrap style")
	}
	if err := b.f.SetColWidth(sheet, name, name, width); err != nil {
		return app.Internal(err, "book: column width")
	}
	rows, err := b.f.GetRows(sheet)
	if err != nil {
		return app.Internal(err, "book: read rows")
	}
	for i, r := range rows {
		if col >= len(r) || r[col] == "" {
			continue
		}
		cell, _ := excelize.CoordinatesToCellName(col+1, i+1)
		if i > 0 { // the header keeps its style
			_ = b.f.SetCellStyle(sheet, cell, cell, style)
		}
		lines := int(float64(cellsWide(r[col]))/(width-2)) + 1
		if err := b.f.SetRowHeight(sheet, i+1, float64(lines)*16); err != nil {
			return app.Internal(err, "book: row height")
		}
	}
	return nil
}

// cellsWide is a text's width in character cells, a CJK character counting two.
func cellsWide(s string) int {
	w := 0
	for _, r := range s {
		if r > 0x2E80 {
			w += 2
		} else {
			w++
		}
	}
	return w
}

// fitColumns sets each column's width from its widest cell (a CJK character
// counts as two).
func (b *Book) fitColumns(name string, header []string, rows [][]any) {
	widths := map[int]int{}
	measure := func(j int, v any) { widths[j] = max(widths[j], cellsWide(fmt.Sprint(v))) }
	for j, h := range header {
		measure(j, h)
	}
	for _, r := range rows {
		for j, v := range r {
			measure(j, v)
		}
	}
	for j, w := range widths {
		col, _ := excelize.ColumnNumberToName(j + 1)
		_ = b.f.SetColWidth(name, col, col, float64(min(max(w+2, 8), 60)))
	}
}

// Chart writes the chart's data as a small table at cell (categories down
// the first column, one column per series) and places a native Excel chart
// over that data to the right of it. The sheet is created if needed. With
// cell "" the chart goes in column A under the sheet's previous chart.
func (b *Book) Chart(sheet, cell string, c Chart) error {
	if err := c.Validate(); err != nil {
		return err
	}
	sheet = SheetName(sheet)
	if err := b.addSheet(sheet); err != nil {
		return err
	}
	if cell == "" {
		cell = fmt.Sprintf("A%d", max(1, b.next[sheet]))
	}
	col, row, err := excelize.CellNameToCoordinates(cell)
	if err != nil {
		return app.Internal(err, "book: chart cell "+cell)
	}
	at := func(dc, dr int) string {
		n, _ := excelize.CoordinatesToCellName(col+dc, row+dr)
		return n
	}
	head := []any{c.Unit}
	if c.Unit == "" {
		head[0] = "项目"
	}
	for _, s := range c.Series {
		head = append(head, s.Name)
	}
	head = safeRow(head)
	if err := b.f.SetSheetRow(sheet, at(0, 0), &head); err != nil {
		return app.Internal(err, "book: chart data")
	}
	_ = b.f.SetCellStyle(sheet, at(0, 0), at(len(c.Series), 0), b.head)
	for i, cat := range c.Categories {
		r := []any{safeText(cat)}
		for _, s := range c.Series {
			r = append(r, s.Values[i])
		}
		if err := b.f.SetSheetRow(sheet, at(0, i+1), &r); err != nil {
			return app.Internal(err, "book: chart data")
		}
	}
	first, last := row+1, row+len(c.Categories)
	catCol, _ := excelize.ColumnNumberToName(col)
	q := "'" + strings.ReplaceAll(sheet, "'", "''") + "'"
	ch := &excelize.Chart{
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: c.Title, Font: &excelize.Font{Bold: true, Family: FontSong, Size: 12}}}},
		Legend:    excelize.ChartLegend{Position: "bottom"},
		Dimension: excelize.ChartDimension{Width: 600, Height: 340},
		Format:    excelize.GraphicOptions{OffsetX: 10},
		XAxis:     excelize.ChartAxis{Font: excelize.Font{Family: FontSong, Size: 9}},
		YAxis:     excelize.ChartAxis{Font: excelize.Font{Family: FontSong, Size: 9}, MajorGridLines: true},
	}
	switch c.Kind {
	case Line:
		ch.Type = excelize.Line
	case Pie:
		ch.Type = excelize.Pie
		ch.PlotArea = excelize.ChartPlotArea{ShowPercent: true, ShowCatName: true, ShowLeaderLines: true}
	case HBar:
		ch.Type = excelize.Bar
		ch.XAxis.ReverseOrder = true
	default:
		ch.Type = excelize.Col
	}
	if len(c.Series) == 1 && c.Kind != Pie {
		ch.Legend.Position = "none"
		ch.PlotArea.ShowVal = len(c.Categories) <= 16
	}
	if c.Unit != "" && c.Kind != Pie {
		ch.YAxis.Title = excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: c.Unit, Font: &excelize.Font{Family: FontSong, Size: 9}}}}
	}
	series := c.Series
	if c.Kind == Pie {
		series = series[:1]
	}
	for j := range series {
		valCol, _ := excelize.ColumnNumberToName(col + 1 + j)
		s := excelize.ChartSeries{
			Name:       fmt.Sprintf("%s!$%s$%d", q, valCol, row),
			Categories: fmt.Sprintf("%s!$%s$%d:$%s$%d", q, catCol, first, catCol, last),
			Values:     fmt.Sprintf("%s!$%s$%d:$%s$%d", q, valCol, first, valCol, last),
		}
		if c.Kind != Pie {
			s.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{Palette[j%len(Palette)]}}
		}
		if c.Kind == Line {
			s.Line = excelize.LineOptions{Width: 2}
			s.Marker = excelize.ChartMarker{Symbol: "circle", Size: 5}
		}
		ch.Series = append(ch.Series, s)
	}
	anchor, _ := excelize.CoordinatesToCellName(col+len(c.Series)+2, row)
	if err := b.f.AddChart(sheet, anchor, ch); err != nil {
		return app.Internal(err, "book: add chart")
	}
	b.charts[sheet]++
	// A chart is 340 px high, about 18 rows; leave two rows between charts.
	b.next[sheet] = max(b.next[sheet], row+max(len(c.Categories)+2, 20))
	return nil
}

// Write writes the workbook as .xlsx.
func (b *Book) Write(w io.Writer) error {
	defer b.f.Close()
	if b.sheets > 0 {
		b.f.SetActiveSheet(0)
	}
	if err := b.f.Write(w); err != nil {
		return app.Internal(err, "book: write xlsx")
	}
	return nil
}

// PercentCells formats cells as percentages with two decimals (values are
// fractions: 0.9375 shows 93.75%). Cells are {row, col}, zero-based over the
// data rows under the header.
func (b *Book) PercentCells(sheet string, cells [][2]int) error {
	if len(cells) == 0 {
		return nil
	}
	fmtCode := "0.00%"
	style, err := b.f.NewStyle(&excelize.Style{CustomNumFmt: &fmtCode})
	if err != nil {
		return app.Internal(err, "book: percent style")
	}
	for _, c := range cells {
		cell, _ := excelize.CoordinatesToCellName(c[1]+1, c[0]+2)
		if err := b.f.SetCellStyle(SheetName(sheet), cell, cell, style); err != nil {
			return app.Internal(err, "book: percent cells")
		}
	}
	return nil
}
