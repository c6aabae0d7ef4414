package store

import (
	"context"
	"database/sql"
	"time"

	"govdesk/internal/account"
	"govdesk/internal/app"
	"govdesk/internal/asset"
)

const deviceColumns = `d.id, d.code, d.name, d.kind, d.town_id, t.name, COALESCE(v.name, ''), d.in_service_at,
	d.token_hash IS NOT NULL, d.token_issued_at, d.last_heartbeat_at,
	(SELECT COUNT(*) FROM device_faults f WHERE f.device_id = d.id AND f.recovered_at IS NULL)`

const deviceFrom = ` FROM devices d JOIN regions t ON t.id = d.town_id LEFT JOIN regions v ON v.id = d.village_id`

func scanDevice(sc rowScanner) (d asset.Device, err error) {
	var issued, beat sql.NullTime
	err = sc.Scan(&d.ID, &d.Code, &d.Name, &d.Kind, &d.TownID, &d.Town, &d.Village, &d.InService, &d.HasToken, &issued, &beat, &d.OpenFaults)
	d.TokenIssuedAt, d.LastHeartbeat = issued.Time, beat.Time
	return d, err
}

// FindDevices returns every device with its town, village and open-fault count, by code.
func (s *Assets) FindDevices(ctx context.Context) ([]asset.Device, error) {
	return queryAll(ctx, s.DB, "find devices", scanDevice, `SELECT `+deviceColumns+deviceFrom+` ORDER BY d.code`)
}

// SaveDevices creates or updates devices by code, creating unknown towns and villages, in one transaction.
func (s *Assets) SaveDevices(ctx context.Context, devs []asset.Device) (created, updated int, regions []string, err error) {
	now := utc(time.Now())
	err = s.DB.Tx(ctx, func(tx *sql.Tx) error {
		created, updated, regions = 0, 0, nil
		for _, d := range devs {
			town, made, err := ensureNode(ctx, tx, "regions", 0, d.Town, account.LevelTown)
			if err != nil {
				return err
			}
			if made {
				regions = append(regions, d.Town)
			}
			var village int64
			if d.Village != "" {
				if village, made, err = ensureNode(ctx, tx, "regions", town, d.Village, account.LevelVillage); err != nil {
					return err
				}
				if made {
					regions = append(regions, d.Town+"/"+d.Village)
				}
			}
			res, err := tx.ExecContext(ctx, `UPDATE devices SET name = $2, kind = $3, town_id = $4, village_id = $5, in_service_at = $6, updated_at = $7
				WHERE code = $1`, d.Code, d.Name, d.Kind, town, nullInt(village), utc(d.InService), now)
			if err != nil {
				return dbErr(err, "update device")
			}
			if n, _ := res.RowsAffected(); n == 1 {
				updated++
				continue
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO devices (code, name, kind, town_id, village_id, in_service_at, created_at, updated_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $7)`, d.Code, d.Name, d.Kind, town, nullInt(village), utc(d.InService), now); err != nil {
				return dbErr(err, "create device")
			}
			created++
		}
		return nil
	})
	return created, updated, regions, err
}

// SetDeviceToken stores the hash of a device's new heartbeat token.
func (s *Assets) SetDeviceToken(ctx context.Context, code, hash string, at time.Time) error {
	res, err := s.DB.ExecContext(ctx, `UPDATE devices SET token_hash = $2, token_issued_at = $3 WHERE code = $1`, code, hash, utc(at))
	if err != nil {
		return dbErr(err, "set device token")
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return app.NotFound("设备 %s 不存在", code).WithDetail("no device %s", code)
	}
	return nil
}

// Heartbeat records a heartbeat of the device whose code and token hash match and
// closes its open heartbeat faults at that time.
func (s *Assets) Heartbeat(ctx context.Context, code, hash string, at time.Time) (closed int, err error) {
	err = s.DB.Tx(ctx, func(tx *sql.Tx) error {
		var id int64
		err := tx.QueryRowContext(ctx, `SELECT id FROM devices WHERE code = $1 AND token_hash = $2`, code, hash).Scan(&id)
		if err == sql.ErrNoRows {
			return app.Unauthorized("设备编号或设备令牌无效")
		}
		if err != nil {
			return dbErr(err, "find device by token")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE devices SET last_heartbeat_at = $2 WHERE id = $1`, id, utc(at)); err != nil {
			return dbErr(err, "heartbeat")
		}
		res, err := tx.ExecContext(ctx, `UPDATE device_faults SET recovered_at = $2
			WHERE device_id = $1 AND recovered_at IS NULL AND source = $3`, id, utc(at), asset.SourceHeartbeat)
		if err != nil {
			return dbErr(err, "close heartbeat faults")
		}
		n, _ := res.RowsAffected()
		closed = int(n)
		return nil
	})
	return closed, err
}

// OpenSilenceFaults opens a heartbeat fault for every device with a token, no open
// heartbeat fault and no heartbeat (nor token issued) since silentSince. The fault
// starts at the last sign of life: the last heartbeat, else the token's issue.
func (s *Assets) OpenSilenceFaults(ctx context.Context, silentSince, now time.Time) (int, error) {
	res, err := s.DB.ExecContext(ctx, `INSERT INTO device_faults (device_id, started_at, description, source, created_at)
		SELECT d.id, COALESCE(d.last_heartbeat_at, d.token_issued_at), $1, $2, $3 FROM devices d
		WHERE d.token_hash IS NOT NULL AND COALESCE(d.last_heartbeat_at, d.token_issued_at) <= $4
		AND NOT EXISTS (SELECT 1 FROM device_faults f WHERE f.device_id = d.id AND f.recovered_at IS NULL AND f.source = $2)
		AND NOT EXISTS (SELECT 1 FROM device_faults f WHERE f.device_id = d.id AND f.started_at = COALESCE(d.last_heartbeat_at, d.token_issued_at))`,
		"超过规定时间未收到设备心跳，系统自动登记故障", asset.SourceHeartbeat, utc(now), utc(silentSince))
	if err != nil {
		return 0, dbErr(err, "open silence faults")
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}
