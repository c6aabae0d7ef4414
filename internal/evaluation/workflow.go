package evaluation

import (
	"context"
	"time"

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

// Latest returns when the last evaluation the actor may see was given before `before`
// (false: none), for the pages that open on the latest period with evaluations.
func (s *Service) Latest(ctx context.Context, before time.Time) (time.Time, bool, error) {
	a, err := app.RequireActor(ctx)
	if err != nil {
		return time.Time{}, false, err
	}
	var unit int64
	if !seesAll(a) {
		unit = a.UnitID
	}
	return s.Store.LatestEvaluation(ctx, before, unit)
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

// step runs one workflow step on the rectification of evaluation id under the
// optimistic version (0: unchecked): the store loads it in a transaction, Allow
// decides who may, fn decides what changes.
func (s *Service) step(ctx context.Context, id int64, version int, step string, fn func(a app.Actor, r *Rectification) error) (Evaluation, error) {
	a, err := app.RequireActor(ctx)
	if err != nil {
		return Evaluation{}, err
	}
	return s.Store.UpdateRectification(ctx, id, version, func(ev Evaluation, r *Rectification) error {
		if err := Allow(a, r, step); err != nil {
			return err
		}
		return fn(a, r)
	})
}

// Verify records the verification (属实/不属实) of a 差评 and the contact with the
// evaluator; the owner unit's people only.
func (s *Service) Verify(ctx context.Context, id int64, version int, result, note string) (Evaluation, error) {
	return s.step(ctx, id, version, StepVerify, func(a app.Actor, r *Rectification) error {
		return r.Verify(result, note, Who(a), s.Clock.Now())
	})
}

// Rectify records the action taken and the feedback given; the owner unit's people only.
func (s *Service) Rectify(ctx context.Context, id int64, version int, action, feedback string) (Evaluation, error) {
	return s.step(ctx, id, version, StepRectify, func(a app.Actor, r *Rectification) error {
		return r.Rectify(action, feedback, Who(a), s.Clock.Now())
	})
}

// Close ends a rectified 差评; only the centre (staff, admin) closes.
func (s *Service) Close(ctx context.Context, id int64, version int) (Evaluation, error) {
	return s.step(ctx, id, version, StepClose, func(a app.Actor, r *Rectification) error {
		return r.Close(Who(a), s.Clock.Now())
	})
}

// FlagOverdue marks the open rectifications past a deadline (the scheduler's job).
func (s *Service) FlagOverdue(ctx context.Context) (int, error) {
	return s.Store.FlagOverdue(ctx, s.Clock.Now())
}
