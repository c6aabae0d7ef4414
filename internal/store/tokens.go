package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"govdesk/internal/account"
	"govdesk/internal/app"
)

// CreateToken stores an API token's hash and returns its id.
func (s *Accounts) CreateToken(ctx context.Context, t account.Token, tokenHash string) (int64, error) {
	var id int64
	err := s.DB.QueryRowContext(ctx, `INSERT INTO api_tokens (user_id, name, token_hash, prefix, created_at, expires_at)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
		t.UserID, t.Name, tokenHash, t.Prefix, utc(t.CreatedAt), nullTime(t.ExpiresAt)).Scan(&id)
	return id, dbErr(err, "create token")
}

const tokenCols = `t.id, t.user_id, us.username, t.name, t.prefix, t.created_at, t.last_used_at, t.expires_at, t.revoked_at`

func scanToken(sc rowScanner, extra ...any) (account.Token, error) {
	var t account.Token
	var last, exp, rev sql.NullTime
	err := sc.Scan(append([]any{&t.ID, &t.UserID, &t.Username, &t.Name, &t.Prefix, &t.CreatedAt, &last, &exp, &rev}, extra...)...)
	t.LastUsedAt, t.ExpiresAt, t.RevokedAt = last.Time, exp.Time, rev.Time
	return t, err
}

// FindToken returns the token of a hash (revoked and expired ones too) with its user.
func (s *Accounts) FindToken(ctx context.Context, tokenHash string) (account.Token, account.User, error) {
	var u account.User
	t, err := scanToken(s.DB.QueryRowContext(ctx, `SELECT `+tokenCols+`, `+userCols+` FROM api_tokens t
		JOIN users us ON us.id = t.user_id JOIN units un ON un.id = us.unit_id WHERE t.token_hash = $1`, tokenHash),
		&u.ID, &u.Username, &u.Name, &u.Role, &u.UnitID, &u.UnitCode, &u.UnitName, &u.Active, &u.PasswordHash, &u.CreatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return t, u, app.NotFound("令牌不存在")
	}
	return t, u, dbErr(err, "find token")
}

// TouchToken records when a token was last used.
func (s *Accounts) TouchToken(ctx context.Context, id int64, at time.Time) error {
	_, err := s.DB.ExecContext(ctx, `UPDATE api_tokens SET last_used_at = $1 WHERE id = $2`, utc(at), id)
	return dbErr(err, "touch token")
}

// FindTokens returns a user's tokens (everyone's when userID is 0), newest first.
func (s *Accounts) FindTokens(ctx context.Context, userID int64) ([]account.Token, error) {
	return queryAll(ctx, s.DB, "find tokens", func(r rowScanner) (account.Token, error) { return scanToken(r) },
		`SELECT `+tokenCols+` FROM api_tokens t JOIN users us ON us.id = t.user_id
		WHERE $1 = 0 OR t.user_id = $1 ORDER BY t.created_at DESC, t.id DESC`, userID)
}

// FindTokenByID returns a token; not_found when none.
func (s *Accounts) FindTokenByID(ctx context.Context, id int64) (account.Token, error) {
	t, err := scanToken(s.DB.QueryRowContext(ctx, `SELECT `+tokenCols+` FROM api_tokens t JOIN users us ON us.id = t.user_id WHERE t.id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return t, app.NotFound("令牌不存在")
	}
	return t, dbErr(err, "find token")
}

// RevokeToken sets a token's revocation time unless it is already revoked.
func (s *Accounts) RevokeToken(ctx context.Context, id int64, at time.Time) error {
	_, err := s.DB.ExecContext(ctx, `UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL`, utc(at), id)
	return dbErr(err, "revoke token")
}

// SetUserActive disables or re-enables a user; disabling deletes their sessions in the same transaction.
func (s *Accounts) SetUserActive(ctx context.Context, userID int64, active bool) error {
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE users SET active = $1 WHERE id = $2`, active, userID); err != nil {
			return dbErr(err, "set user active")
		}
		if active {
			return nil
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, userID)
		return dbErr(err, "end sessions")
	})
}

// SetPassword replaces a user's password hash and deletes their sessions, in one transaction.
func (s *Accounts) SetPassword(ctx context.Context, userID int64, hash string) error {
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE users SET password_hash = $1 WHERE id = $2`, hash, userID); err != nil {
			return dbErr(err, "set password")
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, userID)
		return dbErr(err, "end sessions")
	})
}

// DeleteUserSessions ends every session of a user and returns how many there were.
func (s *Accounts) DeleteUserSessions(ctx context.Context, userID int64) (int, error) {
	res, err := s.DB.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, userID)
	if err != nil {
		return 0, dbErr(err, "end sessions")
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}
