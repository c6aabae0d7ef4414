package store

import (
	"context"
	"database/sql"
	"errors"

	"govdesk/internal/account"
	"govdesk/internal/app"
)

// CreateUser inserts a user and returns its id; conflict when the user name is taken.
func (s *Accounts) CreateUser(ctx context.Context, u account.User) (int64, error) {
	var id int64
	err := s.DB.QueryRowContext(ctx, `INSERT INTO users (username, name, password_hash, role, unit_id, active, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
		u.Username, u.Name, u.PasswordHash, u.Role, u.UnitID, u.Active, utc(u.CreatedAt)).Scan(&id)
	return id, dbErr(err, "create user")
}

const userCols = `us.id, us.username, us.name, us.role, us.unit_id, un.code, un.name, us.active, us.password_hash, us.created_at`

func scanUser(sc rowScanner, extra ...any) (account.User, error) {
	var u account.User
	dest := append([]any{&u.ID, &u.Username, &u.Name, &u.Role, &u.UnitID, &u.UnitCode, &u.UnitName, &u.Active, &u.PasswordHash, &u.CreatedAt}, extra...)
	err := sc.Scan(dest...)
	return u, err
}

// FindUserByUsername returns the user; not_found when none.
func (s *Accounts) FindUserByUsername(ctx context.Context, username string) (account.User, error) {
	u, err := scanUser(s.DB.QueryRowContext(ctx, `SELECT `+userCols+` FROM users us JOIN units un ON un.id = us.unit_id WHERE us.username = $1`, username))
	if errors.Is(err, sql.ErrNoRows) {
		return u, app.NotFound("用户 %q 不存在", username).WithDetail("no user %q", username)
	}
	return u, dbErr(err, "find user")
}

// FindUsers returns every user ordered by user name.
func (s *Accounts) FindUsers(ctx context.Context) ([]account.User, error) {
	return queryAll(ctx, s.DB, "find users", func(r rowScanner) (account.User, error) { return scanUser(r) },
		`SELECT `+userCols+` FROM users us JOIN units un ON un.id = us.unit_id ORDER BY us.username`)
}

// FindUserNames returns the display name of each user among usernames; unknown
// user names are left out.
func (s *Accounts) FindUserNames(ctx context.Context, usernames []string) (map[string]string, error) {
	out := map[string]string{}
	if len(usernames) == 0 {
		return out, nil
	}
	args := make([]any, len(usernames))
	for i, u := range usernames {
		args[i] = u
	}
	type pair struct{ username, name string }
	list, err := queryAll(ctx, s.DB, "find user names", func(r rowScanner) (pair, error) {
		var p pair
		return p, r.Scan(&p.username, &p.name)
	}, `SELECT username, name FROM users WHERE username IN (`+placeholders(1, len(args))+`)`, args...)
	for _, p := range list {
		out[p.username] = p.name
	}
	return out, err
}
