package evaluation

import (
	"context"

	"govdesk/internal/app"
)

// seesAll reports whether the actor reads every unit's evaluations.
func seesAll(a app.Actor) bool {
	return a.Role != app.RoleHandler && a.Role != app.RoleUnitAdmin
}

// Evaluations lists evaluations; a unit's handlers and admins see their own unit's only.
func (s *Service) Evaluations(ctx context.Context, f Filter) ([]Evaluation, error) {
	a, err := app.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	evs, err := s.Store.FindEvaluations(ctx, f)
	if err != nil || seesAll(a) {
		return evs, err
	}
	var own []Evaluation
	for _, ev := range evs {
		if ev.UnitID == a.UnitID {
			own = append(own, ev)
		}
	}
	return own, nil
}

// Evaluation returns one evaluation; another unit's is not_found for a unit actor.
func (s *Service) Evaluation(ctx context.Context, id int64) (Evaluation, error) {
	a, err := app.RequireActor(ctx)
	if err != nil {
		return Evaluation{}, err
	}
	ev, err := s.Store.FindEvaluation(ctx, id)
	if err == nil && !seesAll(a) && ev.UnitID != a.UnitID {
		return Evaluation{}, app.NotFound("评价不存在")
	}
	return ev, err
}

// step runs one workflow step on the rectification of evaluation id. The owner
// unit's handlers and unit admins and the centre's staff may verify and rectify.
func (s *Service) step(ctx context.Context, id int64, centreOnly bool, fn func(a app.Actor, r *Rectification) error) error {
	a, err := app.RequireActor(ctx)
	if err != nil {
		return err
	}
	return s.Store.UpdateRectification(ctx, id, func(ev Evaluation, r *Rectification) error {
		switch {
		case a.Role == app.RoleStaff || a.Role == app.RoleAdmin:
		case centreOnly:
			return app.Forbidden("只有服务中心可以办结整改")
		case (a.Role == app.RoleHandler || a.Role == app.RoleUnitAdmin) && r.UnitID == a.UnitID:
		case !seesAll(a):
			return app.NotFound("评价不存在")
		default:
			return app.Forbidden("只有责任单位或服务中心可以办理整改")
		}
		return fn(a, r)
	})
}

// Verify records the verification (属实/不属实) of a 差评 and the contact with the evaluator.
func (s *Service) Verify(ctx context.Context, id int64, result, note string) error {
	return s.step(ctx, id, false, func(_ app.Actor, r *Rectification) error { return r.Verify(result, note, s.Clock.Now()) })
}

// Rectify records the action taken and the feedback given.
func (s *Service) Rectify(ctx context.Context, id int64, action, feedback string) error {
	return s.step(ctx, id, false, func(_ app.Actor, r *Rectification) error { return r.Rectify(action, feedback, s.Clock.Now()) })
}

// Close ends a rectified 差评; only the centre (staff, admin) closes.
func (s *Service) Close(ctx context.Context, id int64) error {
	return s.step(ctx, id, true, func(a app.Actor, r *Rectification) error { return r.Close(a.Username, s.Clock.Now()) })
}

// FlagOverdue marks the open rectifications past a deadline (the scheduler's job).
func (s *Service) FlagOverdue(ctx context.Context) (int, error) {
	return s.Store.FlagOverdue(ctx, s.Clock.Now())
}
