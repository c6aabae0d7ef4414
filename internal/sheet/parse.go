package sheet

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/width"

	"govdesk/internal/app"
)

const (
	timePat = `(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?`
	zonePat = `(Z|[+-]\d{2}(?::?\d{2})?)`
)

var (
	// 2022-03-05, 2022/3/5, 2022.3.5, each optionally followed by a time
	// (after T or spaces) and, with a time, an offset.
	reDashTime = regexp.MustCompile(`^(\d{4})([-/.])(\d{1,2})([-/.])(\d{1,2})(?:(?:T|\s+)` + timePat + `\s*` + zonePat + `?)?$`)
	// 2022年3月5日, optionally followed by a time.
	reHanTime = regexp.MustCompile(`^(\d{4})年(\d{1,2})月(\d{1,2})日(?:\s*` + timePat + `)?$`)
	reSerial  = regexp.MustCompile(`^\d+(?:\.\d+)?$`)
	reNumber  = regexp.MustCompile(`^[+-]?(?:\d+|\d{1,3}(?:,\d{3})+)?(?:\.\d*)?$`)
	reSciNum  = regexp.MustCompile(`^[+-]?(?:\d+\.?\d*|\.\d+)[eE][+-]?\d+$`)
)

// normalize trims a value and folds full-width ASCII (digits, letters, ：，＋)
// to its ordinary form.
func normalize(s string) string {
	return Trim(width.Narrow.String(Trim(s)))
}

// ParseTime parses a time cell. Accepted forms, all in Asia/Shanghai unless
// the text carries an offset (Z, +08, +0800, +08:00):
//
//	2022-03-05 14:30[:05[.123]]   2022-03-05T14:30:05+08:00
//	2019/2/28 11:25:05            2022.3.5 9:05
//	2022-03-05  2022/3/5  2022年3月5日 (midnight)  2022年3月5日 14:30
//	42894.7300925926              (spreadsheet date serial, 1900 date system)
//
// Serials follow Excel, including its 1900 leap-year bug (serial 60 is the
// fictional 1900-02-29 and is rejected; serial 61 is 1900-03-01), are read as
// Shanghai wall time and rounded to the nearest second. The result is always
// in app.Shanghai. A failure is an *app.Error with code "invalid".
func ParseTime(s string) (time.Time, error) {
	v := normalize(s)
	if v == "" {
		return time.Time{}, app.Invalid("时间不能为空")
	}
	if reSerial.MatchString(v) {
		f, err := strconv.ParseFloat(v, 64)
		if t, ok := serialTime(f, false); err == nil && ok {
			return t, nil
		}
		return time.Time{}, badTime(s)
	}
	var p []string // year, month, day, hour, min, sec, frac, zone
	if m := reDashTime.FindStringSubmatch(v); m != nil {
		if m[2] != m[4] {
			return time.Time{}, badTime(s)
		}
		p = []string{m[1], m[3], m[5], m[6], m[7], m[8], m[9], m[10]}
	} else if m := reHanTime.FindStringSubmatch(v); m != nil {
		p = append(m[1:], "")
	} else {
		return time.Time{}, badTime(s)
	}
	n := make([]int, 6)
	for i := range n {
		if p[i] != "" {
			n[i], _ = strconv.Atoi(p[i])
		}
	}
	nsec := 0
	if p[6] != "" {
		nsec, _ = strconv.Atoi((p[6] + "00000000")[:9])
	}
	loc, ok := zone(p[7])
	if !ok || n[1] < 1 || n[1] > 12 || n[2] < 1 || n[3] > 23 || n[4] > 59 || n[5] > 59 {
		return time.Time{}, badTime(s)
	}
	t := time.Date(n[0], time.Month(n[1]), n[2], n[3], n[4], n[5], nsec, loc)
	if t.Day() != n[2] { // 2月30日 and the like
		return time.Time{}, badTime(s)
	}
	return t.In(app.Shanghai), nil
}

// ParseDate parses a date cell in any form ParseTime accepts and returns
// midnight of that day in Asia/Shanghai (a time of day, if any, is dropped).
func ParseDate(s string) (time.Time, error) {
	t, err := ParseTime(s)
	if err != nil {
		if Trim(s) == "" {
			return time.Time{}, app.Invalid("日期不能为空")
		}
		return time.Time{}, app.Invalid("日期格式不正确：%q，应为 2022-03-05、2022/3/5 或 2022年3月5日 等格式", Trim(s))
	}
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, app.Shanghai), nil
}

