package web

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/stats"
	"govdesk/internal/workorder"
)

// dashKeys are the key figures a dashboard shows, in this order.
var dashKeys = []string{"received", "urgent", "closure_rate", "on_time_rate", "satisfaction_rate",
	"first_call_resolution_rate", "avg_workdays.咨询", "avg_workdays.非咨询", "overdue", "supervised"}

// figuresDash is a year's key figures with last year's, the months' trend and, for
// the centre, the units' ranking; every number links to the orders it counts.
func (ui *UI) figuresDash(r *http.Request, title string, centre bool) (dashSection, error) {
	s := dashSection{ID: "dash-figures", Title: title}
	if ui.Stats == nil {
		return s, nil
	}
	ctx := r.Context()
	year, err := ui.yearOf(r, ui.latestOrder)
	if err != nil {
		return s, err
	}
	p, err := stats.DatePeriod(fmt.Sprintf("%d-01-01", year), fmt.Sprintf("%d-12-31", year))
	if err != nil {
		return s, err
	}
	h, err := ui.Stats.Hotline(ctx, p)
	if err != nil {
		return s, err
	}
	s.Title = fmt.Sprintf("%s（%d 年，对比 %d 年）", title, year, year-1)
	if h.Received == 0 {
		if s.NoData, err = latestPeriod(ctx, spanYear, ui.latestOrder, yearName, func(from time.Time) string {
			return "/?year=" + strconv.Itoa(from.Year())
		}); err != nil {
			return s, err
		}
	}
	s.Hint = "点击数字查看对应工单明细；比率的数字链接到分子工单。"
	now := ui.now().In(app.Shanghai)
	years := []int{now.Year(), year, year - 1}
	// and the latest earlier year with orders, so a gap of years without data is crossed in one click
	if t, ok, err := ui.latestOrder(ctx, time.Date(min(year-1, now.Year()), 1, 1, 0, 0, 0, 0, app.Shanghai)); err != nil {
		return s, err
	} else if ok {
		years = append(years, t.In(app.Shanghai).Year())
	}
	for _, y := range years {
		dup := false
		for _, e := range s.Years {
			dup = dup || e.Label == strconv.Itoa(y)+" 年"
		}
		if !dup {
			s.Years = append(s.Years, dashYear{Label: strconv.Itoa(y) + " 年", Href: "/?year=" + strconv.Itoa(y), Current: y == year})
		}
	}
	byKey := map[string]stats.Figure{}
	for _, f := range h.Figures() {
		byKey[f.Key] = f
	}
	last := p.YearBefore()
	for _, k := range dashKeys {
		f, ok := byKey[k]
		if !ok || !centre && k == "first_call_resolution_rate" { // resolved at intake: the hotline's, never a unit's
			continue
		}
		df := dashFigure{Name: f.Name, Value: f.Format(f.Value), Previous: f.Format(f.Previous), Unit: f.Unit}
		if len(f.Drill) > 0 {
			df.Href, df.PrevHref = dashFigureHref(f.Drill[0], p), dashFigureHref(f.Drill[0], last)
		}
		if f.Growth != nil {
			df.Growth = strconv.FormatFloat(*f.Growth, 'f', 2, 64) + "%"
		}
		s.Figures = append(s.Figures, df)
	}
	if s.Months, err = ui.monthTrend(r, year); err != nil {
		return s, err
	}
	if centre {
		units, err := ui.Stats.Units(ctx, p)
		if err != nil {
			return s, err
		}
		for i, u := range units { // the whole ranking: the weakest units are the ones to see
			s.Units = append(s.Units, dashUnit{Rank: i + 1, Name: u.Name, Received: u.Received, Overdue: u.Overdue,
				Href:   dashFigureHref("unit."+u.Code+".received", p),
				OnTime: dashPct(u.OnTimeRate), OnTimeHref: dashFigureHref("unit."+u.Code+".on_time_rate.numerator", p),
				Satisfaction: dashPct(u.SatisfactionRate), SatisfactionHref: dashFigureHref("unit."+u.Code+".satisfaction_rate.numerator", p), OverdueHref: dashFigureHref("unit."+u.Code+".overdue", p)})
		}
	}
	return s, nil
}

func dashPct(v *float64) string {
	if v == nil {
		return "—"
	}
	return strconv.FormatFloat(*v, 'f', 2, 64) + "%"
}

// monthTrend counts the orders received in each month of year and of the year before.
func (ui *UI) monthTrend(r *http.Request, year int) ([]dashMonth, error) {
	out := make([]dashMonth, 12)
	top := 1
	for m := 0; m < 12; m++ {
		from := time.Date(year, time.Month(m+1), 1, 0, 0, 0, 0, app.Shanghai)
		to := from.AddDate(0, 1, 0)
		n, err := ui.countOrders(r.Context(), workorder.Filter{From: from, To: to})
		if err != nil {
			return nil, err
		}
		prev, err := ui.countOrders(r.Context(), workorder.Filter{From: from.AddDate(-1, 0, 0), To: to.AddDate(-1, 0, 0)})
		if err != nil {
			return nil, err
		}
		out[m] = dashMonth{Label: strconv.Itoa(m+1) + "月", Count: n, Prev: prev,
			Href: "/orders?from=" + from.Format(app.DateLayout) + "&to=" + to.AddDate(0, 0, -1).Format(app.DateLayout)}
		top = max(top, n, prev)
	}
	const base, tall = 145, 120
	for i := range out {
		m := &out[i]
		m.Height, m.PrevHeight = m.Count*tall/top, m.Prev*tall/top
		m.X, m.X2, m.Mid = i*100+14, i*100+50, i*100+50
		m.Y, m.PrevY = base-m.Height, base-m.PrevHeight
		m.NumY = min(m.Y, m.PrevY) - 4
	}
	return out, nil
}
