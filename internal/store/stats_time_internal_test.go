package store

import (
	"testing"
	"time"
)

func TestUnixSeconds(t *testing.T) {
	for _, s := range []string{"2022-03-07 00:30:00+00:00", "2022-03-07 00:30:00.123456+00:00", "2022-03-07 08:30:00.5+08:00",
		"2022-03-06 19:30:00-05:00", "2022-03-07 00:30:00Z", "2024-02-29 23:59:59+00:00", "1969-12-31 23:59:59+00:00",
		"2022-03-07 00:30:00"} {
		want, _ := time.Parse(sqliteTime, s)
		got, err := unixSeconds([]byte(s))
		if s == "2022-03-07 00:30:00" { // no zone: not a stored form
			if err == nil {
				t.Errorf("%q: no error", s)
			}
			continue
		}
		if err != nil || got.Unix() != want.Unix() {
			t.Errorf("%q: %v (%v), want %v", s, got.UTC(), err, want.UTC())
		}
	}
	if got, err := unixSeconds(nil); err != nil || !got.IsZero() {
		t.Errorf("NULL: %v %v", got, err)
	}
	if _, err := unixSeconds([]byte("yesterday")); err == nil {
		t.Error("garbage read without an error")
	}
}
