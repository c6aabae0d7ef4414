package evaluation

import (
	"testing"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/workday"
)

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func schedule(t *testing.T) workday.Schedule {
	cal, err := workday.NewCalendar(nil)
	if err != nil {
		t.Fatal(err)
	}
	// The workhours clock is configured; rectifications still count whole working days.
	return workday.Schedule{Cal: cal, Clock: workday.WorkHours}
}

func TestOpen_DeadlinesAcrossHoliday(t *testing.T) {
	s := schedule(t)
	// A 差评 on the Friday before National Day 2022: 10-01..10-07 are holidays, 10-08 and
	// 10-09 working weekend days. The evaluation day is not counted.
	r := Open(s, DefaultPolicy, at("2022-09-30T15:00:00+08:00"), 7)
	if want := at("2022-10-09T00:00:00+08:00"); !r.VerifyDeadline.Equal(want) {
		t.Errorf("verify deadline %v, want %v", r.VerifyDeadline, want)
	}
	// 15 working dates: 10-08, 10-09, 10-10..14, 10-17..21, 10-24..26.
	if want := at("2022-10-27T00:00:00+08:00"); !r.RectifyDeadline.Equal(want) {
		t.Errorf("rectify deadline %v, want %v", r.RectifyDeadline, want)
	}
	if r.UnitID != 7 {
		t.Errorf("unit %d", r.UnitID)
	}
	// Configured limits: 2 and 5 working days.
	r = Open(s, Policy{VerifyDays: 2, RectifyDays: 5}, at("2022-09-30T15:00:00+08:00"), 7)
	if want := at("2022-10-13T00:00:00+08:00"); !r.RectifyDeadline.Equal(want) {
		t.Errorf("configured rectify deadline %v, want %v", r.RectifyDeadline, want)
	}
	if want := at("2022-10-10T00:00:00+08:00"); !r.VerifyDeadline.Equal(want) {
		t.Errorf("configured verify deadline %v, want %v", r.VerifyDeadline, want)
	}
}

func TestRectification_Workflow(t *testing.T) {
	s := schedule(t)
	open := func() *Rectification { return Open(s, DefaultPolicy, at("2022-09-30T15:00:00+08:00"), 1) }

	t.Run("OnTime", func(t *testing.T) {
		r := open()
		if err := r.Rectify("a", "b", at("2022-10-08T09:00:00+08:00")); app.ErrorCode(err) != app.EIllegalTransition {
			t.Errorf("rectify before verify: %v", err)
		}
		if err := r.Verify("属实", "已电话联系", at("2022-10-08T09:00:00+08:00")); err != nil {
			t.Fatal(err)
		}
		if err := r.Close("staff", at("2022-10-08T10:00:00+08:00")); app.ErrorCode(err) != app.EIllegalTransition {
			t.Errorf("close before rectify: %v", err)
		}
		if err := r.Rectify("", "", at("2022-10-26T23:59:59+08:00")); app.ErrorCode(err) != app.EInvalid {
			t.Errorf("empty action: %v", err)
		}
		if err := r.Rectify("加开窗口", "已回访", at("2022-10-26T23:59:59+08:00")); err != nil {
			t.Fatal(err)
		}
		if !r.OnTime() || r.Status() != "待中心审核" {
			t.Errorf("on time %v, status %s", r.OnTime(), r.Status())
		}
		if err := r.Close("staff", at("2022-10-27T10:00:00+08:00")); err != nil || r.Status() != "已办结" {
			t.Errorf("close: %v %s", err, r.Status())
		}
		if r.Late(at("2023-01-01T00:00:00+08:00")) {
			t.Error("a closed rectification is never late")
		}
	})
	t.Run("Late", func(t *testing.T) {
		r := open()
		if r.Late(at("2022-10-08T23:59:59+08:00")) {
			t.Error("late before the verify deadline")
		}
		if !r.Late(at("2022-10-09T00:00:01+08:00")) {
			t.Error("not late after the verify deadline")
		}
		r.Verify("属实", "", at("2022-10-09T08:00:00+08:00"))
		if r.Late(at("2022-10-26T12:00:00+08:00")) || !r.Late(at("2022-10-27T00:00:01+08:00")) {
			t.Error("rectify deadline not applied")
		}
		r.Rectify("整改", "反馈", at("2022-10-27T09:00:00+08:00"))
		if r.OnTime() {
			t.Error("rectified after the deadline counted on time")
		}
	})
	t.Run("BadVerification", func(t *testing.T) {
		if err := open().Verify("也许", "", at("2022-10-08T09:00:00+08:00")); app.ErrorCode(err) != app.EInvalid {
			t.Errorf("got %v", err)
		}
	})
}

func TestLevels(t *testing.T) {
	for s, want := range map[string]int{"非常满意": 5, "满意": 4, "基本满意": 3, "不满意": 2, "非常不满意": 1, "3": 3} {
		if got, ok := ParseLevel(s); !ok || got != want {
			t.Errorf("%s = %d", s, got)
		}
	}
	if _, ok := ParseLevel("6"); ok {
		t.Error("6 accepted")
	}
	if !IsBad(2) || !IsBad(1) || IsBad(3) || !IsGood(4) || IsGood(3) {
		t.Error("good/bad classes")
	}
}
