package store

import (
	"context"
	"database/sql"
	"time"
)

// ReserveLogin counts the failed attempts for username and for ip since the given
// time, lets allow decide, and when it agrees records the attempt (as a failure
// until SucceedLogin says otherwise) and returns its id — all in one transaction
// that holds a lock row for the user name and one for the address, so parallel
// attempts are counted one after another and the limit holds exactly.
func (s *Accounts) ReserveLogin(ctx context.Context, username, ip string, at, since time.Time, allow func(byUser, byIP int) error) (int64, error) {
	var id int64
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		// The upsert locks both rows on PostgreSQL until commit ("ip:" sorts before
		// "user:", so every transaction takes them in the same order); on SQLite the
		// transaction holds the write lock from its start.
		if _, err := tx.ExecContext(ctx, `INSERT INTO login_locks (key, at) VALUES ($1, $3), ($2, $3)
			ON CONFLICT (key) DO UPDATE SET at = excluded.at`, "ip:"+ip, "user:"+username, utc(at)); err != nil {
			return dbErr(err, "lock login")
		}
		var byUser, byIP int
		if err := tx.QueryRowContext(ctx, `SELECT
			(SELECT count(*) FROM login_attempts WHERE username = $1 AND NOT ok AND at >= $3
				AND at > COALESCE((SELECT max(at) FROM login_attempts WHERE username = $1 AND ok), $3)),
			(SELECT count(*) FROM login_attempts WHERE ip = $2 AND NOT ok AND at >= $3)`,
			username, ip, utc(since)).Scan(&byUser, &byIP); err != nil {
			return dbErr(err, "count failed logins")
		}
		if err := allow(byUser, byIP); err != nil {
			return err
		}
		err := tx.QueryRowContext(ctx, `INSERT INTO login_attempts (username, ip, ok, at) VALUES ($1, $2, $3, $4) RETURNING id`,
			username, ip, false, utc(at)).Scan(&id)
		return dbErr(err, "record login")
	})
	return id, err
}

// SucceedLogin marks a reserved attempt as a success (which resets the user name's count).
func (s *Accounts) SucceedLogin(ctx context.Context, attemptID int64) error {
	_, err := s.DB.ExecContext(ctx, `UPDATE login_attempts SET ok = $1 WHERE id = $2`, true, attemptID)
	return dbErr(err, "record login success")
}
