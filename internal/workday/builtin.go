package workday

import (
	"sync"
	"time"

	"github.com/6tail/lunar-go/HolidayUtil"
)

// Built-in schedules.
//
// The official schedules (国务院办公厅关于某年部分节假日安排的通知) come from
// github.com/6tail/lunar-go's HolidayUtil data (v1.4.7), limited to the years
// builtinFirstYear..builtinLastYear. 2020–2026 were checked date by date
// against the notices as transcribed by github.com/NateScarlet/holiday-cn (the
// tests compare every date, see testdata/holiday-cn.txt). 2027 (notice
// published in November 2026, data added in lunar-go v1.4.7) was checked
// against the library's data as LibrarySchedule reads it and against the
// notice's shape; the tests pin every 2027 date (see TestBuiltin2027).
//
// lunar-go's quirk: when a notice says a single day is off "与周末连休" (e.g.
// 2024 元旦 "1月1日放假，与周末连休", 2024 端午 "6月10日放假，与周末连休"),
// lunar-go also lists the adjacent Saturday and Sunday as 放假 days of that
// holiday, whereas the notice (and holiday-cn) lists only the statutory day.
// Working/non-working is the same either way, but Day.Kind would say
// "holiday" instead of "weekend". Its names also differ from the notices
// ("元旦节" for 元旦, "国庆中秋" or a split 中秋节/国庆节 for the combined
// 2020/2023/2025 periods), and it lacks the 2020-02-03 entry of the 2020 春节
// extension notice. corrections and periodNames below fix exactly these
// differences for 2020–2027. 2027 needs no corrections: it has no
// "与周末连休" entry (端午节 06-09 and 中秋节 09-15 are single weekdays; 元旦
// 01-01..03 is "1月1日至3日放假，共3天", like 2021, so the weekend days are
// holiday days in the notice too), and libraryNames alone gives the notices'
// names 元旦, 春节, 清明节, 劳动节, 端午节, 中秋节, 国庆节. Older lunar-go
// releases lack recent years (2026 arrived in v1.4.6, 2027 in v1.4.7); a year
// in the range with no data is reported as unpublished rather than silently
// treated as complete.
//
// To add a year: bump builtinLastYear after checking lunar-go's data for it
// (LibrarySchedule) against the notice and extending corrections/periodNames
// where they differ. Until then a newly published year can be loaded as
// overrides (ParseOverrides).
const (
	builtinFirstYear = 2020
	builtinLastYear  = 2027
)

// entry is one dated schedule entry on a day number.
type entry struct {
	day  int64
	kind Kind
	name string
}

// corrections overrides lunar-go's entry for a date (KindWeekend/KindWorkday
// remove the entry).
var corrections = []Override{
	// 国办发明电〔2020〕1号 extended the 2020 春节 break to 2月2日 and named
	// 2月3日（星期一） the day work resumes; holiday-cn lists it as a working
	// day, lunar-go does not list it.
	{Date: "2020-02-03", Kind: KindMakeup, Name: "春节"},
	// 2024 元旦: "1月1日放假，与周末连休" — the weekend is an ordinary weekend.
	{Date: "2023-12-30", Kind: KindWeekend},
	{Date: "2023-12-31", Kind: KindWeekend},
	// 2024 端午节: "6月10日放假，与周末连休".
	{Date: "2024-06-08", Kind: KindWeekend},
	{Date: "2024-06-09", Kind: KindWeekend},
}

// periodNames names a holiday period as its notice does, keyed by lunar-go's
// target date (the festival day the entry belongs to).
var periodNames = map[string]string{
	"2020-10-01": "国庆节、中秋节",
	"2023-09-29": "中秋节、国庆节",
	"2023-10-01": "中秋节、国庆节",
	"2025-10-01": "国庆节、中秋节",
}

// libraryNames maps lunar-go's names to the notices' names.
var libraryNames = map[string]string{
	"元旦节":  "元旦",
	"国庆中秋": "国庆节、中秋节",
}

// builtin is the corrected built-in schedule and the set of years it covers.
type builtin struct {
	entries []entry
	years   map[int]bool
}

var loadBuiltin = sync.OnceValue(func() builtin {
	b := builtin{years: map[int]bool{}}
	byDay := map[int64]int{} // day → index in b.entries
	for y := builtinFirstYear; y <= builtinLastYear; y++ {
		for _, o := range LibrarySchedule(y) {
			t, err := time.Parse(time.DateOnly, o.Date)
			if err != nil {
				continue
			}
			d := dayOfDate(t.Date())
			byDay[d] = len(b.entries)
			b.entries = append(b.entries, entry{day: d, kind: o.Kind, name: o.Name})
			b.years[y] = true
		}
	}
	for _, c := range corrections {
		t, _ := time.Parse(time.DateOnly, c.Date)
		if !b.years[t.Year()] {
			continue
		}
		d := dayOfDate(t.Date())
		e := entry{day: d, kind: c.Kind, name: c.Name}
		if i, ok := byDay[d]; ok {
			b.entries[i] = e
		} else {
			b.entries = append(b.entries, e)
		}
	}
	return b
})

// LibrarySchedule returns github.com/6tail/lunar-go's raw entries dated in
// year (names mapped to the notices' usual names, but none of this package's
// date corrections applied). It is meant for reviewing a newly published year
// before loading it as overrides or building it in; it may be empty.
func LibrarySchedule(year int) []Override {
	var out []Override
	l := HolidayUtil.GetHolidaysByYear(year)
	for e := l.Front(); e != nil; e = e.Next() {
		h, ok := e.Value.(*HolidayUtil.Holiday)
		if !ok || h == nil {
			continue
		}
		name := h.GetName()
		if n, ok := periodNames[h.GetTarget()]; ok {
			name = n
		} else if n, ok := libraryNames[name]; ok {
			name = n
		}
		kind := KindHoliday
		if h.IsWork() {
			kind = KindMakeup
		}
		out = append(out, Override{Date: h.GetDay(), Kind: kind, Name: name})
	}
	return out
}
