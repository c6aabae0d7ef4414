package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/georeport"
)

// Open311 stores API keys, hidden services and the Open311 fields of requests.
type Open311 struct{ DB *DB }

var _ georeport.Store = (*Open311)(nil)

// CreateKey stores a key under its hash; conflict when the name is taken.
func (s *Open311) CreateKey(ctx context.Context, name, hash string, now time.Time) (georeport.Key, error) {
	k := georeport.Key{Name: name, CreatedAt: utc(now)}
	err := s.DB.QueryRowContext(ctx, `INSERT INTO open311_keys (name, key_hash, created_at) VALUES ($1, $2, $3) RETURNING id`,
		name, hash, k.CreatedAt).Scan(&k.ID)
	if err != nil && strings.Contains(err.Error(), "name") {
		return k, &app.Error{Code: app.EConflict, Message: "名为 " + name + " 的密钥已存在", Err: err}
	}
	return k, dbErr(err, "create open311 key")
}

func scanKey(sc rowScanner) (georeport.Key, error) {
	var k georeport.Key
	var revoked sql.NullTime
	err := sc.Scan(&k.ID, &k.Name, &k.CreatedAt, &revoked)
	k.RevokedAt = revoked.Time
	return k, err
}

// FindKeys lists every key, revoked ones included, by name.
func (s *Open311) FindKeys(ctx context.Context) ([]georeport.Key, error) {
	return queryAll(ctx, s.DB, "find open311 keys", scanKey, `SELECT id, name, created_at, revoked_at FROM open311_keys ORDER BY name`)
}

// RevokeKey revokes the named valid key; not_found when there is none.
func (s *Open311) RevokeKey(ctx context.Context, name string, now time.Time) error {
	res, err := s.DB.ExecContext(ctx, `UPDATE open311_keys SET revoked_at = $1 WHERE name = $2 AND revoked_at IS NULL`, utc(now), name)
	if err != nil {
		return dbErr(err, "revoke open311 key")
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return app.NotFound("没有名为 %s 的有效密钥", name)
	}
	return nil
}

// FindKeyByHash returns the valid key of a hash; not_found otherwise.
func (s *Open311) FindKeyByHash(ctx context.Context, hash string) (georeport.Key, error) {
	k, err := scanKey(s.DB.QueryRowContext(ctx, `SELECT id, name, created_at, revoked_at FROM open311_keys
		WHERE key_hash = $1 AND revoked_at IS NULL`, hash))
	if errors.Is(err, sql.ErrNoRows) {
		return k, app.NotFound("api_key 无效")
	}
	return k, dbErr(err, "find open311 key")
}

// FindCategories returns the category tree in path order.
func (s *Open311) FindCategories(ctx context.Context) ([]georeport.Category, error) {
	return queryAll(ctx, s.DB, "find categories", func(sc rowScanner) (c georeport.Category, err error) {
		err = sc.Scan(&c.ID, &c.Path, &c.Name, &c.ParentID, &c.Active)
		return c, err
	}, `SELECT id, path, name, COALESCE(parent_id, 0), active FROM categories ORDER BY path`)
}

// HiddenServices returns the ids of the categories an admin hid from Open311.
func (s *Open311) HiddenServices(ctx context.Context) (map[int64]bool, error) {
	ids, err := queryAll(ctx, s.DB, "find hidden services", func(sc rowScanner) (id int64, err error) {
		err = sc.Scan(&id)
		return id, err
	}, `SELECT category_id FROM open311_hidden`)
	m := make(map[int64]bool, len(ids))
	for _, id := range ids {
		m[id] = true
	}
	return m, err
}

// SetHidden hides or shows a category; not_found when there is no such category.
func (s *Open311) SetHidden(ctx context.Context, categoryID int64, hidden bool) error {
	var n int
	if err := s.DB.QueryRowContext(ctx, `SELECT count(*) FROM categories WHERE id = $1`, categoryID).Scan(&n); err != nil {
		return dbErr(err, "find category")
	}
	if n == 0 {
		return app.NotFound("服务编码 %d 不存在", categoryID)
	}
	q := `DELETE FROM open311_hidden WHERE category_id = $1`
	if hidden {
		q = `INSERT INTO open311_hidden (category_id) VALUES ($1) ON CONFLICT (category_id) DO NOTHING`
	}
	_, err := s.DB.ExecContext(ctx, q, categoryID)
	return dbErr(err, "set hidden service")
}

