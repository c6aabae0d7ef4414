package store

import (
	"context"
	"database/sql"
	"time"
)

// Jobs coordinates scheduled jobs between govdesk processes sharing one database.
type Jobs struct{ DB *DB }

// Claim reports whether this process should run the job now: it is due (it last
// ran at least every ago, or never) and no other process has claimed it for this
// period. The claim is atomic across processes: on PostgreSQL a transaction-level
// advisory lock on the job's name plus a conditional update of its row; on SQLite
// the immediate (write-locking) transaction plus the same conditional update.
func (j *Jobs) Claim(ctx context.Context, name string, every time.Duration, now time.Time) (bool, error) {
	claimed := false
	err := j.DB.Tx(ctx, func(tx *sql.Tx) error {
		if j.DB.Engine == Postgres {
			var got bool
			if err := tx.QueryRowContext(ctx, `SELECT pg_try_advisory_xact_lock(hashtext('govdesk.job.' || $1))`, name).Scan(&got); err != nil {
				return dbErr(err, "job lock")
			}
			if !got {
				return nil
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO jobs (name, runs) VALUES ($1, 0) ON CONFLICT (name) DO NOTHING`, name); err != nil {
			return dbErr(err, "job row")
		}
		res, err := tx.ExecContext(ctx, `UPDATE jobs SET last_run_at = $2, runs = runs + 1
			WHERE name = $1 AND (last_run_at IS NULL OR last_run_at <= $3)`, name, utc(now), utc(now.Add(-every)))
		if err != nil {
			return dbErr(err, "claim job")
		}
		n, _ := res.RowsAffected()
		claimed = n == 1
		return nil
	})
	return claimed, err
}

// Runs returns how many times the job has been claimed, and when last.
func (j *Jobs) Runs(ctx context.Context, name string) (int, time.Time, error) {
	var n int
	var last sql.NullTime
	err := j.DB.QueryRowContext(ctx, `SELECT runs, last_run_at FROM jobs WHERE name = $1`, name).Scan(&n, &last)
	if err == sql.ErrNoRows {
		return 0, time.Time{}, nil
	}
	return n, last.Time, dbErr(err, "job runs")
}
