package workday

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// Period is one working period of a working date, in minutes after midnight
// (Asia/Shanghai): {510, 720} is 08:30–12:00. Start < End ≤ 1440.
type Period struct {
	Start, End int
}

// DefaultPeriods are the centre's default working periods, 08:30–12:00 and
// 14:30–17:30: 390 minutes a working day.
var DefaultPeriods = []Period{{510, 720}, {870, 1050}}

// String formats p as "08:30-12:00".
func (p Period) String() string {
	return fmtMinute(p.Start) + "-" + fmtMinute(p.End)
}

func fmtMinute(m int) string { return fmt.Sprintf("%02d:%02d", m/60, m%60) }

// FormatPeriods formats periods as ParsePeriods reads them, "08:30-12:00,14:30-17:30".
func FormatPeriods(ps []Period) string {
	parts := make([]string, len(ps))
	for i, p := range ps {
		parts[i] = p.String()
	}
	return strings.Join(parts, ",")
}

// ParsePeriods parses "08:30-12:00,14:30-17:30": comma-separated (full-width
// "，" and spaces tolerated) HH:MM-HH:MM periods between 00:00 and 24:00, each
// non-empty, in ascending order and not overlapping (touching is allowed).
// Anything else is an app.Invalid error listing every problem in Chinese.
func ParsePeriods(s string) ([]Period, error) {
	s = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsSpace(r):
			return -1
		case r == '，' || r == '、':
			return ','
		case r == '：':
			return ':'
		case r == '－' || r == '—' || r == '–' || r == '~' || r == '～':
			return '-'
		}
		return r
	}, s)
	if s == "" {
		return nil, invalidList("工作时段有误", []string{"未填写工作时段，应如 \"08:30-12:00,14:30-17:30\""})
	}
	var (
		out      []Period
		problems []string
	)
	for i, part := range strings.Split(s, ",") {
		n := i + 1
		a, b, ok := strings.Cut(part, "-")
		if !ok {
			problems = append(problems, fmt.Sprintf("第%d段 %q 格式错误，应如 \"08:30-12:00\"", n, part))
			continue
		}
		start, ok1 := parseMinute(a)
		end, ok2 := parseMinute(b)
		switch {
		case !ok1 || !ok2:
			problems = append(problems, fmt.Sprintf("第%d段 %q 时间错误，应为 00:00 至 24:00 之间的 HH:MM", n, part))
			continue
		case start >= end:
			problems = append(problems, fmt.Sprintf("第%d段 %q 结束时间须晚于开始时间", n, part))
			continue
		}
		p := Period{start, end}
		if len(out) > 0 && start < out[len(out)-1].End {
			problems = append(problems, fmt.Sprintf("第%d段 %s 与上一段 %s 重叠或顺序颠倒，须按时间先后排列且不重叠", n, p, out[len(out)-1]))
		}
		out = append(out, p)
	}
	if len(problems) > 0 {
		return nil, invalidList("工作时段有误", problems)
	}
	return out, nil
}

// parseMinute parses "HH:MM" (H may be one digit) as minutes, 00:00..24:00.
func parseMinute(s string) (int, bool) {
	h, m, ok := strings.Cut(s, ":")
	if !ok || len(h) < 1 || len(h) > 2 || len(m) != 2 {
		return 0, false
	}
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if err1 != nil || err2 != nil || hh < 0 || mm < 0 || mm > 59 || hh*60+mm > 1440 {
		return 0, false
	}
	return hh*60 + mm, true
}

// validPeriods reports whether ps is usable: non-empty, each within the day,
// non-empty, ascending and not overlapping.
func validPeriods(ps []Period) bool {
	if len(ps) == 0 {
		return false
	}
	prev := 0
	for _, p := range ps {
		if p.Start < prev || p.Start >= p.End || p.End > 1440 {
			return false
		}
		prev = p.End
	}
	return true
}
