package web

import (
	"fmt"
	"html/template"
	"math"
	"strconv"
	"strings"

	"govdesk/internal/document"
	"govdesk/internal/report"
)

// chartSVG draws a brief's chart as inline SVG: each bar, point or slice is a
// link to the orders it counts (href gives the address of a link; "" for none).
func chartSVG(c report.Chart, href func(report.Link) string) template.HTML {
	var b strings.Builder
	switch c.Kind {
	case document.Pie:
		pieSVG(&b, c, href)
	case document.HBar:
		hbarSVG(&b, c, href)
	default:
		axisSVG(&b, c, href)
	}
	return template.HTML(b.String())
}

const svgW, svgH = 720.0, 320.0

func color(i int) string { return "#" + document.Palette[i%len(document.Palette)] }

func attr(s string) string { return template.HTMLEscapeString(s) }

func linkOpen(b *strings.Builder, c report.Chart, s, i int, href func(report.Link) string, title string) bool {
	if s < len(c.Links) && i < len(c.Links[s]) {
		if u := href(c.Links[s][i]); u != "" {
			fmt.Fprintf(b, `<a href="%s"><title>%s</title>`, attr(u), attr(title))
			return true
		}
	}
	fmt.Fprintf(b, `<g><title>%s</title>`, attr(title))
	return false
}

func linkClose(b *strings.Builder, linked bool) {
	if linked {
		b.WriteString(`</a>`)
	} else {
		b.WriteString(`</g>`)
	}
}

func fmtVal(v float64, unit string) string {
	if unit == "%" {
		return strconv.FormatFloat(v, 'f', 2, 64) + "%"
	}
	if v == math.Trunc(v) {
		return strconv.FormatFloat(v, 'f', 0, 64)
	}
	return strconv.FormatFloat(v, 'f', 2, 64)
}

// niceMax rounds a maximum up to 1, 2 or 5 times a power of ten.
func niceMax(m float64) float64 {
	if m <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(m)))
	for _, k := range []float64{1, 2, 5, 10} {
		if k*p >= m {
			return k * p
		}
	}
	return 10 * p
}

func maxValue(c report.Chart) float64 {
	m := 0.0
	for _, s := range c.Series {
		for _, v := range s.Values {
			m = math.Max(m, v)
		}
	}
	return m
}

func svgOpen(b *strings.Builder, c report.Chart, h float64) {
	fmt.Fprintf(b, `<svg class="chart" viewBox="0 0 %.0f %.0f" role="img" aria-label="%s" xmlns="http://www.w3.org/2000/svg" font-size="12">`, svgW, h, attr(c.Title))
	fmt.Fprintf(b, `<text x="%.0f" y="18" text-anchor="middle" font-size="14" font-weight="bold">%s</text>`, svgW/2, attr(c.Title))
}

func legend(b *strings.Builder, c report.Chart, y float64) {
	if len(c.Series) < 2 {
		return
	}
	x := svgW/2 - float64(len(c.Series))*55
	for i, s := range c.Series {
		fmt.Fprintf(b, `<rect x="%.0f" y="%.0f" width="10" height="10" fill="%s"/><text x="%.0f" y="%.0f">%s</text>`, x, y-9, color(i), x+14, y, attr(s.Name))
		x += 110
	}
}

