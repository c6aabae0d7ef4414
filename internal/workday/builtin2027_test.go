package workday

import (
	"strings"
	"testing"
	"time"

	"govdesk/internal/app"
)

// schedule2027 is the State Council's 2027 schedule (published November
// 2026), every listed date in order, with the notices' names. 2027 is not in
// testdata/holiday-cn.txt, so it is pinned here.
var schedule2027 = []Override{
	// 元旦: "1月1日至3日放假，共3天" (Fri–Sun; no 与周末连休, no makeup day).
	{"2027-01-01", KindHoliday, "元旦"},
	{"2027-01-02", KindHoliday, "元旦"},
	{"2027-01-03", KindHoliday, "元旦"},
	// 春节: 2月5日至13日放假，1月31日（周日）、2月14日（周日）上班.
	{"2027-01-31", KindMakeup, "春节"},
	{"2027-02-05", KindHoliday, "春节"},
	{"2027-02-06", KindHoliday, "春节"},
	{"2027-02-07", KindHoliday, "春节"},
	{"2027-02-08", KindHoliday, "春节"},
	{"2027-02-09", KindHoliday, "春节"},
	{"2027-02-10", KindHoliday, "春节"},
	{"2027-02-11", KindHoliday, "春节"},
	{"2027-02-12", KindHoliday, "春节"},
	{"2027-02-13", KindHoliday, "春节"},
	{"2027-02-14", KindMakeup, "春节"},
	// 清明节: 4月3日至5日放假.
	{"2027-04-03", KindHoliday, "清明节"},
	{"2027-04-04", KindHoliday, "清明节"},
	{"2027-04-05", KindHoliday, "清明节"},
	// 劳动节: 5月1日至5日放假，5月8日（周六）上班.
	{"2027-05-01", KindHoliday, "劳动节"},
	{"2027-05-02", KindHoliday, "劳动节"},
	{"2027-05-03", KindHoliday, "劳动节"},
	{"2027-05-04", KindHoliday, "劳动节"},
	{"2027-05-05", KindHoliday, "劳动节"},
	{"2027-05-08", KindMakeup, "劳动节"},
	// 端午节: 6月9日（周三）放假.
	{"2027-06-09", KindHoliday, "端午节"},
	// 中秋节: 9月15日（周三）放假.
	{"2027-09-15", KindHoliday, "中秋节"},
	// 国庆节: 10月1日至7日放假，9月26日（周日）、10月9日（周六）上班.
	{"2027-09-26", KindMakeup, "国庆节"},
	{"2027-10-01", KindHoliday, "国庆节"},
	{"2027-10-02", KindHoliday, "国庆节"},
	{"2027-10-03", KindHoliday, "国庆节"},
	{"2027-10-04", KindHoliday, "国庆节"},
	{"2027-10-05", KindHoliday, "国庆节"},
	{"2027-10-06", KindHoliday, "国庆节"},
	{"2027-10-07", KindHoliday, "国庆节"},
	{"2027-10-09", KindMakeup, "国庆节"},
}

