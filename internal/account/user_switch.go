package account

import (
	"context"
	"unicode/utf8"

	"govdesk/internal/app"
)

// DisableUser switches a user off (admin only): they can no longer log in, and their
// sessions and API tokens stop working at once. The user is kept, never deleted, so
// their name stays on what they did; EnableUser switches them on again (their
// sessions stay ended; tokens neither revoked nor expired work again).
func (s *Service) DisableUser(ctx context.Context, username string) (User, error) {
	a, err := app.RequireRole(ctx, app.RoleAdmin)
	if err != nil {
		return User{}, err
	}
	u, err := s.findUser(ctx, username)
	if err != nil {
		return User{}, err
	}
	if u.Username == a.Username {
		return User{}, app.Invalid("不能停用自己的账号").WithDetail("an admin may not disable their own account")
	}
	if err := s.Store.SetUserActive(ctx, u.ID, false); err != nil {
		return User{}, err
	}
	u.Active = false
	return u, nil
}

// EnableUser switches a disabled user on again (admin only).
func (s *Service) EnableUser(ctx context.Context, username string) (User, error) {
	if _, err := app.RequireRole(ctx, app.RoleAdmin); err != nil {
		return User{}, err
	}
	u, err := s.findUser(ctx, username)
	if err != nil {
		return User{}, err
	}
	if err := s.Store.SetUserActive(ctx, u.ID, true); err != nil {
		return User{}, err
	}
	u.Active = true
	return u, nil
}

// SignOutEverywhere ends every web session of a user (the user themself, or an
// admin for anyone) and returns how many were ended. API tokens are not touched:
// revoke them one by one, or disable the user.
func (s *Service) SignOutEverywhere(ctx context.Context, username string) (int, error) {
	a, err := app.RequireActor(ctx)
	if err != nil {
		return 0, err
	}
	if username == "" {
		username = a.Username
	}
	if username != a.Username && !a.Is(app.RoleAdmin) {
		return 0, app.Forbidden("只能退出自己的全部登录").WithDetail("%s may not sign %s out", a.Username, username)
	}
	u, err := s.findUser(ctx, username)
	if err != nil {
		return 0, err
	}
	return s.Store.DeleteUserSessions(ctx, u.ID)
}

// SetPassword replaces a user's password (the user themself, or an admin for anyone)
// and ends every session of the user, so a stolen session does not outlive a reset.
func (s *Service) SetPassword(ctx context.Context, username, password string) error {
	a, err := app.RequireActor(ctx)
	if err != nil {
		return err
	}
	if username != a.Username && !a.Is(app.RoleAdmin) {
		return app.Forbidden("只能修改自己的密码").WithDetail("%s may not set the password of %s", a.Username, username)
	}
	if utf8.RuneCountInString(password) < 4 {
		return app.Invalid("密码太短：至少 4 个字符").WithDetail("the password is too short: at least 4 characters")
	}
	u, err := s.findUser(ctx, username)
	if err != nil {
		return err
	}
	return s.Store.SetPassword(ctx, u.ID, HashPassword(password))
}