func badTime(s string) error {
	return app.Invalid("时间格式不正确：%q，应为 2022-03-05 14:30:00、2022/3/5 14:30 或 2022年3月5日 等格式", Trim(s))
}

// zone returns the location for an offset suffix; "" means Shanghai.
func zone(z string) (*time.Location, bool) {
	switch z {
	case "":
		return app.Shanghai, true
	case "Z":
		return time.UTC, true
	}
	digits := strings.ReplaceAll(z[1:], ":", "")
	h, _ := strconv.Atoi(digits[:2])
	m := 0
	if len(digits) == 4 {
		m, _ = strconv.Atoi(digits[2:])
	}
	if h > 14 || m > 59 {
		return nil, false
	}
	off := (h*60 + m) * 60
	if z[0] == '-' {
		off = -off
	}
	if off == 8*3600 {
		return app.Shanghai, true
	}
	return time.FixedZone("", off), true
}

// serialTime converts a spreadsheet date serial to Shanghai wall time, rounded
// to the nearest second. In the 1900 system serial 1 is 1900-01-01 and serial
// 60 (the fictional 1900-02-29) is rejected; in the 1904 system serial 0 is
// 1904-01-01. Serials below 1 (a time of day without a date) and past
// 9999-12-31 are rejected.
func serialTime(f float64, date1904 bool) (time.Time, bool) {
	if math.IsNaN(f) || f < 1 || f >= 2958466 {
		return time.Time{}, false
	}
	base := time.Date(1899, 12, 30, 0, 0, 0, 0, app.Shanghai)
	switch {
	case date1904:
		base = time.Date(1904, 1, 1, 0, 0, 0, 0, app.Shanghai)
	case f < 60:
		base = time.Date(1899, 12, 31, 0, 0, 0, 0, app.Shanghai)
	case f < 61:
		return time.Time{}, false
	}
	secs := int64(math.Round(f * 86400))
	days, rest := secs/86400, secs%86400
	return base.AddDate(0, 0, int(days)).Add(time.Duration(rest) * time.Second), true
}

// serialClock renders a time-of-day fraction (0 ≤ f < 1) as "15:04:05".
func serialClock(f float64) (string, bool) {
	secs := int64(math.Round(f * 86400))
	if secs >= 86400 {
		return "", false
	}
	return time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(secs) * time.Second).Format("15:04:05"), true
}

var boolWords = map[string]bool{
	"是": true, "否": false, "有": true, "无": false,
	"y": true, "n": false, "yes": true, "no": false,
	"1": true, "0": false, "true": true, "false": false,
}

// ParseBool parses a flag cell: 是/否, 有/无, Y/N, yes/no, 1/0 and true/false
// (Latin letters in any case, full-width forms too). Anything else, including
// "", is an *app.Error with code "invalid"; callers treat an empty optional
// cell themselves.
func ParseBool(s string) (bool, error) {
	v := strings.ToLower(normalize(s))
	if b, ok := boolWords[v]; ok {
		return b, nil
	}
	if v == "" {
		return false, app.Invalid("是/否不能为空，应填“是”或“否”")
	}
	return false, app.Invalid("无法识别的是/否值：%q，应填“是”或“否”", Trim(s))
}

// ParseNumber parses a decimal number cell: an optional sign, optional
// thousands separators in groups of three ("1,234.50"), an optional leading
// ¥/￥ and an optional trailing 元; exponent notation as stored by
// spreadsheets ("1.5E-3") is accepted without separators. Anything else,
// including "", is an *app.Error with code "invalid".
func ParseNumber(s string) (float64, error) {
	v := normalize(s)
	v = Trim(strings.TrimSuffix(v, "元"))
	v = Trim(strings.TrimPrefix(strings.TrimPrefix(v, "¥"), "￥"))
	ok := v != "" && strings.ContainsAny(v, "0123456789") &&
		(reNumber.MatchString(v) || reSciNum.MatchString(v))
	if ok {
		if f, err := strconv.ParseFloat(strings.ReplaceAll(v, ",", ""), 64); err == nil {
			return f, nil
		}
	}
	if Trim(s) == "" {
		return 0, app.Invalid("数字不能为空")
	}
	return 0, app.Invalid("数字格式不正确：%q，应为 1234.50 或 1,234.50 这样的数字", Trim(s))
}
