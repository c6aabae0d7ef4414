// Extensions (延期): a unit asks for more working days, a dispatcher decides.

package workorder

import (
	"context"
	"strconv"

	"govdesk/internal/app"
)

// RequestExtension asks for extra working days (申请延期); it stays pending until decided.
func RequestExtension(o *Order, env Env, days float64, reason string) (Event, error) {
	if err := check(o, CmdExtension, env); err != nil {
		return Event{}, err
	}
	if err := required(reason, "延期理由"); err != nil {
		return Event{}, err
	}
	switch {
	case days <= 0:
		return Event{}, app.Invalid("延期天数应大于 0")
	case env.Policy.MaxExtensionDays > 0 && days > env.Policy.MaxExtensionDays:
		return Event{}, app.Invalid("单次延期不能超过 %s 个工作日", fmtDays(env.Policy.MaxExtensionDays))
	case o.ExtPendingDays > 0:
		return Event{}, &app.Error{Code: app.EIllegalTransition, Message: "已有待审批的延期申请"}
	case o.Extensions >= env.Policy.MaxExtensions:
		return Event{}, &app.Error{Code: app.EIllegalTransition, Message: "延期次数已达上限（" + strconv.Itoa(env.Policy.MaxExtensions) + " 次）"}
	}
	ev := event(o, CmdExtension, env, reason)
	o.ExtPendingDays, o.ExtPendingReason = days, reason
	ev.To, ev.Data["days"] = o.Status, fmtDays(days)
	return ev, nil
}

// DecideExtension approves or rejects the pending extension (审批延期). Approved, the
// deadline moves by the extra working days counted from the old deadline.
func DecideExtension(o *Order, env Env, approve bool, note string) (Event, error) {
	if err := check(o, CmdDecide, env); err != nil {
		return Event{}, err
	}
	if o.ExtPendingDays <= 0 {
		return Event{}, &app.Error{Code: app.EIllegalTransition, Message: "没有待审批的延期申请"}
	}
	ev := event(o, CmdDecide, env, note)
	ev.Data["days"], ev.Data["approve"] = fmtDays(o.ExtPendingDays), strconv.FormatBool(approve)
	if approve {
		o.DeadlineAt = env.Schedule.Deadline(o.DeadlineAt, o.ExtPendingDays)
		o.LimitDays += o.ExtPendingDays
		o.Extensions++
	} else if err := required(note, "不同意延期的理由"); err != nil {
		return Event{}, err
	}
	o.ExtPendingDays, o.ExtPendingReason = 0, ""
	ev.To = o.Status
	return ev, nil
}

// RequestExtension asks for extra working days.
func (s *Service) RequestExtension(ctx context.Context, id int64, version int, days float64, reason string) (Order, error) {
	return s.apply(ctx, id, version, func(o *Order, env Env) (Change, error) {
		ev, err := RequestExtension(o, env, days, reason)
		if err != nil {
			return Change{}, err
		}
		return Change{Event: ev, Notices: []Notice{roleNotice(NoticeExtension, o, env, app.RoleDispatcher, "延期申请")}}, nil
	})
}

// DecideExtension approves or rejects the pending extension.
func (s *Service) DecideExtension(ctx context.Context, id int64, version int, approve bool, note string) (Order, error) {
	return s.apply(ctx, id, version, func(o *Order, env Env) (Change, error) {
		ev, err := DecideExtension(o, env, approve, note)
		if err != nil {
			return Change{}, err
		}
		title := "延期申请未获同意"
		if approve {
			title = "延期申请已同意"
		}
		return Change{Event: ev, Notices: []Notice{unitNotice(NoticeExtension, o, env, title)}}, nil
	})
}
