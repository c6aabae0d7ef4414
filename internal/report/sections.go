package report

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/document"
	"govdesk/internal/stats"
	"govdesk/internal/workorder"
)

// builder appends blocks to a brief.
type builder struct{ d *Doc }

func (b builder) h(level int, s string) {
	b.d.Blocks = append(b.d.Blocks, Block{Heading: level, Text: s})
}
func (b builder) para(spans ...Span) { b.d.Blocks = append(b.d.Blocks, Block{Spans: spans}) }
func (b builder) text(s string)      { b.d.Blocks = append(b.d.Blocks, Block{Text: s}) }
func (b builder) table(t Table)      { b.d.Blocks = append(b.d.Blocks, Block{Table: &t}) }

// chart adds a chart; one without categories (a period without orders) is left out.
func (b builder) chart(c Chart) {
	if len(c.Categories) > 0 {
		b.d.Blocks = append(b.d.Blocks, Block{Chart: &c})
	}
}
func (b builder) passage(key, body, hint string) {
	b.d.Blocks = append(b.d.Blocks, Block{Passage: key, Text: body, Hint: hint})
}

// summary is the opening paragraph over a period's hotline figures: volume and
// growth, urgency, closure, timeliness, satisfaction, and the troubles.
func summary(h *stats.Hotline, noun string) []Span {
	p := h.Period
	sp := []Span{plain(noun + "共受理群众诉求"), fig(strconv.Itoa(h.Received), p, "received"), plain("件")}
	if h.Previous != nil {
		sp = append(sp, plain("，上年同期"), fig(strconv.Itoa(h.Previous.Received), p, "previous.received"),
			plain("件，"+growthText(h.GrowthReceived)))
	}
	sp = append(sp, plain("；其中紧急件"), fig(strconv.Itoa(h.Urgent), p, "urgent"), plain("件。已办结"),
		fig(strconv.Itoa(h.Closed), p, "closed"), plain("件，办结率"), fig(pct(h.ClosureRate), p, "closure_rate.numerator"),
		plain("；按时答复率"), fig(pct(h.OnTimeRate), p, "on_time_rate.numerator"),
		plain("；满意率"), fig(pct(h.SatisfactionRate), p, "satisfaction_rate.numerator"),
		plain("；咨询类一次性解答率"), fig(pct(h.FirstCallRate), p, "first_call_resolution_rate.numerator"),
		plain("。超期"), fig(strconv.Itoa(h.Overdue), p, "overdue"), plain("件，督办"),
		fig(strconv.Itoa(h.Supervised), p, "supervised"), plain("件，退单"), fig(strconv.Itoa(h.Returned), p, "returned"),
		plain("件，延期"), fig(strconv.Itoa(h.Extended), p, "extended"), plain("件，重办"), fig(strconv.Itoa(h.Reopened), p, "reopened"),
		plain("件。"))
	return sp
}

// figuresTable lists every hotline figure of SPEC §9 with its parts, last
// year's value and the growth, each linked to its orders.
func figuresTable(h *stats.Hotline) Table {
	p := h.Period
	t := Table{Name: "主要指标", Header: []string{"指标", "本期", "分子", "分母", "上年同期", "同比"}, Widths: []int{28, 14, 12, 12, 14, 14}}
	for _, f := range h.Figures() {
		row := []Cell{text(f.Name), valueCell(f, f.Value, p, f.Drill[0]), {}, {}, {}, text("")}
		if f.Unit == "%" {
			row[2] = num(f.Numerator, Link{p, f.Drill[0]})
			row[3] = num(f.Denominator, Link{p, f.Drill[1]})
		} else if f.Unit == "个工作日" {
			row[3] = num(f.Denominator, Link{p, f.Drill[0]})
		}
		if h.Previous != nil {
			row[4] = valueCell(f, f.Previous, p, "previous."+f.Drill[0])
		}
		if f.Key == "received" || f.Key == "urgent" {
			row[5] = rateCell(f.Growth, Link{})
		}
		t.Rows = append(t.Rows, row)
	}
	t.Note = "注：比率的分子、分母和各项件数均可在网页版点击查看对应工单；平均办理时长的“分母”为参与计算的工单数。"
	return t
}

