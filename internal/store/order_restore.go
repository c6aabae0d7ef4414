package store

import (
	"context"
	"database/sql"
	"strings"

	"govdesk/internal/app"
	"govdesk/internal/workorder"
)

// restoreSQL sets the columns of an order the bulk import's insert leaves to their
// defaults (see importInsertArgs).
const restoreSQL = `UPDATE orders SET anonymous = $1, lat = $2, lng = $3, sensitive = $4, co_units = $5, sign_late = $6,
	final_assigned = $7, ext_pending_days = $8, ext_pending_reason = $9, callback_tries = $10, callback_note = $11,
	returns = $12, extensions = $13, reminders = $14, supervised = $15, duplicate_of = $16, kb_article_id = $17
	WHERE id = $18`

// RestoreOrders sets, on orders that exist (by ID), the columns the bulk import's
// insert leaves to their defaults — anonymity, location, sensitivity, co-handling
// units, late sign-for, final assignment, a pending extension, callback tries and
// note, the counters of returns, extensions and reminders, supervision, duplicate and
// knowledge-base links — in one transaction, leaving everything else and the events
// alone. The demo centre writes its orders through the bulk import and then this.
// An order that does not exist is internal.
func (s *Orders) RestoreOrders(ctx context.Context, orders []workorder.Order) error {
	if len(orders) == 0 {
		return nil
	}
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		st, err := tx.PrepareContext(ctx, restoreSQL)
		if err != nil {
			return dbErr(err, "prepare restore order")
		}
		defer st.Close()
		for i := range orders {
			o := &orders[i]
			res, err := st.ExecContext(ctx, o.Anonymous, nullFloat(o.HasLocation, o.Lat), nullFloat(o.HasLocation, o.Lng),
				strings.Join(o.Sensitive, ","), strings.Join(o.CoUnits, ","), o.SignLate, o.FinalAssigned, o.ExtPendingDays,
				o.ExtPendingReason, o.CallbackTries, o.CallbackNote, o.Returns, o.Extensions, o.Reminders, o.Supervised,
				nullInt(o.DuplicateOf), nullInt(o.KBArticleID), o.ID)
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
