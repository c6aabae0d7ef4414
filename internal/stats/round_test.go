package stats

import (
	"testing"

	"govdesk/internal/app"
)

func TestPercent(t *testing.T) {
	cases := []struct {
		num, den int
		want     string
	}{
		{15, 16, "93.75%"},
		{1, 3, "33.33%"},
		{2, 3, "66.67%"},
		{1, 8, "12.50%"},
		{1, 800, "0.13%"},   // 0.125 → half away from zero
		{-1, 800, "-0.13%"}, // -0.125 → half away from zero
		{1, 1600, "0.06%"},  // 0.0625 → 0.06
		{1, 80000, "0.00%"}, // 0.00125
		{-2, 3, "-66.67%"},  // a falling growth
		{13, 3, "433.33%"},  // a growth above 100%
		{0, 5, "0.00%"},
		{0, 0, "—"},
	}
	f := Figure{Unit: "%"}
	for _, c := range cases {
		if got := f.Format(percent(c.num, c.den)); got != c.want {
			t.Errorf("percent(%d, %d) = %s, want %s", c.num, c.den, got, c.want)
		}
	}
	if g := growth(3, 0); g != nil {
		t.Errorf("growth over 0 = %v, want nil", *g)
	}
	if g := growth(1, 4); g == nil || *g != -75 {
		t.Errorf("growth(1, 4) = %v, want -75", g)
	}
}

func TestMean(t *testing.T) {
	days := Figure{Unit: "个工作日"}
	// 1.538461… + 0.461538… (600/390 + 180/390 working days) = 2 over 2 orders: 1.00
	if got := days.Format(mean(600.0/390+180.0/390, 2)); got != "1.00" {
		t.Errorf("mean = %s", got)
	}
	// 0.125 working days exactly rounds up to 0.13
	if got := days.Format(mean(0.25, 2)); got != "0.13" {
		t.Errorf("mean of a half = %s, want 0.13", got)
	}
	if mean(0, 0) != nil {
		t.Error("mean of nothing is not nil")
	}
}

func TestDatePeriod(t *testing.T) {
	p, err := DatePeriod("2022-01-01", "2022-12-31")
	if err != nil {
		t.Fatal(err)
	}
	// --to is inclusive: the period ends at 2023-01-01 00:00 Asia/Shanghai (2022-12-31 16:00 UTC).
	if p.From.UTC().Format("2006-01-02T15:04") != "2021-12-31T16:00" || p.To.UTC().Format("2006-01-02T15:04") != "2022-12-31T16:00" {
		t.Errorf("period %v .. %v", p.From, p.To)
	}
	if p.First() != "2022-01-01" || p.Last() != "2022-12-31" {
		t.Errorf("dates %s .. %s", p.First(), p.Last())
	}
	last := p.YearBefore()
	if last.First() != "2021-01-01" || last.Last() != "2021-12-31" {
		t.Errorf("year before %s .. %s", last.First(), last.Last())
	}
	leap, _ := DatePeriod("2024-02-01", "2024-02-29")
	if lb := leap.YearBefore(); lb.First() != "2023-02-01" || lb.Last() != "2023-02-28" {
		t.Errorf("year before February 2024: %s .. %s", lb.First(), lb.Last())
	}
	day, _ := DatePeriod("2024-02-29", "2024-02-29")
	if lb := day.YearBefore(); lb.First() != "2023-02-28" || lb.Last() != "2023-02-28" {
		t.Errorf("year before 2024-02-29: %s .. %s", lb.First(), lb.Last())
	}
	for _, c := range [][2]string{{"2022-13-01", "2022-12-31"}, {"2022-01-01", "20221231"}, {"2022-12-31", "2022-01-01"}} {
		if _, err := DatePeriod(c[0], c[1]); app.ErrorCode(err) != app.EInvalid {
			t.Errorf("%v: error %v, want invalid", c, err)
		}
	}
}
