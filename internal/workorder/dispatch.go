// Dispatch (派单), sign-for (签收) and return (退单).

package workorder

import (
	"context"
	"strconv"
	"strings"
	"time"

	"govdesk/internal/app"
)

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

// DispatchInput is the input of a dispatch.
type DispatchInput struct {
	UnitCode string
	CoUnits  []string
	Final    bool // 指定主办
}

// Dispatch sends the order to a unit.
func (s *Service) Dispatch(ctx context.Context, id int64, version int, in DispatchInput) (Order, error) {
	unit, err := s.Directory.UnitRef(ctx, strings.TrimSpace(in.UnitCode))
	if err != nil {
		return Order{}, err
	}
	var co []UnitRef
	for _, c := range in.CoUnits {
		if c = strings.TrimSpace(c); c == "" || c == unit.Code {
			continue
		}
		u, err := s.Directory.UnitRef(ctx, c)
		if err != nil {
			return Order{}, err
		}
		co = append(co, u)
	}
	return s.apply(ctx, id, version, func(o *Order, env Env) (Change, error) {
		var codes []string
		for _, u := range co {
			codes = append(codes, u.Code)
		}
		ev, err := Dispatch(o, env, unit, codes, in.Final)
		if err != nil {
			return Change{}, err
		}
		c := Change{Event: ev, Notices: []Notice{unitNotice(NoticeDispatch, o, env, "新派工单")}}
		for _, u := range co {
			n := unitNotice(NoticeDispatch, o, env, "协办工单")
			n.UnitID = u.ID
			c.Notices = append(c.Notices, n)
		}
		return c, nil
	})
}

// Accept signs for the order.
func (s *Service) Accept(ctx context.Context, id int64, version int) (Order, error) {
	return s.apply(ctx, id, version, func(o *Order, env Env) (Change, error) { return only(Accept(o, env)) })
}

// Return sends the order back to the dispatchers.
func (s *Service) Return(ctx context.Context, id int64, version int, reason string) (Order, error) {
	return s.apply(ctx, id, version, func(o *Order, env Env) (Change, error) {
		unit := o.UnitCode
		ev, err := Return(o, env, reason)
		if err != nil {
			return Change{}, err
		}
		return Change{Event: ev, Notices: []Notice{roleNotice(NoticeReturn, o, env, app.RoleDispatcher, "退单（"+unit+"）")}}, nil
	})
}
