package report

import (
	"fmt"
	"regexp"
	"strconv"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/stats"
)

var (
	weekRE  = regexp.MustCompile(`^(\d{4})-W(\d{2})$`)
	monthRE = regexp.MustCompile(`^(\d{4})-(\d{2})$`)
	yearRE  = regexp.MustCompile(`^(\d{4})$`)
)

// ParseWeek reads an ISO week, 2022-W39: Monday 00:00 to the next Monday
// 00:00, Asia/Shanghai.
func ParseWeek(s string) (stats.Period, error) {
	m := weekRE.FindStringSubmatch(s)
	if m == nil {
		return stats.Period{}, app.Invalid("周的格式应为 YYYY-Www（ISO 周，例如 2022-W39），而不是“%s”", s).WithDetail("bad week %q, want YYYY-Www such as 2022-W39", s)
	}
	year, _ := strconv.Atoi(m[1])
	week, _ := strconv.Atoi(m[2])
	// ISO week 1 holds 4 January; its Monday starts the ISO year.
	jan4 := time.Date(year, time.January, 4, 0, 0, 0, 0, app.Shanghai)
	monday := jan4.AddDate(0, 0, -((int(jan4.Weekday()) + 6) % 7))
	if y, w := monday.AddDate(0, 0, 7*(week-1)).ISOWeek(); week < 1 || y != year || w != week {
		return stats.Period{}, app.Invalid("%d 年没有第 %d 周（ISO 周为 1 至 %d）", year, week, weeksIn(year)).
			WithDetail("%d has no ISO week %d (weeks 1 to %d)", year, week, weeksIn(year))
	}
	from := monday.AddDate(0, 0, 7*(week-1))
	return stats.Period{From: from, To: from.AddDate(0, 0, 7)}, nil
}

func weeksIn(year int) int {
	_, w := time.Date(year, time.December, 28, 0, 0, 0, 0, app.Shanghai).ISOWeek()
	return w
}

// ParseMonth reads a month, 2022-09.
func ParseMonth(s string) (stats.Period, error) {
	m := monthRE.FindStringSubmatch(s)
	if m == nil {
		return stats.Period{}, app.Invalid("月份的格式应为 YYYY-MM（例如 2022-09），而不是“%s”", s).WithDetail("bad month %q, want YYYY-MM such as 2022-09", s)
	}
	year, _ := strconv.Atoi(m[1])
	month, _ := strconv.Atoi(m[2])
	if month < 1 || month > 12 {
		return stats.Period{}, app.Invalid("月份应在 01 至 12 之间，而不是“%s”", s).WithDetail("bad month %q: the month must be 01 to 12", s)
	}
	from := time.Date(year, time.Month(month), 1, 0, 0, 0, 0, app.Shanghai)
	return stats.Period{From: from, To: from.AddDate(0, 1, 0)}, nil
}

// ParseYear reads a year, 2022.
func ParseYear(s string) (stats.Period, error) {
	if !yearRE.MatchString(s) || s < "1990" {
		return stats.Period{}, app.Invalid("年份的格式应为四位数字（例如 2022），而不是“%s”", s).WithDetail("bad year %q, want four digits such as 2022", s)
	}
	year, _ := strconv.Atoi(s)
	from := time.Date(year, time.January, 1, 0, 0, 0, 0, app.Shanghai)
	return stats.Period{From: from, To: from.AddDate(1, 0, 0)}, nil
}

// Parse reads the period argument of a kind of brief.
func Parse(kind, arg string) (stats.Period, error) {
	switch kind {
	case Weekly:
		return ParseWeek(arg)
	case Monthly:
		return ParseMonth(arg)
	case Annual:
		return ParseYear(arg)
	}
	return stats.Period{}, app.Invalid("未知的报告类型“%s”，应为 weekly、monthly 或 annual", kind).WithDetail("unknown report kind %q, want weekly, monthly or annual", kind)
}

// Label names a brief's period in Chinese: 2022年第39周, 2022年9月, 2022年.
func Label(kind string, p stats.Period) string { return label(kind, p) }

func label(kind string, p stats.Period) string {
	f := p.From.In(app.Shanghai)
	switch kind {
	case Weekly:
		y, w := f.ISOWeek()
		return fmt.Sprintf("%d年第%d周", y, w)
	case Monthly:
		return fmt.Sprintf("%d年%d月", f.Year(), f.Month())
	}
	return fmt.Sprintf("%d年", f.Year())
}

// dateZh writes a date as 2022年9月26日.
func dateZh(t time.Time) string {
	t = t.In(app.Shanghai)
	return fmt.Sprintf("%d年%d月%d日", t.Year(), t.Month(), t.Day())
}

// minuteZh writes an instant as 2022年10月31日 09:00 (Beijing time).
func minuteZh(t time.Time) string { return dateZh(t) + " " + t.In(app.Shanghai).Format("15:04") }

// spanZh writes a period's dates: 2022年9月26日至10月2日.
func spanZh(p stats.Period) string {
	a, b := p.From.In(app.Shanghai), p.To.In(app.Shanghai).AddDate(0, 0, -1)
	if a.Year() != b.Year() {
		return dateZh(a) + "至" + dateZh(b)
	}
	return dateZh(a) + "至" + fmt.Sprintf("%d月%d日", b.Month(), b.Day())
}

// months splits a period into its calendar months.
func months(p stats.Period) []stats.Period {
	var out []stats.Period
	for f := p.From.In(app.Shanghai); f.Before(p.To); f = f.AddDate(0, 1, 0) {
		out = append(out, stats.Period{From: f, To: f.AddDate(0, 1, 0)})
	}
	return out
}

func shanghai() *time.Location { return app.Shanghai }
