// Intake decisions on a received order: resolved at once with an answer (直接办结),
// or marked a duplicate of an earlier order (重复件). Creation is in create.go.

package workorder

import (
	"context"
	"strconv"
	"strings"

	"govdesk/internal/app"
)

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

// Resolve closes a 咨询/表扬 at intake with the answer and the article used; the
// article, when given, must be citable now (CheckArticle).
func (s *Service) Resolve(ctx context.Context, id int64, version int, answer string, kbArticleID int64) (Order, error) {
	if kbArticleID != 0 {
		if err := s.CheckArticle(ctx, kbArticleID); err != nil {
			return Order{}, err
		}
	}
	return s.apply(ctx, id, version, func(o *Order, env Env) (Change, error) { return only(Resolve(o, env, answer, kbArticleID)) })
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

// MarkDuplicate closes the order as a duplicate of another (by id or number).
func (s *Service) MarkDuplicate(ctx context.Context, id int64, version int, of string) (Order, error) {
	of = strings.TrimSpace(of)
	if of == "" {
		return Order{}, app.Invalid("请指定原工单")
	}
	orig, err := s.Store.FindOrderByNo(ctx, of)
	if app.ErrorCode(err) == app.ENotFound {
		if n, perr := strconv.ParseInt(of, 10, 64); perr == nil {
			orig, err = s.Store.FindOrderByID(ctx, n)
		}
	}
	if app.ErrorCode(err) == app.ENotFound {
		return Order{}, app.Invalid("原工单 %s 不存在", of)
	} else if err != nil {
		return Order{}, err
	}
	return s.apply(ctx, id, version, func(o *Order, env Env) (Change, error) { return only(MarkDuplicate(o, env, &orig)) })
}