// valueCell shows a figure's value in its unit, linked.
func valueCell(f stats.Figure, v *float64, p stats.Period, key string) Cell {
	if v == nil {
		return text("—")
	}
	x := *v
	return Cell{Text: f.Format(v), Num: &x, Link: Link{p, key}}
}

// typesTable counts a period's orders by type with shares and last year's counts.
func typesTable(h *stats.Hotline) (Table, Chart) {
	p := h.Period
	t := Table{Name: "按类型", Header: []string{"诉求类型", "件数", "占比", "上年同期", "同比"}, Widths: []int{20, 14, 14, 14, 16}}
	c := Chart{Chart: document.Chart{Kind: document.Bar, Title: "各类诉求件数", Unit: "件"}}
	cur := document.Series{Name: "本期"}
	var prev document.Series
	var curLinks, prevLinks []Link
	if h.Previous != nil {
		prev.Name = "上年同期"
	}
	for _, typ := range workorder.Types {
		n := h.ByType[typ]
		row := []Cell{text(typ), num(n, Link{p, "by_type." + typ}), rateCell(share(n, h.Received), Link{}), {}, {}}
		c.Categories = append(c.Categories, typ)
		cur.Values = append(cur.Values, float64(n))
		curLinks = append(curLinks, Link{p, "by_type." + typ})
		if h.Previous != nil {
			last := h.Previous.ByType[typ]
			row[3] = num(last, Link{p, "previous.by_type." + typ})
			row[4] = rateCell(growth(n, last), Link{})
			prev.Values = append(prev.Values, float64(last))
			prevLinks = append(prevLinks, Link{p, "previous.by_type." + typ})
		}
		t.Rows = append(t.Rows, row)
	}
	t.Rows = append(t.Rows, []Cell{text("合计"), num(h.Received, Link{p, "received"}), text("100.00%"), {}, {}})
	if h.Previous != nil {
		last := t.Rows[len(t.Rows)-1]
		last[3] = num(h.Previous.Received, Link{p, "previous.received"})
		last[4] = rateCell(h.GrowthReceived, Link{})
	}
	c.Series, c.Links = []document.Series{cur}, [][]Link{curLinks}
	if h.Previous != nil {
		c.Series, c.Links = append(c.Series, prev), append(c.Links, prevLinks)
	}
	return t, c
}

// bucketTable lists the largest buckets of a breakdown (towns, categories,
// sources) with their shares and, when given, last year's counts.
func bucketTable(name, col, kind string, p stats.Period, list []stats.Bucket, total int, last []stats.Bucket, limit int) (Table, Chart) {
	t := Table{Name: name, Header: []string{"序号", col, "件数", "占比"}, Widths: []int{8, 30, 14, 14}}
	if last != nil {
		t.Header = append(t.Header, "上年同期", "同比")
		t.Widths = append(t.Widths, 14, 14)
	}
	prev := map[string]int{}
	for _, b := range last {
		prev[b.Key] = b.Count
	}
	c := Chart{Chart: document.Chart{Kind: document.HBar, Title: name + "（前" + strconv.Itoa(min(limit, len(list))) + "位）", Unit: "件"}}
	var s document.Series
	var links []Link
	shown := 0
	for _, b := range list {
		if shown == limit {
			break
		}
		shown++
		l := Link{}
		if b.Key != "" {
			l = Link{p, kind + "." + b.Key}
		}
		row := []Cell{text(strconv.Itoa(shown)), text(b.Name), num(b.Count, l), rateCell(share(b.Count, total), Link{})}
		if last != nil {
			pl := Link{}
			if b.Key != "" {
				pl = Link{p, "previous." + kind + "." + b.Key}
			}
			row = append(row, num(prev[b.Key], pl), rateCell(growth(b.Count, prev[b.Key]), Link{}))
		}
		t.Rows = append(t.Rows, row)
		c.Categories = append(c.Categories, b.Name)
		s.Values = append(s.Values, float64(b.Count))
		links = append(links, l)
	}
	s.Name = "件数"
	c.Series, c.Links = []document.Series{s}, [][]Link{links}
	if len(list) > limit {
		t.Note = fmt.Sprintf("注：共 %d 项，列出件数最多的 %d 项。", len(list), limit)
	}
	return t, c
}

