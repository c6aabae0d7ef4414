package store

import (
	"context"
	"database/sql"

	"govdesk/internal/app"
	"govdesk/internal/workorder"
)

// RestoreOrders rewrites orders that exist (by ID) with every stored column of their
// state, in one transaction, leaving their events alone. The demo centre writes its
// orders through the bulk import, which leaves some columns (returns, extensions,
// reminders, supervision, a pending extension, late sign-for) at their defaults; this
// sets them. The orders' references (unit, town, village, category) must be resolved
// ids. An order that does not exist is internal.
func (s *Orders) RestoreOrders(ctx context.Context, orders []workorder.Order) error {
	if len(orders) == 0 {
		return nil
	}
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		st, err := tx.PrepareContext(ctx, updateOrderSQL)
		if err != nil {
			return dbErr(err, "prepare restore order")
		}
		defer st.Close()
		for i := range orders {
			o := &orders[i]
			res, err := st.ExecContext(ctx, append(orderArgs(o), o.ID)...)
			if err != nil {
				return dbErr(err, "restore order")
			}
			if n, _ := res.RowsAffected(); n != 1 {
				return app.Internal(nil, "restore order: no order "+o.No)
			}
		}
		return nil
	})
}

// HasOrders reports whether any order is stored.
func (s *Orders) HasOrders(ctx context.Context) (bool, error) {
	var any bool
	if err := s.DB.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM orders)`).Scan(&any); err != nil {
		return false, dbErr(err, "any order")
	}
	return any, nil
}
