package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"govdesk/internal/account"
	"govdesk/internal/app"
)

// CreateSession stores a session under its token hash.
func (s *Accounts) CreateSession(ctx context.Context, tokenHash string, userID int64, csrf string, created, expires time.Time) error {
	_, err := s.DB.ExecContext(ctx, `INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)`,
		tokenHash, userID, csrf, utc(created), utc(expires))
	return dbErr(err, "create session")
}

// FindSession returns an unexpired session with its user; not_found otherwise.
func (s *Accounts) FindSession(ctx context.Context, tokenHash string, now time.Time) (account.Session, error) {
	var sess account.Session
	u, err := scanUser(s.DB.QueryRowContext(ctx, `SELECT `+userCols+`, se.csrf_token, se.expires_at FROM sessions se
		JOIN users us ON us.id = se.user_id JOIN units un ON un.id = us.unit_id
		WHERE se.token_hash = $1 AND se.expires_at > $2`, tokenHash, utc(now)), &sess.CSRFToken, &sess.ExpiresAt)
	if errors.Is(err, sql.ErrNoRows) {
		return sess, app.NotFound("会话不存在或已过期")
	}
	sess.User = u
	return sess, dbErr(err, "find session")
}

// DeleteSession removes a session.
func (s *Accounts) DeleteSession(ctx context.Context, tokenHash string) error {
	_, err := s.DB.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = $1`, tokenHash)
	return dbErr(err, "delete session")
}

// DeleteExpiredSessions removes sessions expired at now and returns how many.
func (s *Accounts) DeleteExpiredSessions(ctx context.Context, now time.Time) (int, error) {
	res, err := s.DB.ExecContext(ctx, `DELETE FROM sessions WHERE expires_at <= $1`, utc(now))
	if err != nil {
		return 0, dbErr(err, "delete expired sessions")
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}
