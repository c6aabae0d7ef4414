package store

import (
	"context"
	"time"

	"govdesk/internal/knowledge"
)

var _ knowledge.FirstCallSource = (*Knowledge)(nil)

// FirstCallCounts counts the 咨询 orders received in [from, to) by owning unit and
// category path. The owner is the category's default unit, else the order's unit,
// else (a consultation resolved at intake has no unit) the unit most of the
// category's dispatched orders went to.
func (s *Knowledge) FirstCallCounts(ctx context.Context, from, to time.Time) ([]knowledge.FirstCallCount, error) {
	return queryAll(ctx, s.DB, "first-call counts", func(r rowScanner) (knowledge.FirstCallCount, error) {
		var c knowledge.FirstCallCount
		return c, r.Scan(&c.UnitID, &c.UnitCode, &c.UnitName, &c.Category, &c.Consults, &c.Resolved)
	}, `WITH usual AS (
			SELECT category_id, unit_id FROM (
				SELECT category_id, unit_id, ROW_NUMBER() OVER (PARTITION BY category_id ORDER BY count(*) DESC, unit_id) AS rn
				FROM orders WHERE category_id IS NOT NULL AND unit_id IS NOT NULL GROUP BY category_id, unit_id) x
			WHERE rn = 1)
		SELECT u.id, u.code, u.name, COALESCE(c.path, ''), count(*),
		COALESCE(sum(CASE WHEN o.first_call_resolved THEN 1 ELSE 0 END), 0)
		FROM orders o LEFT JOIN categories c ON c.id = o.category_id
		LEFT JOIN usual ON usual.category_id = o.category_id
		JOIN units u ON u.id = COALESCE(c.default_unit_id, o.unit_id, usual.unit_id)
		WHERE o.type = '咨询' AND o.received_at >= $1 AND o.received_at < $2
		GROUP BY u.id, u.code, u.name, COALESCE(c.path, '')
		ORDER BY u.code, COALESCE(c.path, '')`, utc(from), utc(to))
}
