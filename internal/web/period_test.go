package web

import (
	"context"
	"testing"
	"time"

	"govdesk/internal/app"
)

// dataAt is a latestFunc over records at the given instants.
func dataAt(ts ...time.Time) latestFunc {
	return func(_ context.Context, before time.Time) (time.Time, bool, error) {
		var best time.Time
		for _, t := range ts {
			if t.Before(before) && t.After(best) {
				best = t
			}
		}
		return best, !best.IsZero(), nil
	}
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 10, 0, 0, 0, app.Shanghai) }

func TestOpenPeriod(t *testing.T) {
	ctx := context.Background()
	y2026 := spanYear.start(day(2026, 12, 3))
	for _, c := range []struct {
		name    string
		s       span
		current time.Time
		data    latestFunc
		want    time.Time
	}{
		{"current year has data", spanYear, y2026, dataAt(day(2022, 5, 1), day(2026, 11, 20)), y2026},
		{"latest earlier year", spanYear, y2026, dataAt(day(2021, 5, 1), day(2022, 12, 30)), spanYear.start(day(2022, 1, 1))},
		{"no data at all", spanYear, y2026, dataAt(), y2026},
		{"data only after the period", spanYear, spanYear.start(day(2025, 1, 1)), dataAt(day(2026, 11, 20)), spanYear.start(day(2025, 1, 1))},
		{"last month empty", spanMonth, spanMonth.start(day(2026, 11, 1)), dataAt(day(2022, 12, 31)), spanMonth.start(day(2022, 12, 1))},
		{"last week has data", spanWeek, spanWeek.start(day(2026, 11, 25)), dataAt(day(2026, 11, 29)), spanWeek.start(day(2026, 11, 23))},
	} {
		got, err := openPeriod(ctx, c.s, c.current, c.data)
		if err != nil || !got.Equal(c.want) {
			t.Errorf("%s: %v %v, want %v", c.name, got, err, c.want)
		}
	}
	if w := spanWeek.start(day(2026, 11, 29)); w.Weekday() != time.Monday || w.Day() != 23 {
		t.Errorf("the week of Sunday 29 November starts %v", w)
	}
	n, err := latestPeriod(ctx, spanYear, dataAt(day(2022, 6, 1)), yearName, func(from time.Time) string { return "/cases?" + yearRange(from) })
	if err != nil || n.Latest != "2022年" || n.Href != "/cases?from=2022-01-01&to=2022-12-31" {
		t.Errorf("notice %+v %v", n, err)
	}
	if n, _ := latestPeriod(ctx, spanYear, dataAt(), yearName, yearRange); n.Href != "" {
		t.Errorf("without any data the notice links %q", n.Href)
	}
}
