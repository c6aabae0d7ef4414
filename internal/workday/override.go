package workday

import (
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"govdesk/internal/app"
)

// Override replaces the built-in entry of one date, e.g. to enter a newly
// published year before the built-in data has it, or to correct one.
//
//   - KindHoliday: the date is a 放假 day (any weekday); Name is required.
//   - KindMakeup: the date is a 调休补班 working day (normally a Saturday or
//     Sunday); Name is required.
//   - KindWorkday, KindWeekend: cancel any built-in entry, so the date follows
//     the ordinary Mon–Fri rule. KindWorkday is accepted only on Monday–Friday
//     and KindWeekend only on Saturday/Sunday, so that an entry never reads as
//     the opposite of what it does. Name is ignored.
//
// Date is YYYY-MM-DD within 2000–2099; a date may appear once per list.
type Override struct {
	Date string
	Kind Kind
	Name string
}

// maxNameRunes bounds a holiday name.
const maxNameRunes = 32

var weekdayNames = [...]string{"星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"}

// checkOne validates o and returns its entry, or a Chinese problem text.
func checkOne(o Override) (entry, string) {
	t, err := time.ParseInLocation(time.DateOnly, o.Date, app.Shanghai)
	if err != nil {
		return entry{}, fmt.Sprintf("日期格式错误 %q，应为 YYYY-MM-DD", o.Date)
	}
	if t.Year() < tableFirstYear || t.Year() > tableLastYear {
		return entry{}, fmt.Sprintf("日期 %q 超出支持范围（%d—%d年）", o.Date, tableFirstYear, tableLastYear)
	}
	e := entry{day: dayNumber(t), kind: o.Kind, name: strings.TrimSpace(o.Name)}
	wd := weekdayNames[t.Weekday()]
	switch o.Kind {
	case KindHoliday, KindMakeup:
		if e.name == "" {
			return entry{}, "放假或补班须写节日名称，如 \"2028-01-22 makeup 春节\""
		}
		if utf8.RuneCountInString(e.name) > maxNameRunes || strings.ContainsFunc(e.name, unicode.IsControl) {
			return entry{}, fmt.Sprintf("节日名称 %q 无效（最多%d个字，不含控制字符）", e.name, maxNameRunes)
		}
	case KindWorkday:
		if weekend(e.day) {
			return entry{}, fmt.Sprintf("%s 是%s，不能标为 workday（恢复按周一至周五计算），调休上班请用 makeup", o.Date, wd)
		}
		e.name = ""
	case KindWeekend:
		if !weekend(e.day) {
			return entry{}, fmt.Sprintf("%s 是%s，不能标为 weekend（恢复按周一至周五计算），放假请用 holiday", o.Date, wd)
		}
		e.name = ""
	default:
		return entry{}, fmt.Sprintf("类型错误 %q，应为 holiday（放假）、makeup（调休补班）、workday 或 weekend（取消调整）", string(o.Kind))
	}
	return e, ""
}

// checkOverrides validates a list; label is "第%d条" style, numbered from 1.
func checkOverrides(list []Override, label string) ([]entry, []string) {
	var problems []string
	entries := make([]entry, 0, len(list))
	seen := map[int64]int{}
	for i, o := range list {
		e, p := checkOne(o)
		if p != "" {
			problems = append(problems, fmt.Sprintf(label+"：%s", i+1, p))
			continue
		}
		if j, dup := seen[e.day]; dup {
			problems = append(problems, fmt.Sprintf(label+"：日期 %s 与"+label+"重复", i+1, o.Date, j+1))
			continue
		}
		seen[e.day] = i
		entries = append(entries, e)
	}
	return entries, problems
}

// invalidList returns an app.Invalid error listing every problem.
func invalidList(head string, problems []string) *app.Error {
	return app.Invalid("%s（共%d处）：%s", head, len(problems), strings.Join(problems, "；")).
		WithDetail("%d problems in the holiday overrides", len(problems))
}

// ParseOverrides reads the plain text override form, one entry a line:
//
//	# 2028年春节（国办发明电〔2027〕…号）
//	2028-01-22 makeup 春节
//	2028-01-26 holiday 春节
//	2028-03-01 workday
//
// Fields are date, kind (holiday, makeup, workday or weekend, any letter case)
// and name (required for holiday and makeup, ignored otherwise), separated by
// spaces, tabs or full-width spaces. Blank lines and lines starting with "#"
// are ignored, as is anything after a field starting with "#". A date may
// appear only once. On any error ParseOverrides returns no entries and an
// app.Invalid error whose Chinese message lists every bad line by number,
// e.g. `第3行：日期格式错误 "2028-2-30"，应为 YYYY-MM-DD`.
func ParseOverrides(r io.Reader) ([]Override, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, app.Internal(err, "read holiday overrides")
	}
	if !utf8.Valid(data) {
		return nil, app.Invalid("节假日调整文件不是 UTF-8 编码的文本").WithDetail("the holiday file is not UTF-8 text")
	}
	text := strings.TrimPrefix(string(data), "\uFEFF")
	var (
		out      []Override
		problems []string
		seen     = map[string]int{}
	)
	for i, line := range strings.Split(text, "\n") {
		n := i + 1
		fields := strings.FieldsFunc(line, unicode.IsSpace)
		for j, f := range fields {
			if strings.HasPrefix(f, "#") {
				fields = fields[:j]
				break
			}
		}
		if len(fields) == 0 {
			continue
		}
		if len(fields) == 1 {
			problems = append(problems, fmt.Sprintf("第%d行：缺少类型，应为“日期 类型 名称”，如 \"2028-01-22 makeup 春节\"", n))
			continue
		}
		if len(fields) > 3 {
			problems = append(problems, fmt.Sprintf("第%d行：字段过多，应为“日期 类型 名称”（名称中不能有空格）", n))
			continue
		}
		o := Override{Date: fields[0], Kind: Kind(strings.ToLower(fields[1]))}
		if len(fields) == 3 {
			o.Name = fields[2]
		}
		e, p := checkOne(o)
		if p != "" {
			problems = append(problems, fmt.Sprintf("第%d行：%s", n, p))
			continue
		}
		key := dateOf(e.day).Format(time.DateOnly)
		if prev, dup := seen[key]; dup {
			problems = append(problems, fmt.Sprintf("第%d行：日期 %s 与第%d行重复", n, key, prev))
			continue
		}
		seen[key] = n
		o.Name = e.name
		out = append(out, o)
	}
	if len(problems) > 0 {
		return nil, invalidList("节假日调整文件有误", problems)
	}
	return out, nil
}

// FormatOverrides writes list in the ParseOverrides text form, one entry a line.
func FormatOverrides(list []Override) string {
	var b strings.Builder
	for _, o := range list {
		b.WriteString(o.Date)
		b.WriteByte(' ')
		b.WriteString(string(o.Kind))
		if o.Name != "" && (o.Kind == KindHoliday || o.Kind == KindMakeup) {
			b.WriteByte(' ')
			b.WriteString(o.Name)
		}
		b.WriteByte('\n')
	}
	return b.String()
}
