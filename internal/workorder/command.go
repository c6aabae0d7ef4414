package workorder

import (
	"strconv"
	"strings"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/workday"
)

// Command names, as events and the API call them (SPEC §4.4).
const (
	CmdCreate    = "create"
	CmdResolve   = "resolve"
	CmdDispatch  = "dispatch"
	CmdAccept    = "accept"
	CmdReturn    = "return"
	CmdExtension = "extension"
	CmdDecide    = "extension/decide"
	CmdReply     = "reply"
	CmdReview    = "review"
	CmdCallback  = "callback"
	CmdRemind    = "remind"
	CmdSupervise = "supervise"
	CmdDuplicate = "duplicate"
	CmdImport    = "import"
)

// CommandNames gives each command's Chinese name.
var CommandNames = map[string]string{
	CmdCreate: "受理", CmdResolve: "直接办结", CmdDispatch: "派单", CmdAccept: "签收", CmdReturn: "退单",
	CmdExtension: "申请延期", CmdDecide: "审批延期", CmdReply: "答复", CmdReview: "审核", CmdCallback: "回访",
	CmdRemind: "催办", CmdSupervise: "督办", CmdDuplicate: "标记重复件", CmdImport: "导入",
}

// rule says who may run a command and from which states.
type rule struct {
	roles []string
	from  []Status // nil: any open state
	unit  bool     // the actor must belong to the order's current unit
}

var (
	unitRoles = []string{app.RoleHandler, app.RoleUnitAdmin}
	rules     = map[string]rule{
		CmdResolve:   {roles: []string{app.RoleOperator}, from: []Status{Received}},
		CmdDispatch:  {roles: []string{app.RoleDispatcher}, from: []Status{Received}},
		CmdAccept:    {roles: unitRoles, from: []Status{Dispatched}, unit: true},
		CmdReturn:    {roles: unitRoles, from: []Status{Dispatched, Accepted}, unit: true},
		CmdExtension: {roles: unitRoles, from: []Status{Accepted}, unit: true},
		CmdDecide:    {roles: []string{app.RoleDispatcher}, from: []Status{Accepted}},
		CmdReply:     {roles: unitRoles, from: []Status{Accepted}, unit: true},
		CmdReview:    {roles: []string{app.RoleDispatcher}, from: []Status{Replied}},
		CmdCallback:  {roles: []string{app.RoleOperator}, from: []Status{Callback}},
		CmdRemind:    {roles: []string{app.RoleDispatcher, app.RoleLeader}},
		CmdSupervise: {roles: []string{app.RoleLeader}},
		CmdDuplicate: {roles: []string{app.RoleDispatcher}, from: []Status{Received}},
	}
)

// Env is what a command needs besides the order: who acts, when, and the rules in
// force (the SLA policy of the order's receipt time and the working-day schedule).
type Env struct {
	Actor               app.Actor
	Now                 time.Time
	Policy              Policy
	Schedule            workday.Schedule
	ReviewClosesConsult bool // an approved reply to a 咨询 closes the order at once
}

// check applies the rule of cmd: forbidden for a role that may not act, illegal_transition
// for a state it may not act from.
func check(o *Order, cmd string, env Env) error {
	r := rules[cmd]
	if !env.Actor.Is(r.roles...) {
		return app.Forbidden("当前角色（%s）不能执行“%s”", app.RoleNames[env.Actor.Role], CommandNames[cmd])
	}
	if r.unit && env.Actor.UnitID != o.UnitID {
		return app.NotFound("工单不存在")
	}
	ok := r.from == nil && o.Open()
	for _, s := range r.from {
		ok = ok || o.Status == s
	}
	if !ok {
		return &app.Error{Code: app.EIllegalTransition,
			Message: "工单当前状态为“" + StatusNames[o.Status] + "”，不能执行“" + CommandNames[cmd] + "”",
			Detail:  "illegal transition " + cmd + " from " + string(o.Status)}
	}
	return nil
}

// event starts the event of a command applied now.
func event(o *Order, cmd string, env Env, note string) Event {
	return Event{OrderID: o.ID, Action: cmd, At: env.Now, Actor: env.Actor.Username, From: o.Status, Note: note, Data: map[string]string{}}
}

func required(v, what string) error {
	if strings.TrimSpace(v) == "" {
		return app.Invalid("%s不能为空", what)
	}
	return nil
}

func fmtDays(d float64) string { return strconv.FormatFloat(d, 'f', -1, 64) }

