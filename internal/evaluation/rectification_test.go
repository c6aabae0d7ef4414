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
		if err := r.Rectify("a", "b", "h1", at("2022-10-08T09:00:00+08:00")); app.ErrorCode(err) != app.EIllegalTransition {
			t.Errorf("rectify before verify: %v", err)
		}
		if err := r.Verify("属实", "", "h1", at("2022-10-08T09:00:00+08:00")); app.ErrorCode(err) != app.EInvalid {
			t.Errorf("verified without a note: %v", err)
		}
		if err := r.Verify("属实", "已电话联系评价人", "h1", at("2022-10-08T09:00:00+08:00")); err != nil {
			t.Fatal(err)
		}
		if err := r.Verify("不属实", "改了主意", "h1", at("2022-10-08T10:00:00+08:00")); app.ErrorCode(err) != app.EIllegalTransition {
			t.Errorf("verified twice: %v", err)
		}
		if err := r.Close("staff", at("2022-10-08T10:00:00+08:00")); app.ErrorCode(err) != app.EIllegalTransition {
			t.Errorf("close before rectify: %v", err)
		}
		if err := r.Rectify("", "", "h1", at("2022-10-26T23:59:59+08:00")); app.ErrorCode(err) != app.EInvalid {
			t.Errorf("empty action: %v", err)
		}
		if err := r.Rectify("加开窗口", "已回访", "h2", at("2022-10-26T23:59:59+08:00")); err != nil {
			t.Fatal(err)
		}
		// The 核实 record survives the 整改 step: each step keeps its own.
		if r.VerifyNote != "已电话联系评价人" || r.VerifiedBy != "h1" || r.Verification != "属实" || r.Feedback != "已回访" || r.RectifiedBy != "h2" {
			t.Errorf("records after rectify: %+v", r)
		}
		if err := r.Rectify("再改", "再访", "h2", at("2022-10-26T23:59:59+08:00")); app.ErrorCode(err) != app.EIllegalTransition {
			t.Errorf("rectified twice: %v", err)
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
		r.Verify("属实", "已联系", "h1", at("2022-10-09T08:00:00+08:00"))
		if r.Late(at("2022-10-26T12:00:00+08:00")) || !r.Late(at("2022-10-27T00:00:01+08:00")) {
			t.Error("rectify deadline not applied")
		}
		r.Rectify("整改", "反馈", "h1", at("2022-10-27T09:00:00+08:00"))
		if r.OnTime() {
			t.Error("rectified after the deadline counted on time")
		}
	})
	t.Run("BadVerification", func(t *testing.T) {
		if err := open().Verify("也许", "已联系", "h1", at("2022-10-08T09:00:00+08:00")); app.ErrorCode(err) != app.EInvalid {
			t.Errorf("got %v", err)
		}
	})
}

// Each step is done by the role it belongs to: the owner unit verifies and
// rectifies, the centre closes; another unit does not even see it.
func TestAllow(t *testing.T) {
	r := &Rectification{UnitID: 7}
	centre := &Rectification{UnitID: 1} // a 差评 of the centre's own window
	actor := func(role string, unit int64) app.Actor { return app.Actor{Role: role, UnitID: unit} }
	for _, c := range []struct {
		who    string
		a      app.Actor
		r      *Rectification
		step   string
		wantOK string // error code, "" = allowed
	}{
		{"owner handler verifies", actor(app.RoleHandler, 7), r, StepVerify, ""},
		{"owner unit admin rectifies", actor(app.RoleUnitAdmin, 7), r, StepRectify, ""},
		{"owner handler closes", actor(app.RoleHandler, 7), r, StepClose, app.EForbidden},
		{"other unit's handler verifies", actor(app.RoleHandler, 8), r, StepVerify, app.ENotFound},
		{"other unit's admin closes", actor(app.RoleUnitAdmin, 8), r, StepClose, app.ENotFound},
		{"centre staff verifies", actor(app.RoleStaff, 1), r, StepVerify, app.EForbidden},
		{"centre staff rectifies", actor(app.RoleStaff, 1), r, StepRectify, app.EForbidden},
		{"admin rectifies", actor(app.RoleAdmin, 1), r, StepRectify, app.EForbidden},
		{"centre staff closes", actor(app.RoleStaff, 1), r, StepClose, ""},
		{"admin closes", actor(app.RoleAdmin, 0), r, StepClose, ""},
		{"leader closes", actor(app.RoleLeader, 1), r, StepClose, app.EForbidden},
		{"dispatcher rectifies", actor(app.RoleDispatcher, 2), r, StepRectify, app.EForbidden},
		{"centre staff rectifies the centre's own", actor(app.RoleStaff, 1), centre, StepRectify, ""},
		{"unknown step", actor(app.RoleStaff, 1), r, "reopen", app.ENotFound},
	} {
		if got := app.ErrorCode(Allow(c.a, c.r, c.step)); got != c.wantOK {
			t.Errorf("%s: %q, want %q", c.who, got, c.wantOK)
		}
	}
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
