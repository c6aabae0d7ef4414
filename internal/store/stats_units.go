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
// HotlineCounts, in one pass over the covering index orders_report (migration
// 0011), naming the units afterwards. Orders without a unit come back under
// the empty code.
func (s *Stats) HotlineByUnit(ctx context.Context, f workorder.Filter) ([]stats.UnitCounts, error) {
	w := orderWhere(f)
	cols := []string{`o.unit_id`, `count(*) AS received`, n(closedSQL) + ` AS closed`, n(approvedSQL+` AND `+withDeadlineSQL) + ` AS answered`,
		n(onTimeSQL) + ` AS on_time`, n(fmt.Sprintf(overdueSQL, w.arg(utc(f.Now)))) + ` AS overdue`, n(ratedSQL) + ` AS rated`,
		n(satisfiedSQL) + ` AS satisfied`, n(`o.returns > 0`) + ` AS returned`, n(supervisedSQL) + ` AS supervised`}
	q := `SELECT COALESCE(u.code, ''), COALESCE(u.name, ''), g.received, g.closed, g.answered, g.on_time, g.overdue, g.rated, g.satisfied, g.returned, g.supervised` +
		` FROM (SELECT ` + strings.Join(cols, ", ") + ` FROM orders o` + filterJoins(w) + w.String() + ` GROUP BY o.unit_id) g` +
		` LEFT JOIN units u ON u.id = g.unit_id ORDER BY COALESCE(u.code, '')`
	return queryAll(ctx, s.DB, "hotline by unit", func(sc rowScanner) (c stats.UnitCounts, err error) {
		err = sc.Scan(&c.Code, &c.Name, &c.Received, &c.Closed, &c.Answered, &c.OnTime, &c.Overdue, &c.Rated, &c.Satisfied, &c.Returned, &c.Supervised)
		return c, err
	}, q, w.args...)
}
