package workday

import (
	"errors"
	"strings"
	"testing"
	"time"

	"govdesk/internal/app"
)

// TestOverrides2028: 2028 has no published schedule (the last built-in year
// is 2027); overrides for it are how a newly published year is entered.
func TestOverrides2028(t *testing.T) {
	text := "\uFEFF# 2028年春节（示例）\r\n" +
		"\r\n" +
		"2028-01-22\tmakeup\t春节\r\n" +
		"　2028-01-26　HOLIDAY　春节　# 全角空格\n" +
		"2028-01-27 holiday 春节\n"
	list, err := ParseOverrides(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	want := []Override{
		{"2028-01-22", KindMakeup, "春节"},  // Saturday
		{"2028-01-26", KindHoliday, "春节"}, // Wednesday
		{"2028-01-27", KindHoliday, "春节"}, // Thursday
	}
	if len(list) != len(want) {
		t.Fatalf("ParseOverrides = %+v", list)
	}
	for i := range want {
		if list[i] != want[i] {
			t.Errorf("entry %d = %+v, want %+v", i, list[i], want[i])
		}
	}
	plain := mustCalendar(t, nil)
	c := mustCalendar(t, list)
	if plain.Published(2028) || plain.Warning(2028) == "" {
		t.Errorf("2028 without overrides: Published %v, Warning %q", plain.Published(2028), plain.Warning(2028))
	}
	if !c.Published(2028) || c.Warning(2028) != "" {
		t.Errorf("2028 with overrides: Published %v, Warning %q", c.Published(2028), c.Warning(2028))
	}
	if c.FirstYear() != 2020 || c.LastYear() != 2027 {
		t.Errorf("overrides changed the built-in range: %d–%d", c.FirstYear(), c.LastYear())
	}
	for _, want := range []Day{
		{"2028-01-22", false, KindWeekend, ""},
		{"2028-01-26", true, KindWorkday, ""},
	} {
		if got := plain.Day(date(t, want.Date)); got != want {
			t.Errorf("plain %s = %+v, want %+v", want.Date, got, want)
		}
	}
	if got := c.Day(date(t, "2028-01-22")); got != (Day{"2028-01-22", true, KindMakeup, "春节"}) {
		t.Errorf("2028-01-22 = %+v", got)
	}
	if got := c.Day(date(t, "2028-01-26")); got != (Day{"2028-01-26", false, KindHoliday, "春节"}) {
		t.Errorf("2028-01-26 = %+v", got)
	}
	start := instant(t, "2028-01-21T16:00:00+08:00") // Friday
	for _, tc := range []struct {
		cal  *Calendar
		want string
	}{
		{plain, "2028-01-24T16:00:00+08:00"},
		{c, "2028-01-22T16:00:00+08:00"},
	} {
		if got := (Schedule{Cal: tc.cal}).Deadline(start, 1).Format(time.RFC3339); got != tc.want {
			t.Errorf("workhours Deadline = %s, want %s", got, tc.want)
		}
	}
	// Workdays from Friday 2028-01-21, 3 days: plain Mon 24, Tue 25, Wed 26 →
	// Thu 27 00:00; with the overrides Sat 22 (makeup), Mon 24, Tue 25 → Wed
	// 26 00:00; 5 days: plain → Sat 29 00:00 (Mon 24 .. Fri 28); with the
	// overrides Sat 22, Mon 24, Tue 25, then Wed 26 and Thu 27 are holidays,
	// Fri 28, Mon 31 → Tue Feb 1 00:00.
	days := func(cal *Calendar, n float64) string {
		return Schedule{Cal: cal, Clock: WorkDays}.Deadline(start, n).Format(time.RFC3339)
	}
	for _, tc := range []struct {
		cal  *Calendar
		n    float64
		want string
	}{
		{plain, 3, "2028-01-27T00:00:00+08:00"},
		{c, 3, "2028-01-26T00:00:00+08:00"},
		{plain, 5, "2028-01-29T00:00:00+08:00"},
		{c, 5, "2028-02-01T00:00:00+08:00"},
	} {
		if got := days(tc.cal, tc.n); got != tc.want {
			t.Errorf("workdays Deadline(%v) plain=%v = %s, want %s", tc.n, tc.cal == plain, got, tc.want)
		}
	}
}

func TestOverrideCancels(t *testing.T) {
	c := mustCalendar(t, []Override{
		{Date: "2022-10-03", Kind: KindWorkday},
		{Date: "2022-10-08", Kind: KindWeekend},
		{Date: "2022-10-10", Kind: KindHoliday, Name: "临时停止办公"},
	})
	for _, want := range []Day{
		{"2022-10-03", true, KindWorkday, ""},
		{"2022-10-08", false, KindWeekend, ""},
		{"2022-10-09", true, KindMakeup, "国庆节"},
		{"2022-10-10", false, KindHoliday, "临时停止办公"},
	} {
		if got, _ := c.DayOf(want.Date); got != want {
			t.Errorf("DayOf(%s) = %+v, want %+v", want.Date, got, want)
		}
	}
	if !c.Published(2022) {
		t.Error("2022 not published")
	}
}

func TestParseOverridesErrors(t *testing.T) {
	text := strings.Join([]string{
		"# comment",                  // 1
		"2028-01-22 makeup 春节",       // 2
		"2028-2-30 holiday 春节",       // 3 bad date
		"",                           // 4
		"2028-01-26 off 春节",          // 5 bad kind
		"2028-01-27 holiday",         // 6 missing name
		"2028-01-22 holiday 春节",      // 7 duplicate of line 2
		"2028-01-29 workday",         // 8 Saturday as workday
		"2028-01-31 weekend",         // 9 Monday as weekend
		"2028-02-01",                 // 10 missing kind
		"2028-02-02 holiday 春 节",     // 11 too many fields
		"1999-10-01 holiday 国庆节",     // 12 out of range
		"2028-02-03 holiday 春节 # 备注", // 13 fine
	}, "\n")
	list, err := ParseOverrides(strings.NewReader(text))
	if list != nil {
		t.Errorf("partial result %+v", list)
	}
	var e *app.Error
	if !errors.As(err, &e) || e.Code != app.EInvalid {
		t.Fatalf("error = %v", err)
	}
	for _, want := range []string{
		`第3行：日期格式错误 "2028-2-30"`, "第5行：类型错误", "第6行：", "第7行：日期 2028-01-22 与第2行重复",
		"第8行：2028-01-29 是星期六", "第9行：2028-01-31 是星期一", "第10行：缺少类型", "第11行：字段过多", "第12行：",
		"共9处",
	} {
		if !strings.Contains(e.Message, want) {
			t.Errorf("message lacks %q:\n%s", want, e.Message)
		}
	}
	for _, bad := range []string{"第1行", "第2行：", "第4行", "第13行"} {
		if strings.Contains(e.Message, bad) {
			t.Errorf("message mentions good line %q:\n%s", bad, e.Message)
		}
	}
}

func TestNewCalendarInvalid(t *testing.T) {
	_, err := NewCalendar([]Override{
		{Date: "2028-01-22", Kind: KindMakeup, Name: "春节"},
		{Date: "2028-02-30", Kind: KindHoliday, Name: "春节"},
		{Date: "2028-01-22", Kind: KindHoliday, Name: "春节"},
		{Date: "2028-01-24", Kind: "Holiday", Name: "春节"},
	})
	msg := app.ErrorMessage(err)
	if app.ErrorCode(err) != app.EInvalid || !strings.Contains(msg, "第2条") ||
		!strings.Contains(msg, "第3条：日期 2028-01-22 与第1条重复") || !strings.Contains(msg, "第4条") {
		t.Errorf("NewCalendar error = %v", err)
	}
}

func TestFormatOverridesRoundTrip(t *testing.T) {
	list := []Override{
		{"2028-01-22", KindMakeup, "春节"},
		{"2028-10-01", KindHoliday, "国庆节、中秋节"},
		{"2028-03-01", KindWorkday, ""}, // a Wednesday
	}
	got, err := ParseOverrides(strings.NewReader(FormatOverrides(list)))
	if err != nil || len(got) != len(list) {
		t.Fatalf("round trip = %+v, %v", got, err)
	}
	for i := range list {
		if got[i] != list[i] {
			t.Errorf("entry %d = %+v, want %+v", i, got[i], list[i])
		}
	}
}

func TestLibrarySchedule(t *testing.T) {
	list := LibrarySchedule(2022)
	if len(list) < 20 {
		t.Fatalf("LibrarySchedule(2022) has %d entries", len(list))
	}
	if _, err := NewCalendar(list); err != nil {
		t.Errorf("LibrarySchedule(2022) is not a valid override list: %v", err)
	}
	for _, o := range list {
		if o.Name == "元旦节" || o.Name == "国庆中秋" {
			t.Errorf("unmapped name %+v", o)
		}
	}
}