// TestBuiltin2027 pins the built-in 2027 schedule: lunar-go's raw data (as
// LibrarySchedule reads it) is exactly the notice, no correction applies,
// and every date of 2027 comes out of the calendar as the notice says.
func TestBuiltin2027(t *testing.T) {
	lib := LibrarySchedule(2027)
	if len(lib) != len(schedule2027) {
		t.Errorf("LibrarySchedule(2027) has %d entries, want %d: %+v", len(lib), len(schedule2027), lib)
	}
	for i := 0; i < len(lib) && i < len(schedule2027); i++ {
		if lib[i] != schedule2027[i] {
			t.Errorf("LibrarySchedule(2027)[%d] = %+v, want %+v", i, lib[i], schedule2027[i])
		}
	}
	for _, c := range corrections {
		if strings.HasPrefix(c.Date, "2027-") {
			t.Errorf("unexpected 2027 correction %+v", c)
		}
	}

	c := mustCalendar(t, nil)
	if !c.Published(2027) || c.Warning(2027) != "" || c.LastYear() != 2027 {
		t.Errorf("2027: Published %v, Warning %q, LastYear %d", c.Published(2027), c.Warning(2027), c.LastYear())
	}
	listed := make(map[string]Override, len(schedule2027))
	for _, o := range schedule2027 {
		listed[o.Date] = o
	}
	for d := time.Date(2027, 1, 1, 12, 0, 0, 0, app.Shanghai); d.Year() == 2027; d = d.AddDate(0, 0, 1) {
		key := d.Format(time.DateOnly)
		want := Day{Date: key}
		if o, ok := listed[key]; ok {
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
	}

	// Ordinary days around the holidays, spelled out.
	for _, want := range []Day{
		{"2026-12-31", true, KindWorkday, ""},  // Thursday before 元旦
		{"2027-01-04", true, KindWorkday, ""},  // Monday after 元旦
		{"2027-01-30", false, KindWeekend, ""}, // Saturday before the makeup Sunday
		{"2027-02-04", true, KindWorkday, ""},  // Thursday before 春节
		{"2027-02-15", true, KindWorkday, ""},  // Monday after the makeup Sunday
		{"2027-02-20", false, KindWeekend, ""},
		{"2027-02-21", false, KindWeekend, ""},
		{"2027-04-02", true, KindWorkday, ""},
		{"2027-04-06", true, KindWorkday, ""},
		{"2027-05-06", true, KindWorkday, ""},
		{"2027-05-09", false, KindWeekend, ""}, // Sunday after the makeup Saturday
		{"2027-06-08", true, KindWorkday, ""},  // Tuesday before 端午节
		{"2027-06-10", true, KindWorkday, ""},  // Thursday after 端午节
		{"2027-06-12", false, KindWeekend, ""}, // not 与周末连休
		{"2027-09-16", true, KindWorkday, ""},  // Thursday after 中秋节
		{"2027-09-18", false, KindWeekend, ""}, // not 与周末连休
		{"2027-09-25", false, KindWeekend, ""}, // Saturday before the makeup Sunday
		{"2027-10-08", true, KindWorkday, ""},  // Friday after 国庆节
		{"2027-10-10", false, KindWeekend, ""}, // Sunday after the makeup Saturday
		{"2027-12-31", true, KindWorkday, ""},  // 2028 元旦 is not built in:
		{"2028-01-01", false, KindWeekend, ""}, // plain rule from 2028 on
		{"2028-01-03", true, KindWorkday, ""},
	} {
		if got, err := c.DayOf(want.Date); err != nil || got != want {
			t.Errorf("DayOf(%s) = %+v, %v; want %+v", want.Date, got, err, want)
		}
	}
}

// TestDeadline2027 works deadlines across the 2027 holidays.
func TestDeadline2027(t *testing.T) {
	c := mustCalendar(t, nil)
	hours := Schedule{Cal: c}
	days := Schedule{Cal: c, Clock: WorkDays}
	for _, tc := range []struct {
		s     Schedule
		start string
		n     float64
		want  string
	}{
		// 春节: workdays count from the first working date after Thu 02-04,
		// which is the makeup Sunday 02-14 (02-05..13 are off): 02-14, 02-15.
		{days, "2027-02-04T10:00:00+08:00", 2, "2027-02-16T00:00:00+08:00"},
		{days, "2027-02-04T10:00:00+08:00", 1, "2027-02-15T00:00:00+08:00"},
		{days, "2027-02-04T10:00:00+08:00", 0.5, "2027-02-14T12:00:00+08:00"},
		// Workhours: 90 minutes on 02-04, then 300 on Sunday 02-14.
		{hours, "2027-02-04T16:00:00+08:00", 1, "2027-02-14T16:00:00+08:00"},
		// A start inside the break counts from 02-14 08:30.
		{hours, "2027-02-09T10:00:00+08:00", 1, "2027-02-14T17:30:00+08:00"},
		// The 春节 makeup Sunday before the break: Fri 01-29 16:00 → Sun 01-31.
		{hours, "2027-01-29T16:00:00+08:00", 1, "2027-01-31T16:00:00+08:00"},
		// 端午节 (Wed 06-09) is skipped.
		{hours, "2027-06-08T16:00:00+08:00", 1, "2027-06-10T16:00:00+08:00"},
		// 国庆节: the makeup Sunday 09-26, then 10-01..07 off, Fri 10-08 and
		// the makeup Saturday 10-09.
		{hours, "2027-09-24T16:00:00+08:00", 1, "2027-09-26T16:00:00+08:00"},
		{days, "2027-09-30T10:00:00+08:00", 2, "2027-10-10T00:00:00+08:00"},
	} {
		start := instant(t, tc.start)
		got := tc.s.Deadline(start, tc.n)
		if got.Format(time.RFC3339) != tc.want || got.Location() != app.Shanghai {
			t.Errorf("%s Deadline(%s, %v) = %s, want %s", tc.s.Clock, tc.start, tc.n, got.Format(time.RFC3339), tc.want)
		}
		if ref := refDeadline(c, tc.s.periods(), tc.s.Clock, start, tc.n); !ref.Equal(got) {
			t.Errorf("%s Deadline(%s, %v) = %s, reference %s", tc.s.Clock, tc.start, tc.n, got, ref)
		}
	}
	// The 2 workdays across 春节 are 2 elapsed working days.
	if e := days.Elapsed(instant(t, "2027-02-05T00:00:00+08:00"), instant(t, "2027-02-16T00:00:00+08:00")); e != 2 {
		t.Errorf("workdays Elapsed over 春节 = %v, want 2", e)
	}
}
