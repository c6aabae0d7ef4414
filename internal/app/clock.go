package app

import "time"

// Shanghai is the time zone of every date boundary in govdesk (UTC+8, no DST).
var Shanghai = time.FixedZone("CST", 8*3600)

// Clock gives the current time. Services hold one so tests can fix "now".
type Clock interface{ Now() time.Time }

// SystemClock is the real clock.
type SystemClock struct{}

// Now returns time.Now().
func (SystemClock) Now() time.Time { return time.Now() }

// FixedClock always returns T; tests move it by assigning T.
type FixedClock struct{ T time.Time }

// Now returns c.T.
func (c *FixedClock) Now() time.Time { return c.T }

// DateLayout is the YYYY-MM-DD layout used for dates in files and flags.
const DateLayout = "2006-01-02"

// ParseDate parses YYYY-MM-DD as midnight in Asia/Shanghai.
func ParseDate(s string) (time.Time, error) {
	t, err := time.ParseInLocation(DateLayout, s, Shanghai)
	if err != nil {
		return time.Time{}, Invalid("日期格式错误：%q，应为 YYYY-MM-DD", s).WithDetail("bad date %q, want YYYY-MM-DD", s)
	}
	return t, nil
}
