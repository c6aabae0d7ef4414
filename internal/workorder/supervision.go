// Reminders (催办) and formal supervision (督办).

package workorder

import (
	"context"

	"govdesk/internal/app"
)

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
