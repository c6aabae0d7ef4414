package workday

import (
	"time"

	"govdesk/internal/app"
)

// Day numbers. The calendar works on integer day numbers d = days since
// 2000-01-01 in Asia/Shanghai (negative before). The dense table covers
// 2000-01-01 .. 2099-12-31; outside it every date follows the plain Mon–Fri
// rule, which is computed arithmetically, so no instant is out of range.
const (
	secondsPerDay  = 86400
	shanghaiOffset = 8 * 3600 // app.Shanghai is a fixed UTC+8 zone without DST
	epochUnixDay   = 10957    // 2000-01-01 as days since 1970-01-01
	tableDays      = 36525    // 2000-01-01 .. 2099-12-31
	tableFirstYear = 2000
	tableLastYear  = 2099
)

// floorDiv returns ⌊a/b⌋ for b > 0.
func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b < 0 {
		q--
	}
	return q
}

// splitUnix returns the day number and the second of that day (0..86399) of
// the Unix second sec, in Asia/Shanghai.
func splitUnix(sec int64) (d, sod int64) {
	local := sec + shanghaiOffset
	ud := floorDiv(local, secondsPerDay)
	return ud - epochUnixDay, local - ud*secondsPerDay
}

// dayStartUnix returns the Unix second of 00:00 Asia/Shanghai of day d.
func dayStartUnix(d int64) int64 {
	return (d+epochUnixDay)*secondsPerDay - shanghaiOffset
}

// dayNumber returns the day number of t's date in Asia/Shanghai.
func dayNumber(t time.Time) int64 {
	d, _ := splitUnix(t.Unix())
	return d
}

// dayOfDate returns the day number of a calendar date.
func dayOfDate(year int, month time.Month, day int) int64 {
	u := time.Date(year, month, day, 0, 0, 0, 0, time.UTC).Unix()
	return u/secondsPerDay - epochUnixDay
}

// dateOf returns the calendar date of day d.
func dateOf(d int64) time.Time {
	return time.Unix(dayStartUnix(d), 0).In(app.Shanghai)
}

// weekend reports whether day d is a Saturday or Sunday (2000-01-01 was a Saturday).
func weekend(d int64) bool {
	r := d - 7*floorDiv(d, 7)
	return r < 2
}

// plainCount returns the number of Mon–Fri days in [0, d) (negative for d < 0).
// Weeks are counted from Saturday: offsets 0, 1 are the weekend, 2..6 Mon–Fri.
func plainCount(d int64) int64 {
	q := floorDiv(d, 7)
	r := d - 7*q
	if r > 2 {
		return 5*q + r - 2
	}
	return 5 * q
}

// plainNth returns the Mon–Fri day d with plainCount(d) == k.
func plainNth(k int64) int64 {
	q := floorDiv(k, 5)
	return 7*q + 2 + (k - 5*q)
}
