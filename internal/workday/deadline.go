package workday

import (
	"math"
	"strings"
	"time"

	"govdesk/internal/app"
)

// Clock is the rule by which working time is counted (SPEC §3).
type Clock string

const (
	// WorkHours (the default): a working day is the sum of the working
	// periods of a working date (390 minutes by default), counted from the
	// start instant or from the next working period if the start is outside
	// one.
	WorkHours Clock = "workhours"
	// WorkDays: a working day is the whole calendar day 00:00–24:00 of a
	// working date, counted from 00:00 of the first working date after the
	// start date (次日起算).
	WorkDays Clock = "workdays"
)

// ParseClock parses "workhours" or "workdays" (any letter case; "" means
// workhours); anything else is an app.Invalid error.
func ParseClock(s string) (Clock, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", string(WorkHours):
		return WorkHours, nil
	case string(WorkDays):
		return WorkDays, nil
	}
	return "", app.Invalid("计时方式错误 %q，应为 workhours（按工作时长计）或 workdays（按工作日整日计）", s).
		WithDetail("unknown clock %q, want workhours or workdays", s)
}

// Schedule computes time limits on a calendar. Cal must not be nil. Periods
// are the working periods of a working date (nil or invalid means
// DefaultPeriods; use ParsePeriods to validate configured ones). The zero
// Clock means WorkHours.
//
// All arithmetic is in whole seconds: sub-second parts of instants are
// dropped and a limit of n days is n × (seconds of one working day) rounded
// to the nearest second. Results are in app.Shanghai.
type Schedule struct {
	Cal     *Calendar
	Periods []Period
	Clock   Clock
}

// maxDays caps a limit so the second arithmetic cannot overflow.
const maxDays = 1e6

func (s Schedule) periods() []Period {
	if validPeriods(s.Periods) {
		return s.Periods
	}
	return DefaultPeriods
}

// periodSeconds returns the working seconds of one working date.
func periodSeconds(ps []Period) int64 {
	var n int64
	for _, p := range ps {
		n += int64(p.End-p.Start) * 60
	}
	return n
}

// hoursPos returns the working seconds (workhours rule) from day 0 to sec.
func (s Schedule) hoursPos(ps []Period, daySec, sec int64) int64 {
	d, sod := splitUnix(sec)
	pos := s.Cal.count(d) * daySec
	if !s.Cal.working(d) {
		return pos
	}
	for _, p := range ps {
		a, b := int64(p.Start)*60, int64(p.End)*60
		if sod <= a {
			break
		}
		if sod < b {
			return pos + sod - a
		}
		pos += b - a
	}
	return pos
}

// hoursAt returns the earliest instant whose working-seconds position is
// target (> 0 past the start of its day's first period): a count that ends
// exactly at a period's end yields that end, not the next period's start.
func (s Schedule) hoursAt(ps []Period, daySec, target int64) time.Time {
	k := floorDiv(target, daySec)
	r := target - k*daySec
	if r == 0 {
		k--
		r = daySec
	}
	base := dayStartUnix(s.Cal.nth(k))
	for _, p := range ps {
		l := int64(p.End-p.Start) * 60
		if r <= l {
			return time.Unix(base+int64(p.Start)*60+r, 0).In(app.Shanghai)
		}
		r -= l
	}
	// Unreachable: r ≤ daySec.
	last := ps[len(ps)-1]
	return time.Unix(base+int64(last.End)*60, 0).In(app.Shanghai)
}

// daysPos returns the working seconds (workdays rule) from day 0 to sec.
func (s Schedule) daysPos(sec int64) int64 {
	d, sod := splitUnix(sec)
	pos := s.Cal.count(d) * secondsPerDay
	if s.Cal.working(d) {
		pos += sod
	}
	return pos
}

// scaled returns n units of unit seconds rounded to whole seconds, and false
// when n is not positive (or NaN) or rounds to zero.
func scaled(n float64, unit int64, limit float64) (int64, bool) {
	if !(n > 0) {
		return 0, false
	}
	n = math.Min(n, limit)
	v := int64(math.Round(n * float64(unit)))
	return v, v > 0
}

// Deadline returns the instant at which a limit of days working days started
// at start is reached, by s.Clock (see WorkHours, WorkDays); days ≤ 0 returns
// start. The result is in app.Shanghai.
func (s Schedule) Deadline(start time.Time, days float64) time.Time {
	if s.Clock == WorkDays {
		n, ok := scaled(days, secondsPerDay, maxDays)
		if !ok {
			return start.In(app.Shanghai)
		}
		target := s.Cal.count(dayNumber(start)+1)*secondsPerDay + n
		k := floorDiv(target, secondsPerDay)
		r := target - k*secondsPerDay
		if r == 0 {
			k--
			r = secondsPerDay
		}
		return time.Unix(dayStartUnix(s.Cal.nth(k))+r, 0).In(app.Shanghai)
	}
	ps := s.periods()
	daySec := periodSeconds(ps)
	n, ok := scaled(days, daySec, maxDays)
	if !ok {
		return start.In(app.Shanghai)
	}
	return s.hoursAt(ps, daySec, s.hoursPos(ps, daySec, start.Unix())+n)
}

// DeadlineHours returns the instant at which hours working hours started at
// start are reached, always by the workhours rule whatever s.Clock (e.g. the
// 2-working-hour sign-for limit); hours ≤ 0 returns start.
func (s Schedule) DeadlineHours(start time.Time, hours float64) time.Time {
	ps := s.periods()
	daySec := periodSeconds(ps)
	n, ok := scaled(hours, 3600, maxDays*24)
	if !ok {
		return start.In(app.Shanghai)
	}
	return s.hoursAt(ps, daySec, s.hoursPos(ps, daySec, start.Unix())+n)
}

// Elapsed returns the working days between from and to by s.Clock: working
// seconds over the seconds of one working day (workhours), or the sum over
// working dates of the share of 00:00–24:00 the interval covers (workdays).
// It is 0 when to is not after from.
func (s Schedule) Elapsed(from, to time.Time) float64 {
	if !to.After(from) {
		return 0
	}
	if s.Clock == WorkDays {
		return float64(s.daysPos(to.Unix())-s.daysPos(from.Unix())) / secondsPerDay
	}
	ps := s.periods()
	daySec := periodSeconds(ps)
	return float64(s.hoursPos(ps, daySec, to.Unix())-s.hoursPos(ps, daySec, from.Unix())) / float64(daySec)
}

// ElapsedHours returns the working hours between from and to by the
// workhours rule whatever s.Clock; 0 when to is not after from.
func (s Schedule) ElapsedHours(from, to time.Time) float64 {
	if !to.After(from) {
		return 0
	}
	ps := s.periods()
	daySec := periodSeconds(ps)
	return float64(s.hoursPos(ps, daySec, to.Unix())-s.hoursPos(ps, daySec, from.Unix())) / 3600
}
