package store

import (
	"context"

	"govdesk/internal/knowledge"
)

var _ knowledge.SuggestSource = (*Knowledge)(nil)

// TrainingExamples returns the most recent limit closed orders with a unit, oldest first.
func (s *Knowledge) TrainingExamples(ctx context.Context, limit int) ([]knowledge.Example, error) {
	list, err := queryAll(ctx, s.DB, "suggest training examples", func(r rowScanner) (knowledge.Example, error) {
		var e knowledge.Example
		return e, r.Scan(&e.Title, &e.Content, &e.Category, &e.Town, &e.UnitCode, &e.UnitName, &e.ReceivedAt)
	}, `SELECT o.title, o.content, COALESCE(c.path, ''), COALESCE(t.name, ''), u.code, u.name, o.received_at
		FROM orders o JOIN units u ON u.id = o.unit_id LEFT JOIN categories c ON c.id = o.category_id
		LEFT JOIN regions t ON t.id = o.town_id
		WHERE o.status = 'closed' ORDER BY o.received_at DESC, o.id DESC LIMIT $1`, limit)
	for i, j := 0, len(list)-1; i < j; i, j = i+1, j-1 {
		list[i], list[j] = list[j], list[i]
	}
	return list, err
}

// CategoryDefaults returns every category that has a default unit.
func (s *Knowledge) CategoryDefaults(ctx context.Context) ([]knowledge.DefaultUnit, error) {
	return queryAll(ctx, s.DB, "category default units", func(r rowScanner) (knowledge.DefaultUnit, error) {
		var d knowledge.DefaultUnit
		return d, r.Scan(&d.Category, &d.UnitCode, &d.UnitName)
	}, `SELECT c.path, u.code, u.name FROM categories c JOIN units u ON u.id = c.default_unit_id ORDER BY c.path`)
}
