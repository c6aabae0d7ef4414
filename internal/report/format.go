package report

import (
	"strconv"

	"govdesk/internal/stats"
)

// num is a count cell linked to its figure.
func num(n int, l Link) Cell {
	v := float64(n)
	return Cell{Text: strconv.Itoa(n), Num: &v, Link: l}
}

// rateCell is a percent cell ("—" when not computable), linked.
func rateCell(v *float64, l Link) Cell {
	if v == nil {
		return Cell{Text: "—"}
	}
	x := *v
	return Cell{Text: pct(v), Num: &x, Link: l}
}

// text is a plain cell.
func text(s string) Cell { return Cell{Text: s} }

// pct writes a percent with two decimals, "—" for nil.
func pct(v *float64) string {
	if v == nil {
		return "—"
	}
	return strconv.FormatFloat(*v, 'f', 2, 64) + "%"
}

// growthText writes a growth rate in words: 增长 5.60%, 下降 3.20%, 持平.
func growthText(g *float64) string {
	switch {
	case g == nil:
		return "上年同期为 0，不计算同比"
	case *g > 0:
		return "同比增长 " + strconv.FormatFloat(*g, 'f', 2, 64) + "%"
	case *g < 0:
		return "同比下降 " + strconv.FormatFloat(-*g, 'f', 2, 64) + "%"
	}
	return "与上年同期持平"
}

// growth computes (this − last)/last in percent with the rounding of stats
// (via a one-off Hotline-free path: stats.Growth).
func growth(this, last int) *float64 { return stats.Growth(this, last) }

// share is n/total in percent (two decimals), nil when total is 0.
func share(n, total int) *float64 { return stats.Percent(n, total) }

// fig is a span showing a figure with its link.
func fig(text string, p stats.Period, key string) Span {
	return Span{Text: text, Link: Link{Period: p, Figure: key}}
}

// plain is a span of text.
func plain(s string) Span { return Span{Text: s} }
