package app

import "testing"

func TestParsePage(t *testing.T) {
	for _, c := range []struct {
		page, per string
		want      Page
		bad       bool
	}{
		{"", "", Page{1, 20}, false},
		{"3", "50", Page{3, 50}, false},
		{"9223372036854775807", "", Page{MaxPage, 20}, false},
		{"99999999999999999999999", "", Page{MaxPage, 20}, false},
		{"2", "100000", Page{2, MaxPerPage}, false},
		{"-5", "", Page{1, 20}, true},
		{"0", "", Page{1, 20}, true},
		{"abc", "", Page{1, 20}, true},
		{"1", "-1", Page{1, 20}, true},
	} {
		got, err := ParsePage(c.page, c.per, 20)
		if got != c.want || (err != nil) != c.bad {
			t.Errorf("ParsePage(%q, %q) = %+v, %v; want %+v, bad %v", c.page, c.per, got, err, c.want, c.bad)
		}
		if err != nil && (ErrorCode(err) != EInvalid || ErrorMessage(err) == "") {
			t.Errorf("ParsePage(%q, %q): error %v is not invalid with a Chinese message", c.page, c.per, err)
		}
		if off := got.Offset(); off < 0 || off > MaxPage*MaxPerPage {
			t.Errorf("ParsePage(%q, %q): offset %d", c.page, c.per, off)
		}
	}
	if off := (Page{Page: 1 << 62, PerPage: 1 << 20}).Offset(); off < 0 || off > MaxPage*MaxPerPage {
		t.Errorf("an unnormalised page's offset is %d", off)
	}
}
