// Package report builds the centre's briefs (SPEC §9) from the statistics: the
// weekly digest of typical orders (周报), the monthly brief (每月简报) and the
// annual analysis (年度研判报告). A brief is a content model — headings,
// paragraphs, tables and charts whose every figure carries the drill-down
// link of the stats figure it shows — rendered to .docx and .xlsx here
// (through package document) and to a web page by package web.
//
// It is plain Go: the statistics come from stats.Service, the orders and the
// editable passages through the small interfaces of service.go.
package report

import (
	"govdesk/internal/document"
	"govdesk/internal/stats"
)

// Kinds of brief.
const (
	Weekly  = "weekly"
	Monthly = "monthly"
	Annual  = "annual"
)

// KindNames are the briefs' Chinese names.
var KindNames = map[string]string{Weekly: "周报（典型工单）", Monthly: "每月简报", Annual: "年度研判报告"}

// Passage keys of the editable text kept in doc_passages.
const (
	PassageSelection       = "selection"       // weekly: the chosen orders' numbers, one a line, in order
	PassageRecommendations = "recommendations" // annual: 意见建议
)

// Doc is one brief's content.
type Doc struct {
	Kind     string
	Key      string // doc_passages key: "weekly:2022-W39", "monthly:2022-09", "annual:2022"
	Arg      string // the period as the command line gives it: 2022-W39, 2022-09, 2022
	Label    string // the period in Chinese: 2022年第39周, 2022年9月, 2022年
	Title    string
	Subtitle string // the period under the title: （2022年9月）
	Byline   string // the issuing office and the instant the figures were computed at
	Period   stats.Period
	Blocks   []Block
}

// Block is one part of a brief, in reading order: a heading, a paragraph,
// a table, a chart or an editable passage.
type Block struct {
	Heading int    // 1, 2, 3: a heading whose text is Text
	Text    string // heading text, or a plain paragraph
	Spans   []Span // a paragraph of text and linked figures (when set, Text is empty)
	Table   *Table
	Chart   *Chart
	// Passage names an editable passage; Text is its stored body (may be
	// empty) and Hint what to write when it is.
	Passage string
	Hint    string
}

// Link is a figure's drill-down: the figure key of stats.Service.FigureFilter
// over a period. The zero Link links nothing.
type Link struct {
	Period stats.Period
	Figure string
}

// Span is a piece of a paragraph; a figure carries its link.
type Span struct {
	Text string
	Link Link
}

// Cell is a table cell; Num is set for figures (the .xlsx writes it as a
// number) and Link for a figure with a drill-down.
type Cell struct {
	Text  string
	Num   *float64
	Link  Link
	Order int64 // the cell names this order (a link to its page)
}

// Table is a table of a brief; Name is its sheet in the .xlsx.
type Table struct {
	Name   string
	Header []string
	Rows   [][]Cell
	Widths []int
	Note   string // under the table: totals left out, the source
}

// Chart is a chart with a link per value (Links[series][category]).
type Chart struct {
	document.Chart
	Links [][]Link
}

// ParaText returns the text of a paragraph block.
func (b Block) ParaText() string {
	if len(b.Spans) == 0 {
		return b.Text
	}
	s := ""
	for _, sp := range b.Spans {
		s += sp.Text
	}
	return s
}
