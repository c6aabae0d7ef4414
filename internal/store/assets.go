package store

import (
	"context"
	"database/sql"
	"time"

	"govdesk/internal/asset"
)

// Assets implements asset.Store.
type Assets struct{ DB *DB }

var _ asset.Store = (*Assets)(nil)

// FindAssets returns the register ordered by code.
func (s *Assets) FindAssets(ctx context.Context) ([]asset.Asset, error) {
	return queryAll(ctx, s.DB, "find assets", func(sc rowScanner) (a asset.Asset, err error) {
		err = sc.Scan(&a.ID, &a.Code, &a.Name, &a.Category, &a.Quantity, &a.ValueCents, &a.Location, &a.InUse, &a.CheckedOn, &a.UpdatedAt)
		return a, err
	}, `SELECT id, code, name, category, quantity, value_cents, location, in_use, checked_on, updated_at FROM assets ORDER BY code`)
}

// SaveAssets creates or updates assets by code and records the stock-takes, in one transaction.
func (s *Assets) SaveAssets(ctx context.Context, assets []asset.Asset, takes []asset.StockTake) (created, updated int, err error) {
	now := utc(time.Now())
	err = s.DB.Tx(ctx, func(tx *sql.Tx) error {
		created, updated = 0, 0
		for _, a := range assets {
			var id int64
			err := tx.QueryRowContext(ctx, `SELECT id FROM assets WHERE code = $1`, a.Code).Scan(&id)
			switch {
			case err == sql.ErrNoRows:
				_, err = tx.ExecContext(ctx, `INSERT INTO assets (code, name, category, quantity, value_cents, location, in_use, checked_on, created_at, updated_at)
					VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)`,
					a.Code, a.Name, a.Category, a.Quantity, a.ValueCents, a.Location, a.InUse, a.CheckedOn, now)
				created++
			case err == nil:
				_, err = tx.ExecContext(ctx, `UPDATE assets SET name = $2, category = $3, quantity = $4, value_cents = $5, location = $6,
					in_use = $7, checked_on = $8, updated_at = $9 WHERE id = $1`,
					id, a.Name, a.Category, a.Quantity, a.ValueCents, a.Location, a.InUse, a.CheckedOn, now)
				updated++
			}
			if err != nil {
				return dbErr(err, "save asset")
			}
		}
		for _, t := range takes {
			_, err := tx.ExecContext(ctx, `INSERT INTO asset_stocktakes (asset_id, year, taken_on, book_quantity, counted_quantity, recorded_at)
				VALUES ((SELECT id FROM assets WHERE code = $1), $2, $3, $4, $5, $6)
				ON CONFLICT (asset_id, year) DO UPDATE SET taken_on = excluded.taken_on,
					counted_quantity = excluded.counted_quantity, recorded_at = excluded.recorded_at`,
				t.AssetCode, t.Year, t.TakenOn, t.Book, t.Counted, now)
			if err != nil {
				return dbErr(err, "save stock-take")
			}
		}
		return nil
	})
	return created, updated, err
}

// FindStockTakes returns the stock-takes of a year (0: every year), newest year first, then by asset code.
func (s *Assets) FindStockTakes(ctx context.Context, year int) ([]asset.StockTake, error) {
	return queryAll(ctx, s.DB, "find stock-takes", func(sc rowScanner) (t asset.StockTake, err error) {
		err = sc.Scan(&t.AssetID, &t.AssetCode, &t.AssetName, &t.Year, &t.TakenOn, &t.Book, &t.Counted)
		return t, err
	}, `SELECT t.asset_id, a.code, a.name, t.year, t.taken_on, t.book_quantity, t.counted_quantity
		FROM asset_stocktakes t JOIN assets a ON a.id = t.asset_id
		WHERE $1 = 0 OR t.year = $1 ORDER BY t.year DESC, a.code`, year)
}

// FindLimits returns the allocation limits by category.
func (s *Assets) FindLimits(ctx context.Context) ([]asset.Limit, error) {
	return queryAll(ctx, s.DB, "find asset limits", func(sc rowScanner) (l asset.Limit, err error) {
		err = sc.Scan(&l.Category, &l.PercentOfHeadcount, &l.MaxQuantity)
		return l, err
	}, `SELECT category, percent_of_headcount, max_quantity FROM asset_limits ORDER BY category`)
}

// SetLimit creates or replaces a category's limit; one with neither kind set removes it.
func (s *Assets) SetLimit(ctx context.Context, l asset.Limit) error {
	if l.PercentOfHeadcount == 0 && l.MaxQuantity == 0 {
		_, err := s.DB.ExecContext(ctx, `DELETE FROM asset_limits WHERE category = $1`, l.Category)
		return dbErr(err, "delete asset limit")
	}
	_, err := s.DB.ExecContext(ctx, `INSERT INTO asset_limits (category, percent_of_headcount, max_quantity) VALUES ($1, $2, $3)
		ON CONFLICT (category) DO UPDATE SET percent_of_headcount = excluded.percent_of_headcount, max_quantity = excluded.max_quantity`,
		l.Category, l.PercentOfHeadcount, l.MaxQuantity)
	return dbErr(err, "set asset limit")
}
