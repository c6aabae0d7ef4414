package workday

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"govdesk/internal/app"
)

func instant(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestWorkedExamples(t *testing.T) {
	c := mustCalendar(t, nil)
	hours := Schedule{Cal: c}
	days := Schedule{Cal: c, Clock: WorkDays}
	for _, tc := range []struct {
		s     Schedule
		start string
		n     float64
		want  string
	}{
		{hours, "2022-09-30T16:00:00+08:00", 1.5, "2022-10-09T10:15:00+08:00"},
		{days, "2022-09-30T16:00:00+08:00", 1.5, "2022-10-09T12:00:00+08:00"},
		{days, "2022-09-30T16:00:00+08:00", 9, "2022-10-19T00:00:00+08:00"},
		{hours, "2022-09-30T17:30:00+08:00", 1, "2022-10-08T17:30:00+08:00"},
		// A count ending exactly at a period end gives that end.
		{hours, "2022-10-10T08:30:00+08:00", 210.0 / 390, "2022-10-10T12:00:00+08:00"},
		{hours, "2022-10-10T12:00:00+08:00", 0.25, "2022-10-10T16:07:30+08:00"},
		// Start before the first period or during lunch counts from the next period.
		{hours, "2022-10-10T06:00:00+08:00", 1, "2022-10-10T17:30:00+08:00"},
		{hours, "2022-10-10T13:00:00+08:00", 0.5, "2022-10-11T08:45:00+08:00"},
		// The start in UTC; a Sunday makeup day (2023-06-25) counts.
		{hours, "2023-06-21T09:30:00Z", 1, "2023-06-25T17:30:00+08:00"},
		// Workdays: the start day never counts, even when it is a working day.
		{days, "2022-10-10T08:00:00+08:00", 1, "2022-10-12T00:00:00+08:00"},
		{days, "2022-10-14T23:59:59+08:00", 0.5, "2022-10-17T12:00:00+08:00"},
		// Into 2027 元旦 (01-01..03 off): Thu 2026-12-31, Mon 01-04, Tue 01-05.
		{days, "2026-12-30T10:00:00+08:00", 3, "2027-01-06T00:00:00+08:00"},
		// Past the published range (2028) the plain Mon–Fri rule applies:
		// Fri 2027-12-31, Mon 2028-01-03, Tue 01-04.
		{days, "2027-12-30T10:00:00+08:00", 3, "2028-01-05T00:00:00+08:00"},
		{hours, "2028-01-21T16:00:00+08:00", 1, "2028-01-24T16:00:00+08:00"},
	} {
		got := tc.s.Deadline(instant(t, tc.start), tc.n)
		if got.Format(time.RFC3339) != tc.want || got.Location() != app.Shanghai {
			t.Errorf("%s Deadline(%s, %v) = %s, want %s", tc.s.Clock, tc.start, tc.n, got.Format(time.RFC3339), tc.want)
		}
	}
}

func TestNonPositive(t *testing.T) {
	c := mustCalendar(t, nil)
	start := time.Date(2022, 10, 1, 3, 4, 5, 0, time.UTC)
	for _, s := range []Schedule{{Cal: c}, {Cal: c, Clock: WorkDays}} {
		for _, n := range []float64{0, -1, math.NaN()} {
			if got := s.Deadline(start, n); !got.Equal(start) || got.Location() != app.Shanghai {
				t.Errorf("%s Deadline(start, %v) = %v", s.Clock, n, got)
			}
			if got := s.DeadlineHours(start, n); !got.Equal(start) {
				t.Errorf("DeadlineHours(start, %v) = %v", n, got)
			}
		}
		if got := s.Elapsed(start, start.Add(-time.Hour)); got != 0 {
			t.Errorf("%s Elapsed backwards = %v", s.Clock, got)
		}
		if got := s.Deadline(start, math.Inf(1)); got.Year() < 4000 {
			t.Errorf("%s Deadline(+Inf) = %v", s.Clock, got)
		}
	}
}

func TestDeadlineHours(t *testing.T) {
	c := mustCalendar(t, nil)
	for _, s := range []Schedule{{Cal: c}, {Cal: c, Clock: WorkDays}} {
		for _, tc := range []struct{ start, want string }{
			{"2022-09-30T16:00:00+08:00", "2022-10-08T09:00:00+08:00"},
			{"2022-10-08T11:00:00+08:00", "2022-10-08T15:30:00+08:00"},
			{"2022-10-08T12:30:00+08:00", "2022-10-08T16:30:00+08:00"},
			{"2022-10-08T15:30:00+08:00", "2022-10-08T17:30:00+08:00"},
		} {
			got := s.DeadlineHours(instant(t, tc.start), 2)
			if got.Format(time.RFC3339) != tc.want {
				t.Errorf("%s DeadlineHours(%s, 2) = %s, want %s", s.Clock, tc.start, got.Format(time.RFC3339), tc.want)
			}
			if e := s.ElapsedHours(instant(t, tc.start), got); e != 2 {
				t.Errorf("ElapsedHours = %v", e)
			}
		}
	}
}

func TestElapsed(t *testing.T) {
	c := mustCalendar(t, nil)
	hours := Schedule{Cal: c}
	days := Schedule{Cal: c, Clock: WorkDays}
	from := instant(t, "2022-09-30T16:00:00+08:00")
	to := instant(t, "2022-10-09T12:00:00+08:00")
	// 90 + 390 + 210 minutes.
	if got, want := hours.Elapsed(from, to), 690.0/390; math.Abs(got-want) > 1e-12 {
		t.Errorf("workhours Elapsed = %v, want %v", got, want)
	}
	// 8 hours of 09-30, all of 10-08, half of 10-09.
	if got, want := days.Elapsed(from, to), 8.0/24+1.5; math.Abs(got-want) > 1e-12 {
		t.Errorf("workdays Elapsed = %v, want %v", got, want)
	}
}

func TestCustomPeriods(t *testing.T) {
	ps, err := ParsePeriods("09:00-12:00,13:00-17:00")
	if err != nil {
		t.Fatal(err)
	}
	c := mustCalendar(t, nil)
	start := instant(t, "2022-09-30T16:00:00+08:00")
	// 420-minute days: 1.5 days = 630 minutes = 60 + 420 + 150.
	got := Schedule{Cal: c, Periods: ps}.Deadline(start, 1.5)
	if want := "2022-10-09T11:30:00+08:00"; got.Format(time.RFC3339) != want {
		t.Errorf("custom periods Deadline = %s, want %s", got.Format(time.RFC3339), want)
	}
	// Invalid periods set directly fall back to the defaults.
	got = Schedule{Cal: c, Periods: []Period{{720, 600}}}.Deadline(start, 1.5)
	if want := "2022-10-09T10:15:00+08:00"; got.Format(time.RFC3339) != want {
		t.Errorf("invalid periods Deadline = %s, want %s", got.Format(time.RFC3339), want)
	}
}

func TestParseClock(t *testing.T) {
	for in, want := range map[string]Clock{"": WorkHours, "workhours": WorkHours, " WorkDays ": WorkDays} {
		if got, err := ParseClock(in); err != nil || got != want {
			t.Errorf("ParseClock(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := ParseClock("hours"); app.ErrorCode(err) != app.EInvalid {
		t.Errorf("ParseClock(hours) error = %v", err)
	}
}

// refDeadline walks date by date through the public Calendar API: an
// independent, slow reference for Deadline.
func refDeadline(c *Calendar, ps []Period, clock Clock, start time.Time, n float64) time.Time {
	start = start.In(app.Shanghai)
	y, m, d := start.Date()
	day := time.Date(y, m, d, 0, 0, 0, 0, app.Shanghai)
	if clock == WorkDays {
		ps = []Period{{0, 1440}}
		day = day.AddDate(0, 0, 1)
		start = day
	}
	remaining := int64(math.Round(n * float64(periodSeconds(ps))))
	for ; ; day = day.AddDate(0, 0, 1) {
		if !c.Working(day) {
			continue
		}
		for _, p := range ps {
			a, b := day.Add(time.Duration(p.Start)*time.Minute), day.Add(time.Duration(p.End)*time.Minute)
			if start.After(a) {
				a = start
			}
			if !a.Before(b) {
				continue
			}
			avail := int64(b.Sub(a) / time.Second)
			if remaining <= avail {
				return a.Add(time.Duration(remaining) * time.Second)
			}
			remaining -= avail
		}
	}
}

// TestProperties checks random starts over 2020–2027 and limits of 0.25 to
// 20 days: the reference walk, Elapsed inverting Deadline, monotonicity, and
// that a deadline never falls in non-working time.
func TestProperties(t *testing.T) {
	c := mustCalendar(t, nil)
	rng := rand.New(rand.NewPCG(20221008, 1))
	lo := time.Date(2020, 1, 1, 0, 0, 0, 0, app.Shanghai).Unix()
	hi := time.Date(2027, 12, 31, 0, 0, 0, 0, app.Shanghai).Unix()
	custom := []Period{{540, 720}, {780, 1020}}
	for i := 0; i < 4000; i++ {
		start := time.Unix(lo+rng.Int64N(hi-lo), 0)
		if i%4 == 0 { // starts on period boundaries and at midnight matter most
			start = start.Truncate(30 * time.Minute)
		}
		n := float64(1+rng.IntN(80)) * 0.25
		for _, s := range []Schedule{{Cal: c}, {Cal: c, Clock: WorkDays}, {Cal: c, Periods: custom}} {
			ps := s.periods()
			got := s.Deadline(start, n)
			if want := refDeadline(c, ps, s.Clock, start, n); !got.Equal(want) {
				t.Fatalf("%s %v Deadline(%s, %v) = %s, reference %s", s.Clock, ps, start.In(app.Shanghai), n, got, want)
			}
			from := start
			unit := float64(periodSeconds(ps))
			if s.Clock == WorkDays {
				y, m, d := start.In(app.Shanghai).Date()
				from = time.Date(y, m, d+1, 0, 0, 0, 0, app.Shanghai)
				unit = secondsPerDay
			}
			e := s.Elapsed(from, got)
			if math.Round(e*unit) != math.Round(n*unit) || math.Abs(e-n) > 1e-9 {
				t.Fatalf("%s Elapsed(%s, Deadline(%s, %v)=%s) = %v", s.Clock, from, start, n, got, e)
			}
			if next := s.Deadline(start, n+0.25); next.Before(got) {
				t.Fatalf("%s not monotone in n at %s, %v", s.Clock, start, n)
			}
			later := start.Add(time.Duration(rng.Int64N(3*secondsPerDay)) * time.Second)
			if next := s.Deadline(later, n); next.Before(got) {
				t.Fatalf("%s not monotone in start: %s→%s, %s→%s", s.Clock, start, got, later, next)
			}
			checkInWorkingTime(t, c, s.Clock, ps, got)
		}
	}
}

// checkInWorkingTime: a workhours deadline lies in (start, end] of a period
// of a working date; a workdays deadline is inside a working date or 00:00
// right after one.
func checkInWorkingTime(t *testing.T, c *Calendar, clock Clock, ps []Period, dl time.Time) {
	t.Helper()
	local := dl.In(app.Shanghai)
	sod := local.Hour()*3600 + local.Minute()*60 + local.Second()
	if clock == WorkDays {
		if sod == 0 {
			if c.Working(local.AddDate(0, 0, -1)) {
				return
			}
		} else if c.Working(local) {
			return
		}
		t.Fatalf("workdays deadline %s outside working dates", local)
	}
	if c.Working(local) {
		for _, p := range ps {
			if sod > p.Start*60 && sod <= p.End*60 {
				return
			}
		}
	}
	t.Fatalf("workhours deadline %s outside working periods", local)
}
