package workday

import (
	"os"
	"strings"
	"testing"
	"time"

	"govdesk/internal/app"
)

// official loads testdata/holiday-cn.txt: the official 2020–2026 schedules as
// transcribed by holiday-cn (2027 is pinned by TestBuiltin2027).
func official(t testing.TB) map[string]Override {
	t.Helper()
	f, err := os.Open("testdata/holiday-cn.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	list, err := ParseOverrides(f)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) < 250 {
		t.Fatalf("testdata has only %d entries", len(list))
	}
	m := make(map[string]Override, len(list))
	for _, o := range list {
		m[o.Date] = o
	}
	return m
}

func mustCalendar(t testing.TB, overrides []Override) *Calendar {
	t.Helper()
	c, err := NewCalendar(overrides)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func date(t testing.TB, s string) time.Time {
	t.Helper()
	d, err := app.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// TestBuiltinMatchesOfficial checks every date of 2020–2026 against the
// official schedules: every listed holiday and makeup date with its name,
// every unlisted Saturday/Sunday a weekend, every unlisted weekday a workday.
// (The built-in range goes on to 2027, see TestBuiltin2027.)
func TestBuiltinMatchesOfficial(t *testing.T) {
	off := official(t)
	c := mustCalendar(t, nil)
	seen := 0
	for d := time.Date(2020, 1, 1, 12, 0, 0, 0, app.Shanghai); d.Year() <= 2026; d = d.AddDate(0, 0, 1) {
		key := d.Format(time.DateOnly)
		want := Day{Date: key}
		if o, ok := off[key]; ok {
			seen++
			want.Kind, want.Name, want.Working = o.Kind, o.Name, o.Kind == KindMakeup
		} else if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
			want.Kind = KindWeekend
		} else {
			want.Kind, want.Working = KindWorkday, true
		}
		if got := c.Day(d); got != want {
			t.Errorf("Day(%s) = %+v, want %+v", key, got, want)
		}
		if got := c.Working(d); got != want.Working {
			t.Errorf("Working(%s) = %v, want %v", key, got, want.Working)
		}
		if got, err := c.DayOf(key); err != nil || got != want {
			t.Errorf("DayOf(%s) = %+v, %v", key, got, err)
		}
	}
	if seen != len(off) {
		t.Errorf("checked %d listed dates, testdata has %d", seen, len(off))
	}
	for y := 2020; y <= 2027; y++ {
		if !c.Published(y) || c.Warning(y) != "" {
			t.Errorf("year %d: Published %v, Warning %q", y, c.Published(y), c.Warning(y))
		}
	}
	if c.FirstYear() != 2020 || c.LastYear() != 2027 {
		t.Errorf("FirstYear/LastYear = %d/%d, want 2020/2027", c.FirstYear(), c.LastYear())
	}
}

// TestOfficialAsOverrides: the official data loaded as overrides changes nothing.
func TestOfficialAsOverrides(t *testing.T) {
	off := official(t)
	list := make([]Override, 0, len(off))
	for _, o := range off {
		list = append(list, o)
	}
	a, b := mustCalendar(t, nil), mustCalendar(t, list)
	for d := int64(0); d < tableDays; d++ {
		if a.day(d) != b.day(d) {
			t.Fatalf("day %s: built-in %+v, official %+v", dateOf(d).Format(time.DateOnly), a.day(d), b.day(d))
		}
	}
}

func TestKnownDates(t *testing.T) {
	c := mustCalendar(t, nil)
	for _, tc := range []struct {
		date    string
		kind    Kind
		working bool
		name    string
	}{
		{"2022-10-08", KindMakeup, true, "国庆节"},
		{"2022-10-09", KindMakeup, true, "国庆节"},
		{"2022-10-03", KindHoliday, false, "国庆节"},
		{"2023-06-25", KindMakeup, true, "端午节"},
		{"2023-09-29", KindHoliday, false, "中秋节、国庆节"},
		{"2022-12-31", KindHoliday, false, "元旦"},
		{"2020-02-03", KindMakeup, true, "春节"},
		// lunar-go lists these "与周末连休" weekends as holidays; the notices do not.
		{"2023-12-30", KindWeekend, false, ""},
		{"2024-06-09", KindWeekend, false, ""},
		{"2022-10-10", KindWorkday, true, ""},
		// Outside the published range: plain Mon–Fri.
		{"2019-10-01", KindWorkday, true, ""},
		{"2028-01-26", KindWorkday, true, ""},  // Wednesday, 2028 春节 day
		{"2028-01-22", KindWeekend, false, ""}, // Saturday
		{"1999-12-31", KindWorkday, true, ""},
		{"2100-01-02", KindWeekend, false, ""},
	} {
		got, err := c.DayOf(tc.date)
		want := Day{Date: tc.date, Working: tc.working, Kind: tc.kind, Name: tc.name}
		if err != nil || got != want {
			t.Errorf("DayOf(%s) = %+v, %v; want %+v", tc.date, got, err, want)
		}
	}
	// An instant is read in Asia/Shanghai: 2022-10-07T16:30Z is 2022-10-08 00:30.
	if got := c.Day(time.Date(2022, 10, 7, 16, 30, 0, 0, time.UTC)); got.Date != "2022-10-08" || !got.Working {
		t.Errorf("Day(2022-10-07T16:30Z) = %+v", got)
	}
}

func TestDayOfInvalid(t *testing.T) {
	c := mustCalendar(t, nil)
	for _, s := range []string{"", "2022-13-01", "2022/10/01", "2022-2-3", "2023-02-29", "明天"} {
		_, err := c.DayOf(s)
		if app.ErrorCode(err) != app.EInvalid || !strings.Contains(app.ErrorMessage(err), "日期") {
			t.Errorf("DayOf(%q) error = %v", s, err)
		}
	}
}

func TestWarning(t *testing.T) {
	c := mustCalendar(t, nil)
	for _, y := range []int{2019, 2028, 2100} {
		if c.Published(y) || !strings.Contains(c.Warning(y), "周一至周五") {
			t.Errorf("year %d: Published %v, Warning %q", y, c.Published(y), c.Warning(y))
		}
	}
	for _, y := range []int{2022, 2027} {
		if w := c.Warning(y); w != "" {
			t.Errorf("Warning(%d) = %q", y, w)
		}
	}
}

// TestCountNth checks the day-number arithmetic, including across the ends
// of the dense table where the plain rule takes over.
func TestCountNth(t *testing.T) {
	c := mustCalendar(t, nil)
	check := func(d int64) {
		w := c.working(d)
		step := c.count(d+1) - c.count(d)
		if (step == 1) != w || step < 0 || step > 1 {
			t.Fatalf("day %d: working %v, count step %d", d, w, step)
		}
		if w && c.nth(c.count(d)) != d {
			t.Fatalf("day %d: nth(count) = %d", d, c.nth(c.count(d)))
		}
		if d < 0 || d >= tableDays {
			if w == weekend(d) {
				t.Fatalf("day %d outside the table: working %v on weekend %v", d, w, weekend(d))
			}
		}
	}
	for d := int64(-800); d < 800; d++ {
		check(d)
	}
	for d := int64(tableDays - 800); d < tableDays+800; d++ {
		check(d)
	}
	for d := int64(7000); d < 10600; d++ { // 2019-03 .. 2029-01
		check(d)
	}
	if got := dateOf(tableDays).Format(time.DateOnly); got != "2100-01-01" {
		t.Errorf("table end = %s", got)
	}
	if got := dateOf(0).Weekday(); got != time.Saturday || !weekend(0) || !weekend(-6) || weekend(-5) {
		t.Errorf("2000-01-01 weekday %v", got)
	}
}
