package web

import (
	"context"

	"govdesk/internal/workorder"
)

// A unit's to-do (待办) is its orders in hand (workorder.InHand): to sign for and
// being handled. The home page's tiles, the inbox's summary and the lists they
// link to count the same orders through todoFilter, so a number and its list
// always agree.
const (
	todoOverdueURL = "/orders?status=inhand&overdue=1&sort=deadline"
	todoWarningURL = "/orders?status=inhand&warning=1&sort=deadline"
)

// todoFilter selects the actor's orders in hand; the service limits a unit's
// people to their unit.
func todoFilter() workorder.Filter {
	return workorder.Filter{Statuses: workorder.InHand, Order: "deadline"}
}

// todoCounts counts the overdue and the warned orders of the actor's to-do.
func (ui *UI) todoCounts(ctx context.Context) (overdue, warning int, err error) {
	yes := true
	f := todoFilter()
	f.Overdue = &yes
	if overdue, err = ui.countOrders(ctx, f); err != nil {
		return 0, 0, err
	}
	f = todoFilter()
	f.Warning = true
	warning, err = ui.countOrders(ctx, f)
	return overdue, warning, err
}