// Resolve closes a 咨询 or 表扬 at intake with the answer given (直接办结), recording
// the knowledge-base article used.
func Resolve(o *Order, env Env, answer string, kbArticleID int64) (Event, error) {
	if err := check(o, CmdResolve, env); err != nil {
		return Event{}, err
	}
	if o.Type != "咨询" && o.Type != "表扬" {
		return Event{}, &app.Error{Code: app.EIllegalTransition, Message: "只有咨询和表扬类工单可以直接办结"}
	}
	if err := required(answer, "答复内容"); err != nil {
		return Event{}, err
	}
	ev := event(o, CmdResolve, env, answer)
	o.ReplyText, o.RepliedAt, o.KBArticleID, o.FirstCallResolved = answer, env.Now, kbArticleID, true
	o.close(env.Now, CloseIntake)
	if kbArticleID > 0 {
		ev.Data["kb_article_id"] = strconv.FormatInt(kbArticleID, 10)
	}
	ev.To = o.Status
	return ev, nil
}

func (o *Order) close(now time.Time, reason string) {
	o.Status, o.ClosedAt, o.CloseReason = Closed, now, reason
	o.ExtPendingDays, o.ExtPendingReason = 0, ""
}

// UnitRef names the unit a dispatch sends an order to.
type UnitRef struct {
	ID   int64
	Code string
	Name string
}

// Dispatch sends an order to a unit (派单), with optional co-handling units. The
// deadline is the limit of the policy in force at receipt, counted from now. After
// the policy's number of returns only a final assignment (指定主办) is allowed, and
// a final assignment cannot be returned.
func Dispatch(o *Order, env Env, unit UnitRef, coUnits []string, final bool) (Event, error) {
	if err := check(o, CmdDispatch, env); err != nil {
		return Event{}, err
	}
	if unit.ID == 0 {
		return Event{}, app.Invalid("请选择承办单位")
	}
	if o.Returns >= env.Policy.MaxReturns && !final {
		return Event{}, &app.Error{Code: app.EIllegalTransition,
			Message: "该工单已退单 " + strconv.Itoa(o.Returns) + " 次，只能指定主办单位（指定后不可再退单）"}
	}
	ev := event(o, CmdDispatch, env, "")
	o.UnitID, o.UnitCode, o.UnitName, o.CoUnits, o.FinalAssigned = unit.ID, unit.Code, unit.Name, coUnits, final
	o.startClock(env, env.Policy.Limit(o.Type, o.Urgent))
	o.SignDeadlineAt = env.Schedule.DeadlineHours(env.Now, env.Policy.SignForHours)
	o.AcceptedAt, o.SignLate = time.Time{}, false
	o.Status = Dispatched
	ev.To, ev.Data["unit"], ev.Data["limit_days"] = o.Status, unit.Code, fmtDays(o.LimitDays)
	if len(coUnits) > 0 {
		ev.Data["co_units"] = strings.Join(coUnits, ",")
	}
	if final {
		ev.Data["final"] = "true"
		ev.Note = "指定主办"
	}
	return ev, nil
}

// startClock starts a new limit of days counted from now.
func (o *Order) startClock(env Env, days float64) {
	if o.FirstDispatchedAt.IsZero() {
		o.FirstDispatchedAt = env.Now
	}
	o.DispatchedAt, o.LimitDays = env.Now, days
	o.DeadlineAt = env.Schedule.Deadline(env.Now, days)
}

// Accept signs for a dispatched order (签收); a sign-for past its limit is recorded as late.
func Accept(o *Order, env Env) (Event, error) {
	if err := check(o, CmdAccept, env); err != nil {
		return Event{}, err
	}
	ev := event(o, CmdAccept, env, "")
	o.AcceptedAt, o.SignLate = env.Now, env.Now.After(o.SignDeadlineAt)
	o.Status = Accepted
	ev.To = o.Status
	if o.SignLate {
		ev.Data["late"] = "true"
		ev.Note = "超时签收"
	}
	return ev, nil
}

// Return sends an order back to the dispatcher's pool (退单) with a reason.
func Return(o *Order, env Env, reason string) (Event, error) {
	if err := check(o, CmdReturn, env); err != nil {
		return Event{}, err
	}
	if err := required(reason, "退单理由"); err != nil {
		return Event{}, err
	}
	if o.FinalAssigned {
		return Event{}, &app.Error{Code: app.EIllegalTransition, Message: "该工单已指定主办，不能退单"}
	}
	ev := event(o, CmdReturn, env, reason)
	ev.Data["unit"] = o.UnitCode
	o.Returns++
	o.UnitID, o.UnitCode, o.UnitName, o.CoUnits = 0, "", "", nil
	o.DispatchedAt, o.DeadlineAt, o.SignDeadlineAt, o.LimitDays, o.AcceptedAt = time.Time{}, time.Time{}, time.Time{}, 0, time.Time{}
	o.ExtPendingDays, o.ExtPendingReason = 0, ""
	o.Status = Received
	ev.To = o.Status
	return ev, nil
}
