package store

import (
	"context"
	"fmt"
	"strings"

	"govdesk/internal/stats"
	"govdesk/internal/workorder"
)

var _ stats.UnitSource = (*Stats)(nil)

// HotlineByUnit counts the orders of f by current unit with the conditions of
// HotlineCounts, type by type like it (each type's orders of a period are one
// range of the orders_stats index), summed per unit. Orders without a unit
// come back under the empty code.
func (s *Stats) HotlineByUnit(ctx context.Context, f workorder.Filter) ([]stats.UnitCounts, error) {
	byCode := map[string]*stats.UnitCounts{}
	var order []string
	for _, g := range types(f) {
		w := orderWhere(g)
		cols := []string{`COALESCE(u.code, '')`, `COALESCE(u.name, '')`, `count(*)`, n(closedSQL), n(approvedSQL + ` AND ` + withDeadlineSQL),
			n(onTimeSQL), n(fmt.Sprintf(overdueSQL, w.arg(utc(f.Now)))), n(ratedSQL), n(satisfiedSQL), n(`o.returns > 0`), n(supervisedSQL)}
		q := `SELECT ` + strings.Join(cols, ", ") + ` FROM orders o` + filterJoins(w) + ` LEFT JOIN units u ON u.id = o.unit_id` +
			w.String() + ` GROUP BY COALESCE(u.code, ''), COALESCE(u.name, '')`
		list, err := queryAll(ctx, s.DB, "hotline by unit", func(sc rowScanner) (c stats.UnitCounts, err error) {
			err = sc.Scan(&c.Code, &c.Name, &c.Received, &c.Closed, &c.Answered, &c.OnTime, &c.Overdue, &c.Rated, &c.Satisfied, &c.Returned, &c.Supervised)
			return c, err
		}, q, w.args...)
		if err != nil {
			return nil, err
		}
		for _, c := range list {
			sum, ok := byCode[c.Code]
			if !ok {
				sum = &stats.UnitCounts{Code: c.Code, Name: c.Name}
				byCode[c.Code] = sum
				order = append(order, c.Code)
			}
			sum.Received += c.Received
			sum.Closed += c.Closed
			sum.Answered += c.Answered
			sum.OnTime += c.OnTime
			sum.Overdue += c.Overdue
			sum.Rated += c.Rated
			sum.Satisfied += c.Satisfied
			sum.Returned += c.Returned
			sum.Supervised += c.Supervised
		}
	}
	out := make([]stats.UnitCounts, 0, len(order))
	for _, code := range order {
		out = append(out, *byCode[code])
	}
	return out, nil
}
