package workorder

import (
	"context"
	"time"

	"govdesk/internal/app"
)

// ReturnRecord is one return (退单) of an order: the unit that sent it back, the
// reason it gave, who returned it and when.
type ReturnRecord struct {
	UnitCode string
	Reason   string
	Actor    string // user name
	At       time.Time
}

// ReturnsOf lists an order's returns from its events, oldest first.
func ReturnsOf(events []Event) []ReturnRecord {
	var out []ReturnRecord
	for _, ev := range events {
		if ev.Action == CmdReturn {
			out = append(out, ReturnRecord{UnitCode: ev.Data["unit"], Reason: ev.Note, Actor: ev.Actor, At: ev.At})
		}
	}
	return out
}

// ReturnedUnits lists the codes of the units that returned the order, each once,
// in the order of their first return. A unit that returned an order is never
// suggested for it again (SPEC §4.3).
func ReturnedUnits(returns []ReturnRecord) []string {
	var out []string
	seen := map[string]bool{}
	for _, r := range returns {
		if r.UnitCode != "" && !seen[r.UnitCode] {
			seen[r.UnitCode] = true
			out = append(out, r.UnitCode)
		}
	}
	return out
}

// OrderReturns returns an order the actor may see (not_found otherwise), its
// citizen's phone masked, with its returns: what the dispatch suggestion reads of
// an order already received.
func (s *Service) OrderReturns(ctx context.Context, id int64) (Order, []ReturnRecord, error) {
	a, err := app.RequireActor(ctx)
	if err != nil {
		return Order{}, nil, err
	}
	o, err := s.visibleOrder(ctx, a, id)
	if err != nil {
		return Order{}, nil, err
	}
	evs, err := s.Store.FindEvents(ctx, id)
	if err != nil {
		return Order{}, nil, err
	}
	return Present(a, o, ReadList), ReturnsOf(PresentEvents(a, &o, evs, ReadList)), nil
}
