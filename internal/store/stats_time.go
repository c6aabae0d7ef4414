package store

import (
	"fmt"
	"time"
)

// sqliteTime reads how the SQLite driver stores a time (DSN _time_format=sqlite
// writes "2006-01-02 15:04:05.999999999-07:00").
const sqliteTime = "2006-01-02 15:04:05.999999999Z07:00"

// unixSeconds returns the instant SQLite stores as text, "2022-03-07
// 00:30:00[.ffffff]+00:00", read by hand in the common case and by time.Parse
// otherwise; NULL (no bytes) is the zero time. Sub-second parts are dropped, as the
// calendar counts whole seconds.
func unixSeconds(b []byte) (time.Time, error) {
	if len(b) == 0 {
		return time.Time{}, nil
	}
	if sec, ok := parseSQLiteTime(b); ok {
		return time.Unix(sec, 0), nil
	}
	t, err := time.Parse(sqliteTime, string(b))
	if err != nil {
		return t, fmt.Errorf("timestamp %q: %w", b, err)
	}
	return time.Unix(t.Unix(), 0), nil
}

// parseSQLiteTime reads "YYYY-MM-DD HH:MM:SS[.f…](Z|±HH:MM)" as Unix seconds.
func parseSQLiteTime(b []byte) (int64, bool) {
	num := func(i, n int) (int64, bool) {
		var v int64
		for _, c := range b[i : i+n] {
			if c < '0' || c > '9' {
				return 0, false
			}
			v = v*10 + int64(c-'0')
		}
		return v, true
	}
	if len(b) < 20 || b[4] != '-' || b[7] != '-' || b[10] != ' ' || b[13] != ':' || b[16] != ':' {
		return 0, false
	}
	y, ok1 := num(0, 4)
	mo, ok2 := num(5, 2)
	d, ok3 := num(8, 2)
	h, ok4 := num(11, 2)
	mi, ok5 := num(14, 2)
	s, ok6 := num(17, 2)
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6) || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59 {
		return 0, false
	}
	i := 19
	if b[i] == '.' {
		for i++; i < len(b) && b[i] >= '0' && b[i] <= '9'; i++ {
		}
	}
	var off int64
	switch rest := b[i:]; {
	case len(rest) == 1 && rest[0] == 'Z':
	case len(rest) == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':':
		oh, ok1 := num(i+1, 2)
		om, ok2 := num(i+4, 2)
		if !ok1 || !ok2 {
			return 0, false
		}
		if off = oh*3600 + om*60; rest[0] == '-' {
			off = -off
		}
	default:
		return 0, false
	}
	return daysFromCivil(y, mo, d)*86400 + h*3600 + mi*60 + s - off, true
}

// daysFromCivil returns the days from 1970-01-01 to a proleptic Gregorian date
// (H. Hinnant's algorithm).
func daysFromCivil(y, m, d int64) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}
