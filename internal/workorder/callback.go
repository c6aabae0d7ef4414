// The callback to the citizen (回访) that closes an order.

package workorder

import (
	"context"
	"strconv"

	"govdesk/internal/app"
)

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

// Callback records the callback's result; resolved is nil when not answered, which
// only 无法回访 allows (RecordCallback).
func (s *Service) Callback(ctx context.Context, id int64, version int, result string, resolved *bool, note string) (Order, error) {
	return s.apply(ctx, id, version, func(o *Order, env Env) (Change, error) {
		ev, err := RecordCallback(o, env, result, resolved, note)
		if err != nil || o.Status != Accepted {
			return Change{Event: ev}, err
		}
		return Change{Event: ev, Notices: []Notice{unitNotice(NoticeReopen, o, env, "群众不满意，工单重办")}}, nil
	})
}
