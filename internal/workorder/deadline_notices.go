package workorder

import (
	"context"
	"fmt"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/workday"
)

// DeadlineNotices returns the notices the orders' deadlines call for at now: overdue
// (to the unit and the dispatchers), 80% warning (to the unit) and late sign-for (to
// the unit). Each carries a dedup key naming the order and the deadline it concerns,
// so raising them again is harmless and a new deadline (extension, reopening,
// re-dispatch) raises new ones.
func DeadlineNotices(orders []Order, now time.Time, s workday.Schedule) []Notice {
	var ns []Notice
	for i := range orders {
		o := &orders[i]
		if o.Status != Dispatched && o.Status != Accepted {
			continue
		}
		f := FlagsAt(o, now, s)
		dl := o.DeadlineAt.UTC().Format(time.RFC3339)
		title := func(what string) string { return noticeTitle(what, o) }
		switch {
		case f.Overdue:
			ns = append(ns,
				Notice{Kind: NoticeOverdue, OrderID: o.ID, UnitID: o.UnitID, Title: title("工单已超期"), CreatedAt: now,
					DedupKey: fmt.Sprintf("overdue:%d:%s:unit", o.ID, dl)},
				Notice{Kind: NoticeOverdue, OrderID: o.ID, Role: app.RoleDispatcher, Title: title("工单已超期（" + o.UnitName + "）"), CreatedAt: now,
					DedupKey: fmt.Sprintf("overdue:%d:%s:dispatcher", o.ID, dl)})
		case f.Warning:
			ns = append(ns, Notice{Kind: NoticeWarning, OrderID: o.ID, UnitID: o.UnitID, Title: title("工单即将超期（已用时限80%）"), CreatedAt: now,
				DedupKey: fmt.Sprintf("warning:%d:%s", o.ID, dl)})
		}
		if o.Status == Dispatched && f.SignLate {
			ns = append(ns, Notice{Kind: NoticeSignLate, OrderID: o.ID, UnitID: o.UnitID, Title: title("工单超时未签收"), CreatedAt: now,
				DedupKey: fmt.Sprintf("signlate:%d:%s", o.ID, o.SignDeadlineAt.UTC().Format(time.RFC3339))})
		}
	}
	return ns
}

// RaiseDeadlineNotices scans every order being handled and raises the notices their
// deadlines call for now; it returns how many were new. Because flags are computed
// from the calendar at the time of the scan, a scan after downtime catches up on
// everything missed.
func (s *Service) RaiseDeadlineNotices(ctx context.Context) (int, error) {
	sched, err := s.Schedule(ctx)
	if err != nil {
		return 0, err
	}
	now := s.Clock.Now()
	f := Filter{Statuses: []Status{Dispatched, Accepted}, Order: "deadline"}
	added := 0
	for p := 1; ; p++ {
		f.Page = app.Page{Page: p, PerPage: 500}
		batch, _, err := s.Store.FindOrders(ctx, f)
		if err != nil {
			return added, err
		}
		if ns := DeadlineNotices(batch, now, sched); len(ns) > 0 {
			n, err := s.Store.AddNotices(ctx, ns)
			if err != nil {
				return added, err
			}
			added += n
		}
		if len(batch) < f.Page.PerPage {
			return added, nil
		}
	}
}