// chartEnds is how many of the first and of the last units the ranking's chart draws
// when there are more than twice as many.
const chartEnds = 5

// unitsTable ranks every handling unit (stats.Service.Units order) with its rates and
// troubles: the whole ranking, so the weakest units are seen. The chart draws the
// first and the last chartEnds units when there are more, and says so.
func unitsTable(units []stats.UnitFigures, p stats.Period) (Table, Chart) {
	t := Table{Name: "承办单位", Header: []string{"排名", "承办单位", "承办件", "按时答复率", "满意率", "退单件", "超期件", "督办件"},
		Widths: []int{7, 26, 11, 14, 12, 10, 10, 10}}
	c := Chart{Chart: document.Chart{Kind: document.HBar, Title: "承办单位按时答复率与满意率", Unit: "%"}}
	if len(units) > 2*chartEnds {
		c.Title += fmt.Sprintf("（前 %d 位与末 %d 位）", chartEnds, chartEnds)
	}
	onTime, sat := document.Series{Name: "按时答复率"}, document.Series{Name: "满意率"}
	var l1, l2 []Link
	for i, u := range units {
		k := func(key string) Link { return Link{p, "unit." + u.Code + "." + key} }
		t.Rows = append(t.Rows, []Cell{text(strconv.Itoa(i + 1)), text(u.Name), num(u.Received, k("received")),
			rateCell(u.OnTimeRate, k("on_time_rate.numerator")), rateCell(u.SatisfactionRate, k("satisfaction_rate.numerator")),
			num(u.Returned, k("returned")), num(u.Overdue, k("overdue")), num(u.Supervised, k("supervised"))})
		if i < chartEnds || i >= len(units)-chartEnds {
			c.Categories = append(c.Categories, fmt.Sprintf("%d. %s", i+1, u.Name))
			onTime.Values = append(onTime.Values, orZero(u.OnTimeRate))
			sat.Values = append(sat.Values, orZero(u.SatisfactionRate))
			l1, l2 = append(l1, k("on_time_rate.numerator")), append(l2, k("satisfaction_rate.numerator"))
		}
	}
	t.Note = fmt.Sprintf("注：共 %d 个承办单位，全部列出；按按时答复率、满意率由高到低，退单率由低到高排序；承办件按当前主办单位统计，未派单的工单不计入。", len(units))
	c.Series, c.Links = []document.Series{onTime, sat}, [][]Link{l1, l2}
	return t, c
}

func orZero(v *float64) float64 {
	if v == nil {
		return 0
	}
	return *v
}

// orderList lists up to limit orders of a figure (overdue, supervised) with
// the total and a link to all of them.
func (s *Service) orderList(ctx context.Context, name string, p stats.Period, figure string, limit int) (Table, int, error) {
	f, err := s.Stats.FigureFilter(ctx, p, figure)
	if err != nil {
		return Table{}, 0, err
	}
	f.Page = app.Page{Page: 1, PerPage: limit}
	list, total, err := s.Orders.FindOrders(ctx, f)
	if err != nil {
		return Table{}, 0, err
	}
	// Widths in twips: a 14-digit number and a date fit on one line in 五号.
	t := Table{Name: name, Header: []string{"工单编号", "诉求标题", "类型", "承办单位", "受理日期", "办理期限", "状态"},
		Widths: []int{1700, 1700, 650, 1500, 1250, 1250, 800}}
	a, _ := app.ActorFrom(ctx)
	for _, o := range list {
		o = workorder.Present(a, o, workorder.ReadList)
		t.Rows = append(t.Rows, []Cell{{Text: o.No, Order: o.ID}, text(o.Title), text(o.Type), text(orDash(o.UnitName)),
			text(day(o.ReceivedAt)), text(day(o.DeadlineAt)), text(workorder.StatusNames[o.Status])})
	}
	if total > len(list) {
		t.Note = fmt.Sprintf("注：共 %d 件，列出最近受理的 %d 件，全部工单见网页版。", total, len(list))
	}
	return t, total, nil
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func day(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.In(app.Shanghai).Format("2006-01-02")
}
