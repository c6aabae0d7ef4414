// The order's state machine: the commands, who may run each from which states (rules),
// the environment a transition runs in, and how the service applies one under an
// optimistic version. The transitions themselves are in intake, dispatch, extension,
// reply_review, callback and supervision.

package workorder

import (
	"context"
	"strconv"
	"strings"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/privacy"
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

func (o *Order) close(now time.Time, reason string) {
	o.Status, o.ClosedAt, o.CloseReason = Closed, now, reason
	o.ExtPendingDays, o.ExtPendingReason = 0, ""
}

// startClock starts a new limit of days counted from now.
func (o *Order) startClock(env Env, days float64) {
	if o.FirstDispatchedAt.IsZero() {
		o.FirstDispatchedAt = env.Now
	}
	o.DispatchedAt, o.LimitDays = env.Now, days
	o.DeadlineAt = env.Schedule.Deadline(env.Now, days)
}

// apply runs a command on an order under an optimistic version: it loads the order,
// refuses an actor who may not see it (not_found), then a stale version (conflict),
// builds the command's environment, runs rule, and stores the change with its
// notices. Visibility comes first, so another unit's order answers exactly as a
// missing one whatever version is sent.
func (s *Service) apply(ctx context.Context, id int64, version int, rule func(o *Order, env Env) (Change, error)) (Order, error) {
	a, err := app.RequireActor(ctx)
	if err != nil {
		return Order{}, err
	}
	o, err := s.Store.UpdateOrder(ctx, id, 0, func(o *Order) (Change, error) {
		if !visible(a, o) {
			return Change{}, app.NotFound("工单不存在")
		}
		if version > 0 && version != o.Version {
			return Change{}, (&app.Error{Code: app.EConflict, Message: "工单已被他人修改，请刷新后重试"}).
				WithDetail("stale version %d, current %d", version, o.Version)
		}
		env, err := s.env(ctx, o)
		if err != nil {
			return Change{}, err
		}
		return rule(o, env)
	})
	if err != nil {
		return Order{}, err
	}
	// The result carries the full phone to the roles that read it, so it is a read.
	return s.presentOne(ctx, a, o)
}

func only(ev Event, err error) (Change, error) { return Change{Event: ev}, err }

func unitNotice(kind string, o *Order, env Env, title string) Notice {
	return Notice{Kind: kind, OrderID: o.ID, UnitID: o.UnitID, Title: noticeTitle(title, o), CreatedAt: env.Now}
}

func roleNotice(kind string, o *Order, env Env, role, title string) Notice {
	return Notice{Kind: kind, OrderID: o.ID, Role: role, Title: noticeTitle(title, o), CreatedAt: env.Now}
}

// noticeTitle is "WHAT：number title" as every reader of a notice may see it.
func noticeTitle(what string, o *Order) string {
	return what + "：" + o.No + " " + noticeText(o, o.Title)
}

// noticeText is a text of o as a notice carries it: a notice goes to whole units and
// roles, so personal data in it is masked when it is written (PresentNotice masks it
// again on reading), and an anonymous citizen's name is masked too.
func noticeText(o *Order, s string) string {
	s = privacy.Mask(s)
	if o.Anonymous {
		s = privacy.MaskName(s, o.CitizenName)
	}
	return s
}