// SaveMeta stores a request's Open311 fields.
func (s *Open311) SaveMeta(ctx context.Context, m georeport.Meta) error {
	var lat, lng any
	if m.HasLocation {
		lat, lng = m.Lat, m.Long
	}
	_, err := s.DB.ExecContext(ctx, `INSERT INTO open311_requests (order_id, token, key_id, lat, lng, media_url, attributes)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, m.OrderID, m.Token, nullInt(m.KeyID), lat, lng, m.MediaURL, m.Attributes)
	return dbErr(err, "save open311 request")
}

// FindMeta returns the Open311 fields of the orders that have them.
func (s *Open311) FindMeta(ctx context.Context, orderIDs []int64) (map[int64]georeport.Meta, error) {
	out := make(map[int64]georeport.Meta, len(orderIDs))
	for start := 0; start < len(orderIDs); start += 500 {
		chunk := orderIDs[start:min(start+500, len(orderIDs))]
		w := &where{}
		ph := make([]string, len(chunk))
		for i, id := range chunk {
			ph[i] = w.arg(id)
		}
		list, err := queryAll(ctx, s.DB, "find open311 requests", func(sc rowScanner) (m georeport.Meta, err error) {
			var lat, lng sql.NullFloat64
			err = sc.Scan(&m.OrderID, &m.Token, &m.KeyID, &lat, &lng, &m.MediaURL, &m.Attributes)
			m.Lat, m.Long, m.HasLocation = lat.Float64, lng.Float64, lat.Valid && lng.Valid
			return m, err
		}, `SELECT order_id, token, COALESCE(key_id, 0), lat, lng, media_url, attributes FROM open311_requests
			WHERE order_id IN (`+strings.Join(ph, ", ")+`)`, w.args...)
		if err != nil {
			return nil, err
		}
		for _, m := range list {
			out[m.OrderID] = m
		}
	}
	return out, nil
}

func (s *Open311) oneID(ctx context.Context, what, msg, q string, args ...any) (int64, error) {
	var id int64
	err := s.DB.QueryRowContext(ctx, q, args...).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, app.NotFound("%s", msg)
	}
	return id, dbErr(err, what)
}

// FindOrderIDByToken returns the order of a token; not_found otherwise.
func (s *Open311) FindOrderIDByToken(ctx context.Context, token string) (int64, error) {
	return s.oneID(ctx, "find open311 token", "token 不存在", `SELECT order_id FROM open311_requests WHERE token = $1`, token)
}

// FindOrderIDByNo returns the order of a number filed with source 政务服务网; not_found otherwise.
func (s *Open311) FindOrderIDByNo(ctx context.Context, no string) (int64, error) {
	return s.oneID(ctx, "find order by no", "诉求编号不存在", `SELECT id FROM orders WHERE no = $1 AND source = $2`, no, georeport.Source)
}

// FindOrderIDByNoPhone returns the order of a number filed with source 政务服务网 and the phone; not_found otherwise.
func (s *Open311) FindOrderIDByNoPhone(ctx context.Context, no, phone string) (int64, error) {
	return s.oneID(ctx, "find order by no and phone", "未找到该编号和电话对应的诉求",
		`SELECT id FROM orders WHERE no = $1 AND source = $2 AND citizen_phone = $3`, no, georeport.Source, phone)
}

// Secret returns the named secret, creating it from fresh when absent (the first writer wins).
func (s *Open311) Secret(ctx context.Context, name string, fresh func() string) (string, error) {
	if _, err := s.DB.ExecContext(ctx, `INSERT INTO open311_settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`,
		name, fresh()); err != nil {
		return "", dbErr(err, "create open311 secret")
	}
	var v string
	err := s.DB.QueryRowContext(ctx, `SELECT value FROM open311_settings WHERE name = $1`, name).Scan(&v)
	return v, dbErr(err, "find open311 secret")
}
