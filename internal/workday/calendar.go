package workday

import (
	"fmt"
	"time"

	"govdesk/internal/app"
)

// Kind classifies a date.
type Kind string

// The kinds of a date. A listed 放假 date is KindHoliday even on a weekend; a
// listed 调休补班 date is KindMakeup; any other Saturday or Sunday is
// KindWeekend and any other date KindWorkday.
const (
	KindWorkday Kind = "workday"
	KindWeekend Kind = "weekend"
	KindHoliday Kind = "holiday"
	KindMakeup  Kind = "makeup"
)

// Day describes one calendar date.
type Day struct {
	Date    string `json:"date"`    // YYYY-MM-DD
	Working bool   `json:"working"` // a working date (workday or makeup)
	Kind    Kind   `json:"kind"`
	Name    string `json:"name"` // holiday name for holiday/makeup (e.g. "国庆节"), "" otherwise
}

// Table kind codes; codePlain means "the Mon–Fri rule".
const (
	codePlain uint8 = iota
	codeHoliday
	codeMakeup
)

// Calendar is the working-day calendar: the built-in official schedules plus
// overrides. It is immutable after NewCalendar and safe for concurrent use.
type Calendar struct {
	codes    []uint8  // per table day: codePlain, codeHoliday or codeMakeup
	names    []uint16 // per table day: index into nameList
	nameList []string // nameList[0] == ""
	cum      []int32  // cum[d] = working days in table days [0, d); len tableDays+1
	years    map[int]bool
	first    int
	last     int
}

// NewCalendar builds a calendar from the built-in schedules and overrides;
// an override replaces the built-in entry of its date. Overrides must be
// valid (see Override); otherwise NewCalendar returns an app.Invalid error
// listing every bad entry.
func NewCalendar(overrides []Override) (*Calendar, error) {
	parsed, problems := checkOverrides(overrides, "第%d条")
	if len(problems) > 0 {
		return nil, invalidList("节假日调整有误", problems)
	}
	b := loadBuiltin()
	c := &Calendar{
		codes:    make([]uint8, tableDays),
		names:    make([]uint16, tableDays),
		nameList: []string{""},
		cum:      make([]int32, tableDays+1),
		years:    make(map[int]bool, len(b.years)+2),
	}
	nameIndex := map[string]uint16{"": 0}
	set := func(e entry) {
		c.codes[e.day], c.names[e.day] = codePlain, 0
		switch e.kind {
		case KindHoliday:
			c.codes[e.day] = codeHoliday
		case KindMakeup:
			c.codes[e.day] = codeMakeup
		default:
			return
		}
		i, ok := nameIndex[e.name]
		if !ok {
			i = uint16(len(c.nameList))
			nameIndex[e.name] = i
			c.nameList = append(c.nameList, e.name)
		}
		c.names[e.day] = i
	}
	for _, e := range b.entries {
		set(e)
	}
	for y := range b.years {
		c.years[y] = true
		if c.first == 0 || y < c.first {
			c.first = y
		}
		if y > c.last {
			c.last = y
		}
	}
	for _, e := range parsed {
		set(e)
		c.years[dateOf(e.day).Year()] = true
	}
	for d := int64(0); d < tableDays; d++ {
		c.cum[d+1] = c.cum[d]
		if c.workingCode(d) {
			c.cum[d+1]++
		}
	}
	return c, nil
}

// workingCode reports whether table day d is a working date.
func (c *Calendar) workingCode(d int64) bool {
	switch c.codes[d] {
	case codeHoliday:
		return false
	case codeMakeup:
		return true
	}
	return !weekend(d)
}

// count returns the number of working days in [0, d) (negative for d < 0),
// so count(b)-count(a) is the number of working dates in [a, b).
func (c *Calendar) count(d int64) int64 {
	switch {
	case d < 0:
		return plainCount(d)
	case d <= tableDays:
		return int64(c.cum[d])
	}
	return int64(c.cum[tableDays]) + plainCount(d) - plainCount(tableDays)
}

// nth returns the working date d with count(d) == k, i.e. the k-th working
// date counting from day 0 (k may be negative).
func (c *Calendar) nth(k int64) int64 {
	total := int64(c.cum[tableDays])
	switch {
	case k < 0:
		return plainNth(k)
	case k >= total:
		return plainNth(k - total + plainCount(tableDays))
	}
	// Smallest d with cum[d+1] > k.
	lo, hi := 0, tableDays-1
	k32 := int32(k)
	cum := c.cum
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if cum[m+1] > k32 {
			hi = m
		} else {
			lo = m + 1
		}
	}
	return int64(lo)
}

// working reports whether day d is a working date.
func (c *Calendar) working(d int64) bool {
	if d >= 0 && d < tableDays {
		return c.cum[d+1] != c.cum[d]
	}
	return !weekend(d)
}

// day describes day d.
func (c *Calendar) day(d int64) Day {
	out := Day{Date: dateOf(d).Format(time.DateOnly)}
	code := codePlain
	if d >= 0 && d < tableDays {
		code = c.codes[d]
	}
	switch {
	case code == codeHoliday:
		out.Kind, out.Name = KindHoliday, c.nameList[c.names[d]]
	case code == codeMakeup:
		out.Kind, out.Name, out.Working = KindMakeup, c.nameList[c.names[d]], true
	case weekend(d):
		out.Kind = KindWeekend
	default:
		out.Kind, out.Working = KindWorkday, true
	}
	return out
}

// Day describes the date of t in Asia/Shanghai.
func (c *Calendar) Day(date time.Time) Day { return c.day(dayNumber(date)) }

// DayOf describes a "YYYY-MM-DD" date; other text is an app.Invalid error.
func (c *Calendar) DayOf(date string) (Day, error) {
	t, err := app.ParseDate(date)
	if err != nil {
		return Day{}, err
	}
	return c.day(dayNumber(t)), nil
}

// Working reports whether the date of t (Asia/Shanghai) is a working date.
func (c *Calendar) Working(date time.Time) bool { return c.working(dayNumber(date)) }

// Published reports whether year has a built-in official schedule or any
// override dated in it. Other years follow the plain Mon–Fri rule.
func (c *Calendar) Published(year int) bool { return c.years[year] }

// Warning returns "" for a published year, else a Chinese warning that the
// year has no published schedule and is treated as a normal Mon–Fri week.
func (c *Calendar) Warning(year int) string {
	if c.Published(year) {
		return ""
	}
	return fmt.Sprintf("%d年的节假日安排尚未发布或未录入，暂按周一至周五为工作日计算，涉及该年的期限可能不准确", year)
}

// FirstYear returns the first year of the built-in official schedules.
func (c *Calendar) FirstYear() int { return c.first }

// LastYear returns the last year of the built-in official schedules.
func (c *Calendar) LastYear() int { return c.last }
