package workorder

import (
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

// Reply records the unit's answer (答复) for review.
func Reply(o *Order, env Env, text string) (Event, error) {
	if err := check(o, CmdReply, env); err != nil {
		return Event{}, err
	}
	if err := required(text, "答复内容"); err != nil {
		return Event{}, err
	}
	ev := event(o, CmdReply, env, text)
	o.ReplyText, o.RepliedAt, o.ReplyApproved = text, env.Now, false
	o.ExtPendingDays, o.ExtPendingReason = 0, ""
	o.Status = Replied
	ev.To = o.Status
	return ev, nil
}

// Review approves the reply (to callback, or closed at once for a 咨询 when the setting
// says so) or rejects it back to the unit with a reason (审核).
func Review(o *Order, env Env, approve bool, reason string) (Event, error) {
	if err := check(o, CmdReview, env); err != nil {
		return Event{}, err
	}
	ev := event(o, CmdReview, env, reason)
	ev.Data["approve"] = strconv.FormatBool(approve)
	if approve {
		o.ReplyApproved = true
		if o.Type == "咨询" && env.ReviewClosesConsult {
			o.close(env.Now, CloseReview)
		} else {
			o.Status = Callback
		}
	} else {
		if err := required(reason, "退回理由"); err != nil {
			return Event{}, err
		}
		o.RepliedAt, o.ReplyApproved = zeroTime, false
		o.Status = Accepted
	}
	ev.To = o.Status
	return ev, nil
}

// RecordCallback records the citizen's verdict (回访). 满意/基本满意, or 不满意 but
// resolved, closes the order; 不满意 and unresolved reopens it with the policy's reopen
// limit; unreachable twice closes it as 无法回访. Whether the problem was resolved
// (resolved) must be answered for a verdict and is not asked when the citizen could
// not be reached: nobody was there to say.
func RecordCallback(o *Order, env Env, result string, resolved *bool, note string) (Event, error) {
	if err := check(o, CmdCallback, env); err != nil {
		return Event{}, err
	}
	valid := false
	for _, r := range CallbackResults {
		valid = valid || r == result
	}
	if !valid {
		return Event{}, app.Invalid("回访结果应为：满意、基本满意、不满意或无法回访")
	}
	if result != Unreachable && resolved == nil {
		return Event{}, app.Invalid("请选择问题是否已解决")
	}
	if err := required(note, "回访情况说明"); err != nil {
		return Event{}, err
	}
	ev := event(o, CmdCallback, env, note)
	ev.Data["result"] = result
	o.CallbackNote = note
	if result == Unreachable {
		o.CallbackTries++
		if o.CallbackTries >= 2 {
			o.CallbackResult, o.CallbackResolved = Unreachable, false
			o.close(env.Now, CloseNoContact)
		}
		ev.To = o.Status
		return ev, nil
	}
	ev.Data["resolved"] = strconv.FormatBool(*resolved)
	switch {
	case result == Unsatisfied && !*resolved:
		o.CallbackResult, o.CallbackResolved = result, false
		o.Reopens++
		o.startClock(env, env.Policy.ReopenDays)
		o.RepliedAt, o.ReplyApproved = zeroTime, false
		o.Status = Accepted
		ev.Note = note + "（不满意，重新办理）"
	default:
		o.CallbackResult, o.CallbackResolved = result, *resolved
		o.close(env.Now, CloseCallback)
	}
	ev.To = o.Status
	return ev, nil
}

// Remind urges the unit (催办).
func Remind(o *Order, env Env, note string) (Event, error) {
	if err := check(o, CmdRemind, env); err != nil {
		return Event{}, err
	}
	ev := event(o, CmdRemind, env, note)
	o.Reminders++
	ev.To = o.Status
	return ev, nil
}

// Supervise puts an order under formal supervision (督办) until it closes.
func Supervise(o *Order, env Env, note string) (Event, error) {
	if err := check(o, CmdSupervise, env); err != nil {
		return Event{}, err
	}
	if o.Supervised {
		return Event{}, &app.Error{Code: app.EIllegalTransition, Message: "该工单已在督办中"}
	}
	ev := event(o, CmdSupervise, env, note)
	o.Supervised = true
	ev.To = o.Status
	return ev, nil
}

// MarkDuplicate closes a new order as a duplicate (重复件) of an open original.
func MarkDuplicate(o *Order, env Env, original *Order) (Event, error) {
	if err := check(o, CmdDuplicate, env); err != nil {
		return Event{}, err
	}
	switch {
	case original.ID == o.ID:
		return Event{}, app.Invalid("工单不能标记为自身的重复件")
	case !original.Open():
		return Event{}, app.Invalid("原工单 %s 已办结，不能作为重复件的原件", original.No)
	case original.DuplicateOf != 0:
		return Event{}, app.Invalid("工单 %s 本身是重复件，请关联到原件", original.No)
	}
	ev := event(o, CmdDuplicate, env, "重复件，原工单 "+original.No)
	o.DuplicateOf = original.ID
	o.close(env.Now, CloseDuplicate)
	ev.To, ev.Data["of"] = o.Status, original.No
	return ev, nil
}
