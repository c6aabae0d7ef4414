package workorder

import (
	"context"
	"slices"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/workday"
)

// Listed is an order of a list with its time-dependent facts at read time.
type Listed struct {
	Order
	Flags Flags
	// RemainingDays are the working days left before the deadline of an order being
	// handled (negative: how far past it); meaningful only when Counting is true.
	RemainingDays float64
	Counting      bool
}

// Tone names the deadline colour of a list row: overdue, warning (80% of the limit
// used, or still not signed for past the sign-for limit), normal, or "" when no
// limit is running (not dispatched yet, or replied in time, or closed).
func (l Listed) Tone() string {
	switch {
	case l.Flags.Overdue:
		return "overdue"
	case l.Flags.Warning, l.Status == Dispatched && l.Flags.SignLate:
		return "warning"
	case l.Counting:
		return "normal"
	}
	return ""
}

func listed(o Order, now time.Time, sched workday.Schedule) Listed {
	l := Listed{Order: o, Flags: FlagsAt(&o, now, sched)}
	if (o.Status == Dispatched || o.Status == Accepted) && !o.DeadlineAt.IsZero() {
		l.Counting = true
		if now.Before(o.DeadlineAt) {
			l.RemainingDays = sched.Elapsed(now, o.DeadlineAt)
		} else {
			l.RemainingDays = -sched.Elapsed(o.DeadlineAt, now)
		}
	}
	return l
}

// OrderOldest lists orders by receipt time, oldest first (the dispatcher's pool). The
// store pages newest first only, so ListFlagged reads the page from the far end.
const OrderOldest = "oldest"

// ListFlagged is List with each order's flags and remaining working days, computed
// from the calendar at read time (SPEC §4.2). Besides the store's orders it accepts
// f.Order = OrderOldest.
func (s *Service) ListFlagged(ctx context.Context, f Filter) ([]Listed, int, error) {
	list, total, err := s.listOrdered(ctx, f)
	if err != nil {
		return nil, 0, err
	}
	sched, err := s.Schedule(ctx)
	if err != nil {
		return nil, 0, err
	}
	now := s.Clock.Now()
	out := make([]Listed, len(list))
	for i, o := range list {
		out[i] = listed(o, now, sched)
	}
	return out, total, nil
}

func (s *Service) listOrdered(ctx context.Context, f Filter) ([]Order, int, error) {
	if f.Order != OrderOldest || f.Warning {
		if f.Order == OrderOldest {
			f.Order = ""
		}
		return s.List(ctx, f)
	}
	page := f.Page.Normalize()
	n := page.PerPage
	f.Order, f.Page = "received", app.Page{Page: 1, PerPage: n}
	first, total, err := s.List(ctx, f)
	if err != nil {
		return nil, 0, err
	}
	// Page k oldest first is the newest-first rows [lo, hi), which span at most two pages.
	hi := total - page.Offset()
	lo := max(hi-n, 0)
	var rows []Order
	for p := lo/n + 1; hi > 0 && p <= (hi-1)/n+1; p++ {
		batch := first
		if p > 1 {
			f.Page.Page = p
			if batch, _, err = s.List(ctx, f); err != nil {
				return nil, 0, err
			}
		}
		for i, o := range batch {
			if at := (p-1)*n + i; at >= lo && at < hi {
				rows = append(rows, o)
			}
		}
	}
	slices.Reverse(rows)
	return rows, total, nil
}

// PendingExtensions pages the orders in hand matching f with an extension request
// awaiting a decision (the dispatcher's queue), soonest deadline first. The store
// has no condition for a pending request, so the orders in hand are scanned here;
// there are few at any one time.
func (s *Service) PendingExtensions(ctx context.Context, f Filter) ([]Listed, int, error) {
	page, warn := f.Page, f.Warning
	f.Statuses, f.Order, f.Warning = []Status{Accepted}, "deadline", false
	var hits []Listed
	for p := 1; ; p++ {
		f.Page = app.Page{Page: p, PerPage: 500}
		batch, _, err := s.ListFlagged(ctx, f)
		if err != nil {
			return nil, 0, err
		}
		for _, l := range batch {
			if l.ExtPendingDays > 0 && (!warn || l.Flags.Warning) {
				hits = append(hits, l)
			}
		}
		if len(batch) < 500 {
			break
		}
	}
	page = page.Normalize()
	lo := min(page.Offset(), len(hits))
	hi := min(lo+page.PerPage, len(hits))
	return hits[lo:hi], len(hits), nil
}

// Detail is everything the order page shows: the order with its flags, its
// timeline, the commands the actor may run now, and for an order awaiting dispatch
// the open orders that may be the same matter.
type Detail struct {
	Listed
	Events  []Event
	Allowed []string
	Hints   []Order // possible duplicates (received orders, for the centre's roles)
	// MustFinal: the order was returned as often as the policy allows, so the next
	// dispatch must be a final assignment (指定主办).
	MustFinal        bool
	MaxExtensionDays float64
	// Returned are the order's returns (退单), oldest first: the dispatch form shows
	// them, and the units among them are never suggested for the order again.
	Returned []ReturnRecord
}

// Detail returns the order page of an order the actor may see (not_found otherwise).
// Reading it reads the citizen's phone, which Get writes to the access log.
func (s *Service) Detail(ctx context.Context, id int64) (Detail, error) {
	raw, o, err := s.read(ctx, id)
	if err != nil {
		return Detail{}, err
	}
	a, _ := app.ActorFrom(ctx)
	env, err := s.env(ctx, &o)
	if err != nil {
		return Detail{}, err
	}
	d := Detail{Listed: listed(o, env.Now, env.Schedule), Allowed: Allowed(a, &o),
		MustFinal: o.Returns >= env.Policy.MaxReturns, MaxExtensionDays: env.Policy.MaxExtensionDays}
	if d.Events, err = s.Store.FindEvents(ctx, id); err != nil {
		return Detail{}, err
	}
	d.Events = PresentEvents(a, &raw, d.Events, ReadOne)
	d.Returned = ReturnsOf(d.Events)
	if o.Status == Received && !unitScoped(a) {
		if d.Hints, err = s.duplicateHints(ctx, &raw); err != nil {
			return Detail{}, err
		}
		d.Hints = presentAll(a, d.Hints)
	}
	return d, nil
}
