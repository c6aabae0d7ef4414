package workorder

import (
	"context"
	"strconv"
	"strings"

	"govdesk/internal/app"
)

// apply runs a command on an order under an optimistic version: it loads the order,
// refuses an actor who may not see it (not_found), builds the command's environment,
// runs rule, and stores the change with its notices.
func (s *Service) apply(ctx context.Context, id int64, version int, rule func(o *Order, env Env) (Change, error)) (Order, error) {
	a, err := app.RequireActor(ctx)
	if err != nil {
		return Order{}, err
	}
	o, err := s.Store.UpdateOrder(ctx, id, version, func(o *Order) (Change, error) {
		if !visible(a, o) {
			return Change{}, app.NotFound("工单不存在")
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
	return s.present(a, o), nil
}

func only(ev Event, err error) (Change, error) { return Change{Event: ev}, err }

func unitNotice(kind string, o *Order, env Env, title string) Notice {
	return Notice{Kind: kind, OrderID: o.ID, UnitID: o.UnitID, Title: title + "：" + o.No + " " + o.Title, CreatedAt: env.Now}
}

func roleNotice(kind string, o *Order, env Env, role, title string) Notice {
	return Notice{Kind: kind, OrderID: o.ID, Role: role, Title: title + "：" + o.No + " " + o.Title, CreatedAt: env.Now}
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

// Remind urges the unit.
func (s *Service) Remind(ctx context.Context, id int64, version int, note string) (Order, error) {
	return s.apply(ctx, id, version, func(o *Order, env Env) (Change, error) {
		ev, err := Remind(o, env, note)
		if err != nil {
			return Change{}, err
		}
		c := Change{Event: ev}
		if o.UnitID != 0 {
			c.Notices = append(c.Notices, unitNotice(NoticeRemind, o, env, "催办"))
		}
		return c, nil
	})
}

// Supervise puts the order under supervision.
func (s *Service) Supervise(ctx context.Context, id int64, version int, note string) (Order, error) {
	return s.apply(ctx, id, version, func(o *Order, env Env) (Change, error) {
		ev, err := Supervise(o, env, note)
		if err != nil {
			return Change{}, err
		}
		c := Change{Event: ev, Notices: []Notice{roleNotice(NoticeSupervise, o, env, app.RoleDispatcher, "督办")}}
		if o.UnitID != 0 {
			c.Notices = append(c.Notices, unitNotice(NoticeSupervise, o, env, "督办"))
		}
		return c, nil
	})
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
