package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/catalog"
)

// Catalog stores service items and cases (SPEC §6).
type Catalog struct{ DB *DB }

var _ catalog.Store = (*Catalog)(nil)

// UnitKeys maps every unit's code and name to its id.
func (s *Catalog) UnitKeys(ctx context.Context) (map[string]int64, error) {
	type kv struct {
		id         int64
		code, name string
	}
	rows, err := queryAll(ctx, s.DB, "unit keys", func(r rowScanner) (kv, error) {
		var v kv
		return v, r.Scan(&v.id, &v.code, &v.name)
	}, `SELECT id, code, name FROM units`)
	if err != nil {
		return nil, err
	}
	m := make(map[string]int64, 2*len(rows))
	for _, v := range rows {
		m[v.name] = v.id
	}
	for _, v := range rows {
		m[v.code] = v.id
	}
	return m, nil
}

// UpsertItems creates or updates items by code in one transaction and keeps a version of each.
func (s *Catalog) UpsertItems(ctx context.Context, items []catalog.Item, by string, at time.Time) (created, updated int, err error) {
	now := utc(at)
	err = s.DB.Tx(ctx, func(tx *sql.Tx) error {
		created, updated = 0, 0
		for _, it := range items {
			mats, _ := json.Marshal(it.Materials)
			if it.Materials == nil {
				mats = []byte("[]")
			}
			args := []any{it.Name, it.UnitID, it.Category, it.ByApplication, it.Level, it.LegalDays, it.PromisedDays, it.Fees,
				string(mats), it.InHall, it.OneWindow, it.Online, it.OnlineDepth, it.MaxTrips, it.Citywide, it.CrossProvince,
				it.CertFree, it.Immediate, it.Status, now, it.Code}
			var id int64
			err := tx.QueryRowContext(ctx, `SELECT id FROM items WHERE code = $1`, it.Code).Scan(&id)
			switch {
			case errors.Is(err, sql.ErrNoRows):
				err = tx.QueryRowContext(ctx, `INSERT INTO items (name, unit_id, category, by_application, level, legal_days,
					promised_days, fees, materials, in_hall, one_window, online, online_depth, max_trips, citywide, cross_province,
					cert_free, immediate, status, created_at, updated_at, code)
					VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $20, $21)
					RETURNING id`, args...).Scan(&id)
				if err != nil {
					return dbErr(err, "insert item")
				}
				created++
			case err != nil:
				return dbErr(err, "find item")
			default:
				if _, err := tx.ExecContext(ctx, `UPDATE items SET name = $1, unit_id = $2, category = $3, by_application = $4,
					level = $5, legal_days = $6, promised_days = $7, fees = $8, materials = $9, in_hall = $10, one_window = $11,
					online = $12, online_depth = $13, max_trips = $14, citywide = $15, cross_province = $16, cert_free = $17,
					immediate = $18, status = $19, updated_at = $20 WHERE code = $21`, args...); err != nil {
					return dbErr(err, "update item")
				}
				updated++
			}
			it.ID = id
			data, _ := json.Marshal(it)
			if _, err := tx.ExecContext(ctx, `INSERT INTO item_versions (item_id, changed_at, changed_by, data) VALUES ($1, $2, $3, $4)`,
				id, now, by, string(data)); err != nil {
				return dbErr(err, "insert item version")
			}
		}
		return nil
	})
	return created, updated, err
}

const itemColumns = `i.id, i.code, i.name, i.unit_id, u.code, u.name, i.category, i.by_application, i.level, i.legal_days,
	i.promised_days, i.fees, i.materials, i.in_hall, i.one_window, i.online, i.online_depth, i.max_trips, i.citywide,
	i.cross_province, i.cert_free, i.immediate, i.status, i.updated_at
	FROM items i JOIN units u ON u.id = i.unit_id`

func scanItem(r rowScanner) (catalog.Item, error) {
	var it catalog.Item
	var mats string
	err := r.Scan(&it.ID, &it.Code, &it.Name, &it.UnitID, &it.UnitCode, &it.UnitName, &it.Category, &it.ByApplication,
		&it.Level, &it.LegalDays, &it.PromisedDays, &it.Fees, &mats, &it.InHall, &it.OneWindow, &it.Online, &it.OnlineDepth,
		&it.MaxTrips, &it.Citywide, &it.CrossProvince, &it.CertFree, &it.Immediate, &it.Status, &it.UpdatedAt)
	if err == nil && mats != "" {
		err = json.Unmarshal([]byte(mats), &it.Materials)
	}
	return it, err
}

// FindItems returns every item, ordered by code.
func (s *Catalog) FindItems(ctx context.Context) ([]catalog.Item, error) {
	return queryAll(ctx, s.DB, "find items", scanItem, `SELECT `+itemColumns+` ORDER BY i.code`)
}

// FindItemByCode returns one item, not_found when absent.
func (s *Catalog) FindItemByCode(ctx context.Context, code string) (catalog.Item, error) {
	it, err := scanItem(s.DB.QueryRowContext(ctx, `SELECT `+itemColumns+` WHERE i.code = $1`, code))
	if errors.Is(err, sql.ErrNoRows) {
		return it, app.NotFound("事项 %s 不存在", code).WithDetail("no service item %s", code)
	}
	return it, dbErr(err, "find item")
}

// ItemHistory returns the versions of an item, newest first.
func (s *Catalog) ItemHistory(ctx context.Context, itemID int64) ([]catalog.ItemVersion, error) {
	return queryAll(ctx, s.DB, "item history", func(r rowScanner) (catalog.ItemVersion, error) {
		var v catalog.ItemVersion
		var data string
		if err := r.Scan(&v.ItemID, &v.ChangedAt, &v.ChangedBy, &data); err != nil {
			return v, err
		}
		return v, json.Unmarshal([]byte(data), &v.Item)
	}, `SELECT item_id, changed_at, changed_by, data FROM item_versions WHERE item_id = $1 ORDER BY changed_at DESC, id DESC`, itemID)
}
