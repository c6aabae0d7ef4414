package evaluation

import (
	"time"

	"govdesk/internal/app"
	"govdesk/internal/workday"
)

// Policy is the rectification time limits in working days (workdays clock).
type Policy struct {
	VerifyDays  float64 // verify and contact the evaluator (核实并联系评价人); default 1
	RectifyDays float64 // rectify (整改); default 15
}

// DefaultPolicy is SPEC §7's default.
var DefaultPolicy = Policy{VerifyDays: 1, RectifyDays: 15}

// Verification results (核实结果).
const (
	Confirmed = "属实"
	Rejected  = "不属实"
)

// Rectification is the follow-up of one 差评.
type Rectification struct {
	ID              int64
	UnitID          int64 // owner unit (责任单位): the evaluation's unit
	UnitName        string
	OpenedAt        time.Time
	VerifyDeadline  time.Time
	RectifyDeadline time.Time
	VerifiedAt      time.Time
	Verification    string // 属实 / 不属实
	Action          string // 整改措施
	Feedback        string // 反馈评价人情况
	RectifiedAt     time.Time
	ClosedAt        time.Time
	ClosedBy        string
	Overdue         bool // flagged by the scheduler
}

// Open returns the rectification a 差评 made at `at` opens, its deadlines on the
// workdays clock of s (the evaluation day is not counted).
func Open(s workday.Schedule, p Policy, at time.Time, unitID int64) *Rectification {
	if p.VerifyDays <= 0 {
		p.VerifyDays = DefaultPolicy.VerifyDays
	}
	if p.RectifyDays <= 0 {
		p.RectifyDays = DefaultPolicy.RectifyDays
	}
	s.Clock = workday.WorkDays
	return &Rectification{UnitID: unitID, OpenedAt: at, VerifyDeadline: s.Deadline(at, p.VerifyDays),
		RectifyDeadline: s.Deadline(at, p.RectifyDays)}
}

// Status is the workflow state a person reads.
func (r *Rectification) Status() string {
	switch {
	case !r.ClosedAt.IsZero():
		return "已办结"
	case !r.RectifiedAt.IsZero():
		return "待中心审核"
	case !r.VerifiedAt.IsZero():
		return "整改中"
	}
	return "待核实"
}

// Rectified reports whether the unit has finished the rectification.
func (r *Rectification) Rectified() bool { return !r.RectifiedAt.IsZero() }

// OnTime reports whether it was rectified by its rectification deadline.
func (r *Rectification) OnTime() bool {
	return r.Rectified() && !r.RectifiedAt.After(r.RectifyDeadline)
}

// Late reports whether, at now, a deadline has passed with its step undone.
func (r *Rectification) Late(now time.Time) bool {
	if !r.ClosedAt.IsZero() {
		return false
	}
	return (r.VerifiedAt.IsZero() && now.After(r.VerifyDeadline)) || (!r.Rectified() && now.After(r.RectifyDeadline))
}

// Verify records the verification result and contact with the evaluator.
func (r *Rectification) Verify(result, note string, now time.Time) error {
	if !r.ClosedAt.IsZero() {
		return app.Errorf(app.EIllegalTransition, "整改已办结，不能再核实")
	}
	if result != Confirmed && result != Rejected {
		return app.Invalid("核实结果应为“属实”或“不属实”")
	}
	r.Verification, r.VerifiedAt = result, now
	if note != "" {
		r.Feedback = note
	}
	return nil
}

// Rectify records the action taken and the feedback given to the evaluator.
func (r *Rectification) Rectify(action, feedback string, now time.Time) error {
	switch {
	case !r.ClosedAt.IsZero():
		return app.Errorf(app.EIllegalTransition, "整改已办结")
	case r.VerifiedAt.IsZero():
		return app.Errorf(app.EIllegalTransition, "请先核实差评")
	case action == "" || feedback == "":
		return app.Invalid("请填写整改措施和反馈情况")
	}
	r.Action, r.Feedback, r.RectifiedAt = action, feedback, now
	return nil
}

// Close ends the rectification; only the centre closes (the caller checks the role).
func (r *Rectification) Close(by string, now time.Time) error {
	switch {
	case !r.ClosedAt.IsZero():
		return app.Errorf(app.EIllegalTransition, "整改已办结")
	case !r.Rectified():
		return app.Errorf(app.EIllegalTransition, "责任单位尚未提交整改结果，不能办结")
	}
	r.ClosedAt, r.ClosedBy = now, by
	return nil
}
