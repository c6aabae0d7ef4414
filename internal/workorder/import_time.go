package workorder

import (
	"time"

	"govdesk/internal/app"
	"govdesk/internal/sheet"
)

// parseImportTime parses a time cell as sheet.ParseTime does. The canonical forms
// "2006-01-02 15:04:05" and "2006-01-02 15:04" — what exports and most files hold — are
// read without a regular expression, which matters at a million rows; every other form
// (and every malformed one, for its message) goes to sheet.ParseTime.
func parseImportTime(s string) (time.Time, error) {
	if t, ok := fastTime(s); ok {
		return t, nil
	}
	return sheet.ParseTime(s)
}

func fastTime(s string) (time.Time, bool) {
	if (len(s) != 19 && len(s) != 16) || s[4] != '-' || s[7] != '-' || s[10] != ' ' || s[13] != ':' {
		return time.Time{}, false
	}
	y, ok1 := digits(s[0:4])
	mo, ok2 := digits(s[5:7])
	d, ok3 := digits(s[8:10])
	h, ok4 := digits(s[11:13])
	mi, ok5 := digits(s[14:16])
	sec, ok6 := 0, true
	if len(s) == 19 {
		if s[16] != ':' {
			return time.Time{}, false
		}
		sec, ok6 = digits(s[17:19])
	}
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6) || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || sec > 59 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(mo), d, h, mi, sec, 0, app.Shanghai)
	if t.Day() != d {
		return time.Time{}, false
	}
	return t, true
}

func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

// FormatImportTime renders a time as export writes it: "2006-01-02 15:04:05" in
// Asia/Shanghai, "" for the zero time.
func FormatImportTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(app.Shanghai).Format("2006-01-02 15:04:05")
}