// axisSVG draws columns (Bar) or lines (Line) over the categories.
func axisSVG(b *strings.Builder, c report.Chart, href func(report.Link) string) {
	left, right, top, bottom := 56.0, 16.0, 34.0, 60.0
	svgOpen(b, c, svgH)
	top2 := niceMax(maxValue(c))
	pw, ph := svgW-left-right, svgH-top-bottom
	for i := 0; i <= 4; i++ {
		y := top + ph - ph*float64(i)/4
		fmt.Fprintf(b, `<line x1="%.0f" x2="%.0f" y1="%.1f" y2="%.1f" stroke="#ddd"/><text x="%.0f" y="%.1f" text-anchor="end" fill="#666">%s</text>`,
			left, left+pw, y, y, left-6, y+4, fmtVal(top2*float64(i)/4, c.Unit))
	}
	if c.Unit != "" {
		fmt.Fprintf(b, `<text x="12" y="%.0f" fill="#666">%s</text>`, top-8, attr(c.Unit))
	}
	n := len(c.Categories)
	step := pw / float64(n)
	for i, cat := range c.Categories {
		fmt.Fprintf(b, `<text x="%.1f" y="%.0f" text-anchor="middle" fill="#333">%s</text>`, left+step*(float64(i)+0.5), top+ph+16, attr(shorten(cat, 8)))
	}
	yOf := func(v float64) float64 { return top + ph - ph*v/top2 }
	if c.Kind == document.Line {
		for s, ser := range c.Series {
			var pts []string
			for i, v := range ser.Values {
				pts = append(pts, fmt.Sprintf("%.1f,%.1f", left+step*(float64(i)+0.5), yOf(v)))
			}
			fmt.Fprintf(b, `<polyline fill="none" stroke="%s" stroke-width="2" points="%s"/>`, color(s), strings.Join(pts, " "))
			for i, v := range ser.Values {
				l := linkOpen(b, c, s, i, href, fmt.Sprintf("%s %s：%s", c.Categories[i], ser.Name, fmtVal(v, c.Unit)))
				fmt.Fprintf(b, `<circle cx="%.1f" cy="%.1f" r="5" fill="%s" class="chart-value"/>`, left+step*(float64(i)+0.5), yOf(v), color(s))
				linkClose(b, l)
			}
		}
	} else {
		k := float64(len(c.Series))
		bw := step * 0.7 / k
		for s, ser := range c.Series {
			for i, v := range ser.Values {
				x := left + step*float64(i) + step*0.15 + bw*float64(s)
				l := linkOpen(b, c, s, i, href, fmt.Sprintf("%s %s：%s", c.Categories[i], ser.Name, fmtVal(v, c.Unit)))
				fmt.Fprintf(b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s" class="chart-value"/>`, x, yOf(v), bw, top+ph-yOf(v), color(s))
				if len(c.Series) == 1 && n <= 16 {
					fmt.Fprintf(b, `<text x="%.1f" y="%.1f" text-anchor="middle" fill="#333">%s</text>`, x+bw/2, yOf(v)-4, fmtVal(v, c.Unit))
				}
				linkClose(b, l)
			}
		}
	}
	legend(b, c, svgH-12)
	b.WriteString(`</svg>`)
}

// hbarSVG draws horizontal bars, the first category on top.
func hbarSVG(b *strings.Builder, c report.Chart, href func(report.Link) string) {
	left, right, top := 150.0, 60.0, 34.0
	k := float64(len(c.Series))
	row := 14.0*k + 10
	h := top + row*float64(len(c.Categories)) + 36
	svgOpen(b, c, h)
	top2 := niceMax(maxValue(c))
	pw := svgW - left - right
	for i, cat := range c.Categories {
		y := top + row*float64(i)
		fmt.Fprintf(b, `<text x="%.0f" y="%.1f" text-anchor="end" fill="#333">%s</text>`, left-8, y+row/2+4, attr(shorten(cat, 11)))
		for s, ser := range c.Series {
			v := ser.Values[i]
			w := pw * v / top2
			l := linkOpen(b, c, s, i, href, fmt.Sprintf("%s %s：%s", cat, ser.Name, fmtVal(v, c.Unit)))
			fmt.Fprintf(b, `<rect x="%.0f" y="%.1f" width="%.1f" height="12" fill="%s" class="chart-value"/><text x="%.1f" y="%.1f" fill="#333">%s</text>`,
				left, y+5+14*float64(s), w, color(s), left+w+4, y+15+14*float64(s), fmtVal(v, c.Unit))
			linkClose(b, l)
		}
	}
	legend(b, c, h-10)
	b.WriteString(`</svg>`)
}

// pieSVG draws the first series as slices with their shares.
func pieSVG(b *strings.Builder, c report.Chart, href func(report.Link) string) {
	svgOpen(b, c, svgH)
	total := 0.0
	for _, v := range c.Series[0].Values {
		total += v
	}
	cx, cy, r := 200.0, svgH/2+10, 110.0
	a := -math.Pi / 2
	for i, v := range c.Series[0].Values {
		if total == 0 || v == 0 {
			continue
		}
		d := 2 * math.Pi * v / total
		l := linkOpen(b, c, 0, i, href, fmt.Sprintf("%s：%s（%.2f%%）", c.Categories[i], fmtVal(v, c.Unit), 100*v/total))
		if d >= 2*math.Pi-1e-9 {
			fmt.Fprintf(b, `<circle cx="%.0f" cy="%.0f" r="%.0f" fill="%s" class="chart-value"/>`, cx, cy, r, color(i))
		} else {
			large := 0
			if d > math.Pi {
				large = 1
			}
			fmt.Fprintf(b, `<path d="M%.1f,%.1f L%.1f,%.1f A%.0f,%.0f 0 %d 1 %.1f,%.1f Z" fill="%s" stroke="#fff" class="chart-value"/>`,
				cx, cy, cx+r*math.Cos(a), cy+r*math.Sin(a), r, r, large, cx+r*math.Cos(a+d), cy+r*math.Sin(a+d), color(i))
		}
		linkClose(b, l)
		a += d
	}
	for i, cat := range c.Categories {
		y := 50 + 20*float64(i)
		fmt.Fprintf(b, `<rect x="380" y="%.0f" width="12" height="12" fill="%s"/><text x="398" y="%.0f">%s %s</text>`, y, color(i), y+11,
			attr(cat), fmtVal(c.Series[0].Values[i], c.Unit))
	}
	b.WriteString(`</svg>`)
}

func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
