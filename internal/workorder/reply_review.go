// The unit's reply (答复) and the centre's review of it (审核).

package workorder

import (
	"context"
	"strconv"
)

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

// Reply records the unit's answer.
func (s *Service) Reply(ctx context.Context, id int64, version int, text string) (Order, error) {
	return s.apply(ctx, id, version, func(o *Order, env Env) (Change, error) { return only(Reply(o, env, text)) })
}

// Review approves or rejects the reply.
func (s *Service) Review(ctx context.Context, id int64, version int, approve bool, reason string) (Order, error) {
	return s.apply(ctx, id, version, func(o *Order, env Env) (Change, error) {
		ev, err := Review(o, env, approve, reason)
		if err != nil || approve {
			return Change{Event: ev}, err
		}
		return Change{Event: ev, Notices: []Notice{unitNotice(NoticeReview, o, env, "答复被退回")}}, nil
	})
}
