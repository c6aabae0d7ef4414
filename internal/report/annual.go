package report

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"govdesk/internal/document"
	"govdesk/internal/stats"
)

// topN is how many buckets of a month count as its hotspots when finding the
// problems that recur month after month.
const topN = 5

// annual builds the 年度研判报告: the year by month, year on year, recurring
// problems by region and category, the units' performance and the
// recommendations people write (kept across regenerations).
func (s *Service) annual(ctx context.Context, d *Doc) error {
	p := d.Period
	d.Title = s.centre() + "年度研判报告"
	d.Subtitle = "（" + d.Label + "）"
	h, err := s.Stats.Hotline(ctx, p)
	if err != nil {
		return err
	}
	ms := months(p)
	byMonth, err := s.hotlines(ctx, ms)
	if err != nil {
		return err
	}
	last, err := s.Stats.Breakdown(ctx, p.YearBefore())
	if err != nil {
		return err
	}
	monthly := make([]stats.Breakdown, len(ms))
	if err := each(len(ms), func(i int) (err error) {
		monthly[i], err = s.Stats.Breakdown(ctx, ms[i])
		return err
	}); err != nil {
		return err
	}
	// The months partition the year: its towns and categories are the sums of theirs.
	towns := sumBuckets(monthly, func(b stats.Breakdown) []stats.Bucket { return b.Towns })
	categories := sumBuckets(monthly, func(b stats.Breakdown) []stats.Bucket { return b.Categories })
	units, err := s.Stats.Units(ctx, p)
	if err != nil {
		return err
	}
	passages, err := s.Passages.Get(ctx, d.Key)
	if err != nil {
		return err
	}

	b := builder{d}
	d.Byline = s.subtitle(p)
	b.h(1, "一、全年总体情况")
	b.para(summary(&h, "全年")...)
	b.table(figuresTable(&h))

	b.h(1, "二、逐月情况")
	b.para(yearMonthsText(byMonth)...)
	b.table(monthTable(byMonth))
	b.chart(trendChart(byMonth, "各月受理量与上年同期对比"))
	b.chart(ratesChart(byMonth))

	b.h(1, "三、诉求类型同比变化")
	tt, tc := typesTable(&h)
	b.para(typesText(&h)...)
	b.table(tt)
	tc.Title = "各类诉求件数与上年对比"
	b.chart(tc)

	b.h(1, "四、反复出现的问题")
	b.para(plain(fmt.Sprintf("以各月受理量居前%d位的镇街和问题类别为当月热点，统计全年进入热点的月数；月数越多，问题越具有反复性和持续性。", topN)))
	b.h(2, "（一）区域分布")
	rt, rc := recurTable("镇街", "by_town", p, towns, last.Towns, monthly, func(b stats.Breakdown) []stats.Bucket { return b.Towns })
	b.para(recurText("镇街", "by_town", p, rt)...)
	b.table(rt.Table)
	b.chart(rc)
	b.h(2, "（二）问题类别")
	ct, cc := recurTable("问题类别", "by_category", p, categories, last.Categories, monthly, func(b stats.Breakdown) []stats.Bucket { return b.Categories })
	b.para(recurText("问题类别", "by_category", p, ct)...)
	b.table(ct.Table)
	b.chart(cc)

	b.h(1, "五、承办单位履职情况")
	ut, uc := unitsTable(units, p)
	b.para(unitsText(units, p)...)
	b.table(ut)
	if len(units) > 0 {
		b.chart(uc)
	}

	b.h(1, "六、意见建议")
	b.passage(PassageRecommendations, passages[PassageRecommendations],
		"（此处由热线办结合上述数据填写研判意见和工作建议；在网页版“意见建议”中编辑，重新生成报告时保留。）")
	return nil
}

// monthTable is the year month by month.
func monthTable(hs []stats.Hotline) Table {
	t := Table{Name: "逐月情况", Header: []string{"月份", "受理量", "上年同月", "同比", "办结率", "按时答复率", "满意率", "超期件"},
		Widths: []int{10, 12, 12, 13, 13, 14, 13, 10}}
	for _, h := range hs {
		p := h.Period
		t.Rows = append(t.Rows, []Cell{text(monthName(p, false)), num(h.Received, Link{p, "received"}),
			num(h.Previous.Received, Link{p, "previous.received"}), rateCell(h.GrowthReceived, Link{}),
			rateCell(h.ClosureRate, Link{p, "closure_rate.numerator"}), rateCell(h.OnTimeRate, Link{p, "on_time_rate.numerator"}),
			rateCell(h.SatisfactionRate, Link{p, "satisfaction_rate.numerator"}), num(h.Overdue, Link{p, "overdue"})})
	}
	return t
}

// ratesChart draws the months' on-time and satisfaction rates.
func ratesChart(hs []stats.Hotline) Chart {
	c := Chart{Chart: document.Chart{Kind: document.Line, Title: "各月按时答复率和满意率", Unit: "%"}}
	on, sat := document.Series{Name: "按时答复率"}, document.Series{Name: "满意率"}
	var l1, l2 []Link
	for _, h := range hs {
		c.Categories = append(c.Categories, monthName(h.Period, false))
		on.Values = append(on.Values, orZero(h.OnTimeRate))
		sat.Values = append(sat.Values, orZero(h.SatisfactionRate))
		l1 = append(l1, Link{h.Period, "on_time_rate.numerator"})
		l2 = append(l2, Link{h.Period, "satisfaction_rate.numerator"})
	}
	c.Series, c.Links = []document.Series{on, sat}, [][]Link{l1, l2}
	return c
}

