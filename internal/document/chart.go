package document

import (
	"fmt"
	"math"

	"govdesk/internal/app"
)

// ChartKind is the kind of a chart.
type ChartKind string

// Chart kinds.
const (
	Bar  ChartKind = "bar"  // vertical columns, one colour per series
	HBar ChartKind = "hbar" // horizontal bars (long category names, rankings)
	Line ChartKind = "line" // lines with markers (months, trends)
	Pie  ChartKind = "pie"  // shares of a whole (first series only)
)

// Chart is a chart over categories, one value per category and series.
type Chart struct {
	Kind       ChartKind
	Title      string
	Categories []string
	Series     []Series
	Unit       string // the value axis title, e.g. "件" or "%"
}

// Series is one named row of values, one per category.
type Series struct {
	Name   string
	Values []float64
}

// palette is the series colours (also used by the web SVG charts).
var Palette = []string{"4472C4", "ED7D31", "A5A5A5", "FFC000", "5B9BD5", "70AD47", "264478", "9E480E", "636363", "997300"}

// Validate checks a chart is drawable: a known kind, at least one category,
// every series as long as the categories and holding finite values.
func (c Chart) Validate() error {
	switch c.Kind {
	case Bar, HBar, Line, Pie:
	default:
		return app.Invalid("不支持的图表类型“%s”", c.Kind)
	}
	if len(c.Categories) == 0 || len(c.Series) == 0 {
		return app.Invalid("图表“%s”没有数据", c.Title)
	}
	for _, s := range c.Series {
		if len(s.Values) != len(c.Categories) {
			return app.Invalid("图表“%s”的系列“%s”有 %d 个值，应为 %d 个", c.Title, s.Name, len(s.Values), len(c.Categories))
		}
		for _, v := range s.Values {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return app.Invalid("图表“%s”的系列“%s”含有无效数值", c.Title, s.Name)
			}
		}
	}
	return nil
}

// colName is the spreadsheet column letter of a zero-based index (A, B, … Z, AA …).
func colName(i int) string {
	s := ""
	for i++; i > 0; i = (i - 1) / 26 {
		s = string(rune('A'+(i-1)%26)) + s
	}
	return s
}

// formatValue writes a chart value compactly for XML caches.
func formatValue(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return fmt.Sprintf("%d", int64(v))
	}
	return fmt.Sprintf("%g", v)
}
