package stats

import (
	"time"

	"govdesk/internal/app"
)

// Period is a span of receipt times [From, To): an order belongs to the period of
// its received_at (SPEC §9). Date boundaries are midnights in Asia/Shanghai.
type Period struct {
	From, To time.Time
}

// DatePeriod returns the period of the whole dates first … last, both included
// (YYYY-MM-DD in Asia/Shanghai): [first 00:00, the day after last 00:00). A
// malformed date or a last date before the first is an app.Invalid error.
func DatePeriod(first, last string) (Period, error) {
	from, err := app.ParseDate(first)
	if err != nil {
		return Period{}, err
	}
	to, err := app.ParseDate(last)
	if err != nil {
		return Period{}, err
	}
	if to.Before(from) {
		return Period{}, app.Invalid("结束日期 %s 早于开始日期 %s", last, first).WithDetail("the end date %s is before the start date %s", last, first)
	}
	return Period{From: from, To: to.AddDate(0, 0, 1)}, nil
}

// First returns the first date of the period, YYYY-MM-DD.
func (p Period) First() string { return p.From.In(app.Shanghai).Format(app.DateLayout) }

// Last returns the last date of the period (the day before To), YYYY-MM-DD.
func (p Period) Last() string {
	return p.To.In(app.Shanghai).Add(-time.Nanosecond).Format(app.DateLayout)
}

// YearBefore returns the same period one year earlier (上年同期); 29 February
// becomes 28 February.
func (p Period) YearBefore() Period { return Period{From: yearBefore(p.From), To: yearBefore(p.To)} }

func yearBefore(t time.Time) time.Time {
	l := t.In(app.Shanghai)
	day := l.Day()
	if l.Month() == time.February && day == 29 {
		day = 28
	}
	return time.Date(l.Year()-1, l.Month(), day, l.Hour(), l.Minute(), l.Second(), l.Nanosecond(), app.Shanghai)
}
