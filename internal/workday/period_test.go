package workday

import (
	"strings"
	"testing"

	"govdesk/internal/app"
)

func TestParsePeriods(t *testing.T) {
	for in, want := range map[string]string{
		"08:30-12:00,14:30-17:30":      "08:30-12:00,14:30-17:30",
		" 8:30 - 12:00 ， 14:30－17:30 ": "08:30-12:00,14:30-17:30",
		"00:00-24:00":                  "00:00-24:00",
		"09:00-12:00,12:00-13:00":      "09:00-12:00,12:00-13:00",
	} {
		ps, err := ParsePeriods(in)
		if err != nil || FormatPeriods(ps) != want {
			t.Errorf("ParsePeriods(%q) = %v, %v; want %s", in, ps, err, want)
		}
	}
	if got := FormatPeriods(DefaultPeriods); got != "08:30-12:00,14:30-17:30" || periodSeconds(DefaultPeriods) != 390*60 {
		t.Errorf("DefaultPeriods = %s", got)
	}
}

func TestParsePeriodsErrors(t *testing.T) {
	for in, want := range map[string][]string{
		"":                        {"未填写"},
		"08:30":                   {"第1段", "格式错误"},
		"12:00-08:30":             {"第1段", "晚于"},
		"08:30-08:30":             {"第1段", "晚于"},
		"08:30-12:00,11:00-13:00": {"第2段", "重叠"},
		"14:30-17:30,08:30-12:00": {"第2段", "重叠或顺序颠倒"},
		"25:00-26:00,08:60-09:00": {"第1段", "第2段", "共2处"},
		"8-9":                     {"第1段", "时间错误"},
		"08:30-12:00,":            {"第2段"},
		"24:00-24:30":             {"时间错误"},
	} {
		ps, err := ParsePeriods(in)
		msg := app.ErrorMessage(err)
		if ps != nil || app.ErrorCode(err) != app.EInvalid {
			t.Errorf("ParsePeriods(%q) = %v, %v", in, ps, err)
			continue
		}
		for _, w := range want {
			if !strings.Contains(msg, w) {
				t.Errorf("ParsePeriods(%q) message %q lacks %q", in, msg, w)
			}
		}
	}
}
