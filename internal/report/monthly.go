package report

import (
	"context"
	"fmt"
	"strconv"

	"govdesk/internal/app"
	"govdesk/internal/document"
	"govdesk/internal/stats"
)

// monthly builds the 每月简报: the month's volumes and trend, types, hotspots
// by town and category, the units' ranking, and the overdue and supervised orders.
func (s *Service) monthly(ctx context.Context, d *Doc) error {
	p := d.Period
	d.Title = s.centre() + "每月简报"
	d.Subtitle = "（" + d.Label + "）"
	h, err := s.Stats.Hotline(ctx, p)
	if err != nil {
		return err
	}
	bd, err := s.Stats.Breakdown(ctx, p)
	if err != nil {
		return err
	}
	units, err := s.Stats.Units(ctx, p)
	if err != nil {
		return err
	}
	start := p.From.In(app.Shanghai).AddDate(0, -11, 0)
	trend, err := s.hotlines(ctx, months(stats.Period{From: start, To: p.To}))
	if err != nil {
		return err
	}
	b := builder{d}
	d.Byline = s.subtitle(p)

	b.h(1, "一、总体情况")
	b.para(summary(&h, "本月")...)
	b.table(figuresTable(&h))

	b.h(1, "二、受理量走势")
	b.para(trendText(trend)...)
	b.chart(trendChart(trend, "近12个月受理量走势"))

	b.h(1, "三、诉求类型")
	tt, tc := typesTable(&h)
	b.para(typesText(&h)...)
	b.table(tt)
	b.chart(tc)

	b.h(1, "四、热点区域和问题")
	b.h(2, "（一）各镇街诉求")
	town, townChart := bucketTable("镇街", "镇街", "by_town", p, bd.Towns, h.Received, nil, 10)
	b.para(topText("受理量居前的镇街", bd.Towns, p, "by_town", h.Received)...)
	b.table(town)
	b.chart(townChart)
	b.h(2, "（二）诉求问题类别")
	cat, catChart := bucketTable("问题类别", "一级分类", "by_category", p, bd.Categories, h.Received, nil, 10)
	b.para(topText("反映较集中的问题类别", bd.Categories, p, "by_category", h.Received)...)
	b.table(cat)
	b.chart(catChart)
	b.h(2, "（三）受理渠道")
	src, _ := bucketTable("受理渠道", "渠道", "by_source", p, bd.Sources, h.Received, nil, 10)
	b.table(src)

	b.h(1, "五、承办单位办理情况")
	ut, uc := unitsTable(units, p)
	b.para(unitsText(units, p)...)
	b.table(ut)
	if len(units) > 0 {
		b.chart(uc)
	}

	b.h(1, "六、超期和督办工单")
	for i, l := range []struct{ name, figure string }{{"超期工单", "overdue"}, {"督办工单", "supervised"}} {
		t, total, err := s.orderList(ctx, l.name, p, l.figure, 30)
		if err != nil {
			return err
		}
		b.h(2, fmt.Sprintf("（%s）%s", []string{"一", "二"}[i], l.name))
		if total == 0 {
			b.text("本月无" + l.name + "。")
			continue
		}
		b.para(plain("本月受理的工单中"+l.name+"共"), fig(strconv.Itoa(total), p, l.figure), plain("件，明细如下。"))
		b.table(t)
	}
	return nil
}

// hotlines computes the hotline figures of each period, without the
// working-day averages (the month tables and trends do not show them).
func (s *Service) hotlines(ctx context.Context, ps []stats.Period) ([]stats.Hotline, error) {
	out := make([]stats.Hotline, len(ps))
	err := each(len(ps), func(i int) (err error) {
		out[i], err = s.Stats.HotlineCounts(ctx, ps[i])
		return err
	})
	return out, err
}

// monthName is 9月 (or 2021年12月 when the months cross a year).
func monthName(p stats.Period, withYear bool) string {
	f := p.From.In(app.Shanghai)
	if withYear {
		return fmt.Sprintf("%d年%d月", f.Year(), f.Month())
	}
	return fmt.Sprintf("%d月", f.Month())
}

