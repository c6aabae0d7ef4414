package evaluation

import (
	"strings"
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

// Rectification is the follow-up of one 差评. Each step keeps its own record:
// 核实 (result, what was found and how the evaluator was contacted, who, when),
// 整改 (action taken, feedback given, who, when) and 办结 (who, when).
type Rectification struct {
	ID              int64
	UnitID          int64 // owner unit (责任单位): the evaluation's unit
	UnitName        string
	OpenedAt        time.Time
	VerifyDeadline  time.Time
	RectifyDeadline time.Time
	VerifiedAt      time.Time
	VerifiedBy      string
	Verification    string // 属实 / 不属实
	VerifyNote      string // 核实情况及联系评价人情况
	Action          string // 整改措施
	Feedback        string // 反馈评价人情况
	RectifiedAt     time.Time
	RectifiedBy     string
	ClosedAt        time.Time
	ClosedBy        string
	Overdue         bool // flagged by the scheduler
	Version         int  // optimistic version, raised by every step
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

// Verified reports whether the owner unit has verified the 差评.
func (r *Rectification) Verified() bool { return !r.VerifiedAt.IsZero() }

// VerifiedOnTime reports whether it was verified by its verification deadline.
func (r *Rectification) VerifiedOnTime() bool {
	return r.Verified() && !r.VerifiedAt.After(r.VerifyDeadline)
}

// Verify records the verification result, what was found and the contact with
// the evaluator, by `by` at now; once only.
func (r *Rectification) Verify(result, note, by string, now time.Time) error {
	result, note = strings.TrimSpace(result), strings.TrimSpace(note)
	switch {
	case !r.ClosedAt.IsZero():
		return app.Errorf(app.EIllegalTransition, "整改已办结，不能再核实").WithDetail("the rectification is closed")
	case r.Verified():
		at := r.VerifiedAt.In(app.Shanghai).Format("2006-01-02 15:04")
		return app.Errorf(app.EIllegalTransition, "差评已于 %s 核实，不能重复核实", at).WithDetail("already verified at %s", at)
	case result != Confirmed && result != Rejected:
		return app.Invalid("核实结果应为“属实”或“不属实”").WithDetail("bad --result %q, want 属实 or 不属实", result)
	case note == "":
		return app.Invalid("请填写核实情况及联系评价人情况").WithDetail("--note (what was found, how the evaluator was contacted) is required")
	}
	r.Verification, r.VerifyNote, r.VerifiedBy, r.VerifiedAt = result, note, by, now
	return nil
}

// Rectify records the action taken and the feedback given to the evaluator, by
// `by` at now; after the verification, once only. The verification's record is kept.
func (r *Rectification) Rectify(action, feedback, by string, now time.Time) error {
	action, feedback = strings.TrimSpace(action), strings.TrimSpace(feedback)
	switch {
	case !r.ClosedAt.IsZero():
		return app.Errorf(app.EIllegalTransition, "整改已办结").WithDetail("the rectification is closed")
	case !r.Verified():
		return app.Errorf(app.EIllegalTransition, "请先核实差评").WithDetail("verify first")
	case r.Rectified():
		return app.Errorf(app.EIllegalTransition, "整改结果已提交，等待服务中心审核办结").WithDetail("already rectified, waiting for the centre to close it")
	case action == "" || feedback == "":
		return app.Invalid("请填写整改措施和反馈情况").WithDetail("--action and --feedback are required")
	}
	r.Action, r.Feedback, r.RectifiedBy, r.RectifiedAt = action, feedback, by, now
	return nil
}

// Close ends the rectification, by `by` at now.
func (r *Rectification) Close(by string, now time.Time) error {
	switch {
	case !r.ClosedAt.IsZero():
		return app.Errorf(app.EIllegalTransition, "整改已办结").WithDetail("the rectification is closed")
	case !r.Rectified():
		return app.Errorf(app.EIllegalTransition, "责任单位尚未提交整改结果，不能办结").WithDetail("the owner unit has not rectified yet")
	}
	r.ClosedAt, r.ClosedBy = now, by
	return nil
}

// Steps of a rectification, as Allow names them.
const (
	StepVerify  = "verify"  // 核实
	StepRectify = "rectify" // 整改
	StepClose   = "close"   // 办结
)

// Allow says whether actor a may do step on r. 核实 and 整改 belong to the owner
// unit: its handlers and unit admins (and the centre's staff when the centre is
// itself the owner unit, for its own windows). 办结 belongs to the centre only:
// its staff and admins. A member unit's people asking about another unit's
// rectification get not_found (they cannot see it); everyone else forbidden.
func Allow(a app.Actor, r *Rectification, step string) error {
	ownUnit := r.UnitID != 0 && a.UnitID == r.UnitID
	switch step {
	case StepVerify, StepRectify:
		switch {
		case ownUnit && a.Is(app.RoleHandler, app.RoleUnitAdmin, app.RoleStaff):
			return nil
		case !seesAll(a):
			return app.NotFound("评价不存在")
		case a.Is(app.RoleStaff, app.RoleAdmin):
			return app.Forbidden("核实和整改由责任单位办理，服务中心负责审核办结").
				WithDetail("verify and rectify are done by the owner unit's handlers and unit admins; the centre closes")
		}
		return app.Forbidden("只有责任单位可以核实和整改差评").WithDetail("verify and rectify are done by the owner unit's handlers and unit admins")
	case StepClose:
		switch {
		case a.Is(app.RoleStaff, app.RoleAdmin):
			return nil
		case !seesAll(a) && !ownUnit:
			return app.NotFound("评价不存在")
		}
		return app.Forbidden("只有服务中心可以办结整改").WithDetail("only the centre's staff and admins close a rectification")
	}
	return app.NotFound("操作不存在")
}

// Who is how a step's record names the actor: the person's name, else the login name.
func Who(a app.Actor) string {
	if a.Name != "" {
		return a.Name
	}
	return a.Username
}
