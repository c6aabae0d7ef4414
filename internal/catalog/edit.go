package catalog

import (
	"context"
	"strings"

	"govdesk/internal/app"
	"govdesk/internal/sheet"
)

// SaveItem creates or updates one item from the editor's fields, keyed by the
// import headers (ItemHeaders), with the import's validation; the centre's staff and
// admins only. Every save keeps a version.
func (s *Service) SaveItem(ctx context.Context, fields map[string]string) (Item, error) {
	actor, err := app.RequireRole(ctx, app.RoleAdmin, app.RoleStaff)
	if err != nil {
		return Item{}, err
	}
	units, err := s.Store.UnitKeys(ctx)
	if err != nil {
		return Item{}, err
	}
	var errs sheet.Errors
	it := parseItem(&errs, sheet.NewRow(0, fields), units)
	if errs.Len() > 0 {
		var msgs []string
		for _, e := range errs.List {
			msgs = append(msgs, e.Column+"："+e.Reason)
		}
		return Item{}, app.Invalid("%s", strings.Join(msgs, "；")).WithDetail("invalid service item: %d problems", len(msgs))
	}
	if _, _, err := s.Store.UpsertItems(ctx, []Item{it}, actor.Username, s.Clock.Now()); err != nil {
		return Item{}, err
	}
	return s.Store.FindItemByCode(ctx, it.Code)
}

// ItemFields is an item as the editor's fields (the inverse of SaveItem).
func ItemFields(it Item) map[string]string {
	row := ItemRow(it)
	m := make(map[string]string, len(row))
	for i, h := range ItemHeaders {
		m[h] = row[i]
	}
	return m
}
