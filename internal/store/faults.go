package store

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/asset"
)

const faultSelect = `SELECT f.id, f.device_id, d.code, d.name, t.name, f.started_at, f.recovered_at, f.description, f.source
	FROM device_faults f JOIN devices d ON d.id = f.device_id JOIN regions t ON t.id = d.town_id`

func scanFault(sc rowScanner) (x asset.Fault, err error) {
	var rec sql.NullTime
	err = sc.Scan(&x.ID, &x.DeviceID, &x.DeviceCode, &x.DeviceName, &x.Town, &x.StartedAt, &rec, &x.Description, &x.Source)
	x.RecoveredAt = rec.Time
	return x, err
}

// FindFault returns one fault.
func (s *Assets) FindFault(ctx context.Context, id int64) (asset.Fault, error) {
	f, err := scanFault(s.DB.QueryRowContext(ctx, faultSelect+` WHERE f.id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return f, app.NotFound("故障记录 %d 不存在", id).WithDetail("no fault %d", id)
	}
	return f, dbErr(err, "find fault")
}

// RecoverFault sets the recovery time of an open fault.
func (s *Assets) RecoverFault(ctx context.Context, id int64, at time.Time) error {
	res, err := s.DB.ExecContext(ctx, `UPDATE device_faults SET recovered_at = $2 WHERE id = $1 AND recovered_at IS NULL`, id, utc(at))
	if err != nil {
		return dbErr(err, "recover fault")
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return app.Conflict("故障记录 %d 不存在或已恢复", id).WithDetail("fault %d does not exist or is recovered", id)
	}
	return nil
}

// FindFaults returns the faults matching f, newest first.
func (s *Assets) FindFaults(ctx context.Context, f asset.FaultFilter) ([]asset.Fault, error) {
	q := faultSelect + ` WHERE 1 = 1`
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return "$" + strconv.Itoa(len(args))
	}
	if f.DeviceCode != "" {
		q += ` AND d.code = ` + arg(f.DeviceCode)
	}
	if f.OpenOnly {
		q += ` AND f.recovered_at IS NULL`
	}
	if !f.To.IsZero() {
		q += ` AND f.started_at < ` + arg(utc(f.To))
	}
	if !f.From.IsZero() {
		q += ` AND (f.recovered_at IS NULL OR f.recovered_at > ` + arg(utc(f.From)) + `)`
	}
	q += ` ORDER BY f.started_at DESC, f.id DESC`
	if f.Limit > 0 {
		q += ` LIMIT ` + arg(f.Limit)
	}
	return queryAll(ctx, s.DB, "find faults", scanFault, q, args...)
}

// SaveFaults creates or updates faults keyed by device and start time, in one transaction.
func (s *Assets) SaveFaults(ctx context.Context, faults []asset.Fault) (created, updated int, err error) {
	now := utc(time.Now())
	err = s.DB.Tx(ctx, func(tx *sql.Tx) error {
		created, updated = 0, 0
		for _, f := range faults {
			res, err := tx.ExecContext(ctx, `UPDATE device_faults SET recovered_at = $3, description = $4
				WHERE device_id = $1 AND started_at = $2`, f.DeviceID, utc(f.StartedAt), nullTime(f.RecoveredAt), f.Description)
			if err != nil {
				return dbErr(err, "update fault")
			}
			if n, _ := res.RowsAffected(); n == 1 {
				updated++
				continue
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO device_faults (device_id, started_at, recovered_at, description, source, created_at)
				VALUES ($1, $2, $3, $4, $5, $6)`, f.DeviceID, utc(f.StartedAt), nullTime(f.RecoveredAt), f.Description, f.Source, now); err != nil {
				return dbErr(err, "create fault")
			}
			created++
		}
		return nil
	})
	return created, updated, err
}
