package web

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/stats"
	"govdesk/internal/workorder"
)

// The period a page opens on (docs/decisions.md, "The period a page opens on"), one
// rule for every page that shows one period of dated records: the dashboards' yearly
// figures, 办件, 好差评, the self-evaluation, the briefs' pickers and the first-call
// figures. Without a period in the address, a page opens on the current period when it
// has data, else on the latest earlier period that has; a period without data says so
// (本期暂无数据) and links to the latest period that has data.

// latestFunc returns the newest instant with data before `before` (false: none), as the
// actor may see it.
type latestFunc func(ctx context.Context, before time.Time) (time.Time, bool, error)

// span is the length of a page's period.
type span int

const (
	spanYear span = iota
	spanMonth
	spanWeek
)

// farFuture bounds "all the data there is".
var farFuture = time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)

// start is the first instant (Beijing time) of the period holding t; a week starts on Monday.
func (s span) start(t time.Time) time.Time {
	t = t.In(app.Shanghai)
	switch s {
	case spanMonth:
		return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, app.Shanghai)
	case spanWeek:
		d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, app.Shanghai)
		return d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
	}
	return time.Date(t.Year(), 1, 1, 0, 0, 0, 0, app.Shanghai)
}

// next is the start of the period after the one starting at from.
func (s span) next(from time.Time) time.Time {
	switch s {
	case spanMonth:
		return from.AddDate(0, 1, 0)
	case spanWeek:
		return from.AddDate(0, 0, 7)
	}
	return from.AddDate(1, 0, 0)
}

// openPeriod is the start of the period a page opens on, given the start of the
// current period: the current one when it has data (or when nothing before its end
// has), else the period of the newest data before it.
func openPeriod(ctx context.Context, s span, current time.Time, latest latestFunc) (time.Time, error) {
	t, ok, err := latest(ctx, s.next(current))
	if err != nil || !ok || !t.Before(current) {
		return current, err
	}
	return s.start(t), nil
}

// noData is the notice of a period without data: 本期暂无数据, and the latest period that
// has data, named and linked (both empty when there is no data at all).
type noData struct{ Latest, Href string }

// latestPeriod builds the notice of a period without data from the newest data there is;
// name and href say the period starting at a given instant.
func latestPeriod(ctx context.Context, s span, latest latestFunc, name, href func(from time.Time) string) (*noData, error) {
	t, ok, err := latest(ctx, farFuture)
	if err != nil || !ok {
		return &noData{}, err
	}
	from := s.start(t)
	return &noData{Latest: name(from), Href: href(from)}, nil
}

// yearName names a year period: 2022年.
func yearName(from time.Time) string { return fmt.Sprintf("%d年", from.Year()) }

// yearRange is a year period as the list pages take it: from=YYYY-01-01&to=YYYY-12-31.
func yearRange(from time.Time) string {
	return fmt.Sprintf("from=%d-01-01&to=%d-12-31", from.Year(), from.Year())
}

// latestOrder is the newest receipt of an order the actor sees.
func (ui *UI) latestOrder(ctx context.Context, before time.Time) (time.Time, bool, error) {
	last, _, err := ui.Orders.List(ctx, workorder.Filter{To: before, Page: app.Page{PerPage: 1}})
	if err != nil || len(last) == 0 {
		return time.Time{}, false, err
	}
	return last[0].ReceivedAt, true, nil
}

// listPeriod reads a list page's ?from=&to=. Without both, the page opens on the year
// openPeriod gives for latest: the current year up to today, or a whole earlier year;
// a missing end alone is today, a missing start alone the first day of this year.
func (ui *UI) listPeriod(r *http.Request, latest latestFunc) (stats.Period, string, string, error) {
	from, to, err := ui.defaultRange(r.Context(), r.URL.Query().Get("from"), r.URL.Query().Get("to"), latest)
	if err != nil {
		return stats.Period{}, "", "", err
	}
	p, err := stats.DatePeriod(from, to)
	return p, from, to, err
}

// defaultRange fills a missing start or end of a date range (YYYY-MM-DD) as listPeriod says.
func (ui *UI) defaultRange(ctx context.Context, from, to string, latest latestFunc) (string, string, error) {
	now := ui.now().In(app.Shanghai)
	start, end := ui.thisYear(), now
	if from == "" && to == "" {
		var err error
		if start, err = openPeriod(ctx, spanYear, start, latest); err != nil {
			return "", "", err
		}
		if last := spanYear.next(start).AddDate(0, 0, -1); last.Before(now) {
			end = last
		}
	}
	if from == "" {
		from = start.Format(app.DateLayout)
	}
	if to == "" {
		to = end.Format(app.DateLayout)
	}
	return from, to, nil
}

// listNoData is the notice of a list page (at path) whose period has no records.
func listNoData(r *http.Request, path string, latest latestFunc) (*noData, error) {
	return latestPeriod(r.Context(), spanYear, latest, yearName, func(from time.Time) string { return path + "?" + yearRange(from) })
}

// thisYear is the start of the current year in Beijing time.
func (ui *UI) thisYear() time.Time { return spanYear.start(ui.now()) }