// trendChart draws the months' received counts against last year's.
func trendChart(hs []stats.Hotline, title string) Chart {
	c := Chart{Chart: document.Chart{Kind: document.Line, Title: title, Unit: "件"}}
	cur, prev := document.Series{Name: "受理量"}, document.Series{Name: "上年同期"}
	var l1, l2 []Link
	if len(hs) > 1 && hs[0].Period.From.In(app.Shanghai).Year() != hs[len(hs)-1].Period.From.In(app.Shanghai).Year() {
		c.Title += "（" + monthName(hs[0].Period, true) + "至" + monthName(hs[len(hs)-1].Period, true) + "）"
	}
	for _, h := range hs {
		c.Categories = append(c.Categories, monthName(h.Period, false))
		cur.Values = append(cur.Values, float64(h.Received))
		l1 = append(l1, Link{h.Period, "received"})
		prev.Values = append(prev.Values, float64(h.Previous.Received))
		l2 = append(l2, Link{h.Period, "previous.received"})
	}
	c.Series, c.Links = []document.Series{cur, prev}, [][]Link{l1, l2}
	return c
}

// trendText compares the last month with the one before (环比) and finds the
// busiest month of the span.
func trendText(hs []stats.Hotline) []Span {
	if len(hs) == 0 {
		return nil
	}
	last := hs[len(hs)-1]
	sp := []Span{plain(monthName(last.Period, true) + "受理"), fig(strconv.Itoa(last.Received), last.Period, "received"), plain("件")}
	if len(hs) > 1 {
		before := hs[len(hs)-2]
		sp = append(sp, plain("，上月"), fig(strconv.Itoa(before.Received), before.Period, "received"), plain("件，"))
		sp = append(sp, plain(strings2(growth(last.Received, before.Received), "环比")))
	}
	peak := hs[0]
	for _, h := range hs {
		if h.Received > peak.Received {
			peak = h
		}
	}
	sp = append(sp, plain("。近"+strconv.Itoa(len(hs))+"个月中受理量最多的是"+monthName(peak.Period, true)+"（"),
		fig(strconv.Itoa(peak.Received), peak.Period, "received"), plain("件）。"))
	return sp
}

// strings2 words a change rate with its prefix: 环比增长 3.00%.
func strings2(g *float64, prefix string) string {
	switch {
	case g == nil:
		return prefix + "不计算（上期为 0）"
	case *g > 0:
		return prefix + "增长 " + strconv.FormatFloat(*g, 'f', 2, 64) + "%"
	case *g < 0:
		return prefix + "下降 " + strconv.FormatFloat(-*g, 'f', 2, 64) + "%"
	}
	return prefix + "持平"
}

// typesText names the largest types.
func typesText(h *stats.Hotline) []Span {
	p := h.Period
	type tc struct {
		t string
		n int
	}
	var list []tc
	for t, n := range h.ByType {
		list = append(list, tc{t, n})
	}
	sortBy(list, func(a, b tc) bool { return a.n > b.n || (a.n == b.n && a.t < b.t) })
	sp := []Span{plain("从诉求类型看，")}
	for i, x := range list[:min(3, len(list))] {
		if i > 0 {
			sp = append(sp, plain("；"))
		}
		sp = append(sp, plain(x.t+"类"), fig(strconv.Itoa(x.n), p, "by_type."+x.t), plain("件，占"+pct(share(x.n, h.Received))))
	}
	return append(sp, plain("。"))
}

// topText names the three largest buckets.
func topText(what string, list []stats.Bucket, p stats.Period, kind string, total int) []Span {
	if len(list) == 0 {
		return []Span{plain("本期没有工单。")}
	}
	sp := []Span{plain(what + "依次为")}
	for i, b := range list[:min(3, len(list))] {
		if i > 0 {
			sp = append(sp, plain("、"))
		}
		l := Link{}
		if b.Key != "" {
			l = Link{p, kind + "." + b.Key}
		}
		sp = append(sp, plain(b.Name+"（"), Span{Text: strconv.Itoa(b.Count), Link: l}, plain("件，"+pct(share(b.Count, total))+"）"))
	}
	return append(sp, plain("。"))
}

// unitsText names the best and the weakest units.
func unitsText(units []stats.UnitFigures, p stats.Period) []Span {
	if len(units) == 0 {
		return []Span{plain("本期没有派单到承办单位的工单。")}
	}
	best, worst := units[0], units[len(units)-1]
	sp := []Span{plain(fmt.Sprintf("本期共有 %d 个承办单位办理工单。按时答复率最高的是%s（", len(units), best.Name)),
		fig(pct(best.OnTimeRate), p, "unit."+best.Code+".on_time_rate.numerator"), plain("）")}
	if len(units) > 1 {
		sp = append(sp, plain("，排名末位的是"+worst.Name+"（按时答复率"),
			fig(pct(worst.OnTimeRate), p, "unit."+worst.Code+".on_time_rate.numerator"), plain("，超期"),
			fig(strconv.Itoa(worst.Overdue), p, "unit."+worst.Code+".overdue"), plain("件）"))
	}
	return append(sp, plain("。"))
}
