package sheet

import (
	"reflect"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"govdesk/internal/app"
)

func TestParseTime(t *testing.T) {
	cases := map[string]string{
		"2022-03-05 14:30":              "2022-03-05T14:30:00+08:00",
		"2022-03-05 14:30:05":           "2022-03-05T14:30:05+08:00",
		"2022-03-05T14:30:05":           "2022-03-05T14:30:05+08:00",
		"2022-03-05  9:05":              "2022-03-05T09:05:00+08:00",
		"2019/2/28 11:25:05":            "2019-02-28T11:25:05+08:00",
		"2019/2/28 11:25":               "2019-02-28T11:25:00+08:00",
		"2022-03-05":                    "2022-03-05T00:00:00+08:00",
		"2022/3/5":                      "2022-03-05T00:00:00+08:00",
		"2022.3.5":                      "2022-03-05T00:00:00+08:00",
		"2022年3月5日":                     "2022-03-05T00:00:00+08:00",
		"2022年03月05日 8:00":              "2022-03-05T08:00:00+08:00",
		"\n\t2022-03-05 14:30:05\u3000": "2022-03-05T14:30:05+08:00",
		"２０２２－０３－０５　１４：３０":          "2022-03-05T14:30:00+08:00",
		"2022-03-05T06:30:05Z":      "2022-03-05T14:30:05+08:00",
		"2022-03-05T14:30:05+08:00": "2022-03-05T14:30:05+08:00",
		"2022-03-05 14:30:05 +0800": "2022-03-05T14:30:05+08:00",
		"2022-03-05T07:30:05+01":    "2022-03-05T14:30:05+08:00",
		"2024-02-29 23:59:59":       "2024-02-29T23:59:59+08:00",
		// Spreadsheet date serials (1900 system).
		"42894.7300925926": "2017-06-08T17:31:20+08:00",
		"44625":            "2022-03-05T00:00:00+08:00",
		"1":                "1900-01-01T00:00:00+08:00",
		"59":               "1900-02-28T00:00:00+08:00",
		"61":               "1900-03-01T00:00:00+08:00",
		"43831.99999":      "2020-01-01T23:59:59+08:00",
		"43831.999999":     "2020-01-02T00:00:00+08:00",
	}
	for in, want := range cases {
		got, err := ParseTime(in)
		if err != nil {
			t.Errorf("ParseTime(%q): %v", in, err)
			continue
		}
		if s := got.Format(time.RFC3339); s != want {
			t.Errorf("ParseTime(%q) = %s, want %s", in, s, want)
		}
		if got.Location() != app.Shanghai {
			t.Errorf("ParseTime(%q) location = %v", in, got.Location())
		}
	}
	ms, _ := ParseTime("2022-03-05 14:30:05.25")
	if ms.Nanosecond() != 250_000_000 {
		t.Errorf("fraction = %d", ms.Nanosecond())
	}
}

// The serial conversion agrees with excelize's own (which yields UTC wall time).
func TestParseTime_SerialMatchesExcelize(t *testing.T) {
	for _, f := range []float64{1, 59, 61, 25569, 42894.7300925926, 44625.5, 2958465} {
		want, err := excelize.ExcelDateToTime(f, false)
		if err != nil {
			t.Fatal(err)
		}
		got, ok := serialTime(f, false)
		if !ok || got.Format("2006-01-02 15:04:05") != want.Format("2006-01-02 15:04:05") {
			t.Errorf("serial %v = %v, excelize %v", f, got, want)
		}
	}
}

func TestParseTime_Bad(t *testing.T) {
	for _, in := range []string{
		"", "  ", "abc", "2022-13-01", "2022-02-30", "2022-02-29", "2022-03-05 24:00",
		"2022-03-05 12:60", "2022-03-05 12:30:61", "2022-03/05", "22-3-5", "2022年3月",
		"60", "0", "0.5", "3000000", "2022-03-05 14:30 +1500", "2022-03-05Z", "0000-00-00 00:00:00",
		"2022-03-05 14:30:05 北京时间",
	} {
		_, err := ParseTime(in)
		if app.ErrorCode(err) != app.EInvalid {
			t.Errorf("ParseTime(%q) err = %v, want invalid", in, err)
		}
	}
	_, err := ParseTime("2022-13-01")
	if msg := app.ErrorMessage(err); msg == "" || msg[:len("时间格式不正确")] != "时间格式不正确" {
		t.Errorf("message = %q", msg)
	}
}

func TestParseDate(t *testing.T) {
	for in, want := range map[string]string{
		"2022/3/5 23:59:59":    "2022-03-05T00:00:00+08:00",
		"2022年3月5日":            "2022-03-05T00:00:00+08:00",
		"44625.75":             "2022-03-05T00:00:00+08:00",
		"2022-03-05T20:00:00Z": "2022-03-06T00:00:00+08:00",
	} {
		got, err := ParseDate(in)
		if err != nil || got.Format(time.RFC3339) != want {
			t.Errorf("ParseDate(%q) = %v, %v; want %s", in, got, err, want)
		}
	}
	if _, err := ParseDate("3/5"); app.ErrorCode(err) != app.EInvalid {
		t.Errorf("ParseDate(3/5) err = %v", err)
	}
}

func TestParseBool(t *testing.T) {
	for in, want := range map[string]bool{
		"是": true, "否": false, " 是\n": true, "有": true, "无": false, "Y": true, "n": false,
		"YES": true, "no": false, "1": true, "0": false, "TRUE": true, "false": false, "Ｙ": true,
	} {
		got, err := ParseBool(in)
		if err != nil || got != want {
			t.Errorf("ParseBool(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "对", "2", "yes!", "是否"} {
		if _, err := ParseBool(in); app.ErrorCode(err) != app.EInvalid {
			t.Errorf("ParseBool(%q) err = %v, want invalid", in, err)
		}
	}
}

func TestParseNumber(t *testing.T) {
	for in, want := range map[string]float64{
		"1234": 1234, "1,234.50": 1234.5, "1,234.50元": 1234.5, "12 元": 12, "-3.5": -3.5,
		"+7": 7, ".5": 0.5, "0": 0, "1,234,567": 1234567, "¥99.9": 99.9, "￥1,000元": 1000,
		"１２３．４": 123.4, "1.5E-3": 0.0015, "\t 42\n": 42, "3.": 3,
	} {
		got, err := ParseNumber(in)
		if err != nil || got != want {
			t.Errorf("ParseNumber(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "元", "abc", "1,23", "12,34.5", "1.2.3", "NaN", "Inf", "0x10", "1e", "1,234e3", "--1", "1 234", "."} {
		if _, err := ParseNumber(in); app.ErrorCode(err) != app.EInvalid {
			t.Errorf("ParseNumber(%q) err = %v, want invalid", in, err)
		}
	}
}

func TestParseMap(t *testing.T) {
	got, err := ParseMap(" 留言主题 = 诉求标题 ,留言详情＝诉求内容、来电号码=联系电话，区县=所属区县,")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"留言主题": "诉求标题", "留言详情": "诉求内容", "来电号码": "联系电话", "区县": "所属区县"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ParseMap = %v, want %v", got, want)
	}
	if m, err := ParseMap(""); err != nil || len(m) != 0 {
		t.Errorf("ParseMap(\"\") = %v, %v", m, err)
	}
	for _, in := range []string{"留言主题", "留言主题=", "=诉求标题", "a=b=c", "a=b,a=c", "a=x,b=x"} {
		if _, err := ParseMap(in); app.ErrorCode(err) != app.EInvalid {
			t.Errorf("ParseMap(%q) err = %v, want invalid", in, err)
		}
	}
}