// recurring is a table of buckets with the months each was a hotspot.
type recurring struct {
	Table
	names  []string
	months []int
}

// recurTable lists the year's largest buckets with last year's counts, the
// growth and the months each was among the month's topN.
func recurTable(col, kind string, p stats.Period, year, last []stats.Bucket, monthly []stats.Breakdown, of func(stats.Breakdown) []stats.Bucket) (recurring, Chart) {
	hot := map[string]int{}
	for _, m := range monthly {
		for i, b := range of(m) {
			if i == topN {
				break
			}
			if b.Key != "" {
				hot[b.Key]++
			}
		}
	}
	prev := map[string]int{}
	for _, b := range last {
		prev[b.Key] = b.Count
	}
	r := recurring{Table: Table{Name: col, Header: []string{"序号", col, "全年件数", "上年件数", "同比", "热点月数"}, Widths: []int{8, 30, 14, 14, 14, 12}}}
	c := Chart{Chart: document.Chart{Kind: document.HBar, Title: col + "全年件数与上年对比（前10位）", Unit: "件"}}
	cur, old := document.Series{Name: "本年"}, document.Series{Name: "上年"}
	var l1, l2 []Link
	const limit = 15
	for i, b := range year {
		if i == limit {
			r.Note = fmt.Sprintf("注：共 %d 项，列出全年件数最多的 %d 项。", len(year), limit)
			break
		}
		l, pl := Link{}, Link{}
		if b.Key != "" {
			l, pl = Link{p, kind + "." + b.Key}, Link{p, "previous." + kind + "." + b.Key}
		}
		r.Rows = append(r.Rows, []Cell{text(strconv.Itoa(i + 1)), text(b.Name), num(b.Count, l), num(prev[b.Key], pl),
			rateCell(growth(b.Count, prev[b.Key]), Link{}), text(strconv.Itoa(hot[b.Key]))})
		r.names, r.months = append(r.names, b.Name), append(r.months, hot[b.Key])
		if i < 10 {
			c.Categories = append(c.Categories, b.Name)
			cur.Values, old.Values = append(cur.Values, float64(b.Count)), append(old.Values, float64(prev[b.Key]))
			l1, l2 = append(l1, l), append(l2, pl)
		}
	}
	c.Series, c.Links = []document.Series{cur, old}, [][]Link{l1, l2}
	return r, c
}

// recurText names the buckets that were hotspots in at least half the months.
func recurText(what, kind string, p stats.Period, r recurring) []Span {
	var names []string
	for i, n := range r.months {
		if n >= 6 {
			names = append(names, fmt.Sprintf("%s（%d个月）", r.names[i], n))
		}
	}
	if len(names) == 0 {
		return []Span{plain(fmt.Sprintf("全年没有%s在半数以上月份进入当月前%d位，热点分布较分散。", what, topN))}
	}
	return []Span{plain(fmt.Sprintf("全年有 %d 个%s在半数以上月份进入当月前%d位：%s，属于反复出现的问题，建议作为来年治理重点。",
		len(names), what, topN, strings.Join(names, "、")))}
}

// yearMonthsText names the busiest and the quietest month and the month that
// grew most on last year.
func yearMonthsText(hs []stats.Hotline) []Span {
	if len(hs) == 0 {
		return nil
	}
	hi, lo, up := hs[0], hs[0], -1
	for i, h := range hs {
		if h.Received > hi.Received {
			hi = h
		}
		if h.Received < lo.Received {
			lo = h
		}
		if h.GrowthReceived != nil && (up < 0 || *h.GrowthReceived > *hs[up].GrowthReceived) {
			up = i
		}
	}
	sp := []Span{plain("全年各月中受理量最多的是" + monthName(hi.Period, false) + "（"), fig(strconv.Itoa(hi.Received), hi.Period, "received"),
		plain("件），最少的是" + monthName(lo.Period, false) + "（"), fig(strconv.Itoa(lo.Received), lo.Period, "received"), plain("件）")}
	if up >= 0 {
		h := hs[up]
		sp = append(sp, plain("；与上年同月相比，增长最快的是"+monthName(h.Period, false)+"（上年同月"),
			fig(strconv.Itoa(h.Previous.Received), h.Period, "previous.received"), plain("件，"+strings2(h.GrowthReceived, "同比")+"）"))
	}
	return append(sp, plain("。各月情况见下表。"))
}

// sumBuckets adds up one list of the breakdowns by key, largest first, then by
// key (the order of stats.Service.Breakdown).
func sumBuckets(parts []stats.Breakdown, of func(stats.Breakdown) []stats.Bucket) []stats.Bucket {
	idx := map[string]int{}
	var out []stats.Bucket
	for _, part := range parts {
		for _, b := range of(part) {
			if i, ok := idx[b.Key]; ok {
				out[i].Count += b.Count
				continue
			}
			idx[b.Key] = len(out)
			out = append(out, b)
		}
	}
	sortBy(out, func(a, b stats.Bucket) bool { return a.Count > b.Count || (a.Count == b.Count && a.Key < b.Key) })
	return out
}
