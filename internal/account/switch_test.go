package account_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"govdesk/internal/account"
	"govdesk/internal/app"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

// switchFixture is a centre with an admin and two handlers, zhang and li.
func switchFixture(t *testing.T, db *store.DB) (*account.Service, *app.FixedClock) {
	t.Helper()
	clock := &app.FixedClock{T: time.Date(2022, 9, 30, 9, 0, 0, 0, app.Shanghai)}
	s := newService(db, clock)
	if _, err := s.CreateUnit(adminCtx, account.Unit{Code: "C001", Name: "市行政服务中心", Kind: "中心"}); err != nil {
		t.Fatal(err)
	}
	for _, n := range []string{"root", "zhang", "li"} {
		role := app.RoleHandler
		if n == "root" {
			role = app.RoleAdmin
		}
		if _, err := s.AddUser(adminCtx, account.NewUser{Username: n, Password: "secret", Role: role, UnitCode: "C001"}); err != nil {
			t.Fatal(err)
		}
	}
	return s, clock
}

func as(username, role string) context.Context {
	return app.WithActor(context.Background(), app.Actor{Username: username, Role: role})
}

func wantUnauthorized(t *testing.T, what string, err error, msg string) {
	t.Helper()
	if app.ErrorCode(err) != app.EUnauthorized || !strings.Contains(app.ErrorMessage(err), msg) {
		t.Fatalf("%s: err = %v, want unauthorized %q", what, err, msg)
	}
}

func TestService_TokenExpiryAndRevocation(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		s, clock := switchFixture(t, db)
		zhang := as("zhang", app.RoleHandler)
		secret, tok, err := s.IssueToken(zhang, account.NewToken{Name: "监控脚本", TTL: 30 * 24 * time.Hour})
		if err != nil || !strings.HasPrefix(secret, tok.Prefix) || len(tok.Prefix) != 11 || tok.Username != "zhang" {
			t.Fatalf("IssueToken = %q %+v %v", secret, tok, err)
		}
		if _, _, err := s.IssueToken(zhang, account.NewToken{Username: "li"}); app.ErrorCode(err) != app.EForbidden {
			t.Fatalf("a handler issuing li's token: %v", err)
		}
		if _, _, err := s.IssueToken(zhang, account.NewToken{TTL: account.MaxTokenTTL + time.Hour}); app.ErrorCode(err) != app.EInvalid {
			t.Fatalf("a token beyond the maximum lifetime: %v", err)
		}
		if u, err := s.AuthenticateToken(zhang, secret); err != nil || u.Username != "zhang" {
			t.Fatalf("fresh token: %+v %v", u, err)
		}
		// Lists show the prefix, never the secret; a handler sees only their own.
		list, err := s.Tokens(zhang, "")
		if err != nil || len(list) != 1 || list[0].Prefix != tok.Prefix || list[0].LastUsedAt.IsZero() || list[0].Status(clock.T) != "active" {
			t.Fatalf("Tokens = %+v, %v", list, err)
		}
		if _, err := s.Tokens(zhang, "li"); app.ErrorCode(err) != app.EForbidden {
			t.Fatalf("a handler listing li's tokens: %v", err)
		}
		// Expiry: refused from the moment it passes.
		clock.T = clock.T.Add(30 * 24 * time.Hour)
		wantUnauthorized(t, "expired token", func() error { _, err := s.AuthenticateToken(zhang, secret); return err }(), "已过期")
		// Revocation: at once, by the owner or an admin, and no one else.
		secret2, tok2, err := s.IssueToken(as("root", app.RoleAdmin), account.NewToken{Username: "zhang"})
		if err != nil || tok2.Expiry() != clock.T.Add(account.DefaultTokenTTL) {
			t.Fatalf("admin issuing zhang's token: %+v %v", tok2, err)
		}
		if _, err := s.RevokeToken(as("li", app.RoleHandler), tok2.ID); app.ErrorCode(err) != app.ENotFound {
			t.Fatalf("li revoking zhang's token: %v", err)
		}
		if _, err := s.AuthenticateToken(zhang, secret2); err != nil {
			t.Fatal(err)
		}
		if r, err := s.RevokeToken(zhang, tok2.ID); err != nil || r.RevokedAt.IsZero() {
			t.Fatalf("RevokeToken = %+v %v", r, err)
		}
		wantUnauthorized(t, "revoked token", func() error { _, err := s.AuthenticateToken(zhang, secret2); return err }(), "已吊销")
		all, err := s.Tokens(as("root", app.RoleAdmin), "")
		if err != nil || len(all) != 2 || all[0].Status(clock.T) != "revoked" || all[1].Status(clock.T) != "expired" {
			t.Fatalf("admin's list: %+v %v", all, err)
		}
		// A token issued before expiry existed (no expiry stored) ends MaxTokenTTL after its creation.
		zu, _ := s.Store.FindUserByUsername(adminCtx, "zhang")
		legacy := account.Token{UserID: zu.ID, Name: "旧令牌", CreatedAt: clock.T}
		if _, err := s.Store.CreateToken(adminCtx, legacy, account.HashToken("gd_legacy")); err != nil {
			t.Fatal(err)
		}
		if _, err := s.AuthenticateToken(zhang, "gd_legacy"); err != nil {
			t.Fatalf("legacy token: %v", err)
		}
		clock.T = clock.T.Add(account.MaxTokenTTL)
		wantUnauthorized(t, "legacy token after the maximum lifetime", func() error { _, err := s.AuthenticateToken(zhang, "gd_legacy"); return err }(), "已过期")
	})
}

func TestService_DisableUserStopsEverythingAtOnce(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		s, _ := switchFixture(t, db)
		root := as("root", app.RoleAdmin)
		cookie, _, err := s.Login(adminCtx, "zhang", "secret", "10.0.0.1")
		if err != nil {
			t.Fatal(err)
		}
		secret, err := s.CreateToken(adminCtx, "zhang", "cli")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.DisableUser(as("li", app.RoleHandler), "zhang"); app.ErrorCode(err) != app.EForbidden {
			t.Fatalf("a handler disabling: %v", err)
		}
		if _, err := s.DisableUser(root, "root"); app.ErrorCode(err) != app.EInvalid {
			t.Fatalf("an admin disabling themself: %v", err)
		}
		if u, err := s.DisableUser(root, "zhang"); err != nil || u.Active {
			t.Fatalf("DisableUser = %+v %v", u, err)
		}
		wantUnauthorized(t, "disabled user's session", func() error { _, err := s.Authenticate(adminCtx, cookie); return err }(), "重新登录")
		wantUnauthorized(t, "disabled user's token", func() error { _, err := s.AuthenticateToken(adminCtx, secret); return err }(), "停用")
		wantUnauthorized(t, "disabled user's login", func() error { _, _, err := s.Login(adminCtx, "zhang", "secret", "10.0.0.1"); return err }(), "用户名或密码错误")
		if u, err := s.Store.FindUserByUsername(adminCtx, "zhang"); err != nil || u.Active {
			t.Fatalf("the disabled user is kept, inactive: %+v %v", u, err)
		}
		// Enabled again: login and the token work; the old session stays ended.
		if _, err := s.EnableUser(root, "zhang"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Authenticate(adminCtx, cookie); app.ErrorCode(err) != app.EUnauthorized {
			t.Fatalf("a session of before the disabling came back: %v", err)
		}
		if _, err := s.AuthenticateToken(adminCtx, secret); err != nil {
			t.Fatalf("token after re-enabling: %v", err)
		}
		if _, _, err := s.Login(adminCtx, "zhang", "secret", "10.0.0.1"); err != nil {
			t.Fatalf("login after re-enabling: %v", err)
		}
	})
}

func TestService_SignOutEverywhereAndPasswordReset(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		s, _ := switchFixture(t, db)
		var cookies []string
		for i := 0; i < 2; i++ {
			c, _, err := s.Login(adminCtx, "zhang", "secret", "10.0.0.1")
			if err != nil {
				t.Fatal(err)
			}
			cookies = append(cookies, c)
		}
		liCookie, _, _ := s.Login(adminCtx, "li", "secret", "10.0.0.2")
		if _, err := s.SignOutEverywhere(as("li", app.RoleHandler), "zhang"); app.ErrorCode(err) != app.EForbidden {
			t.Fatalf("li signing zhang out: %v", err)
		}
		if n, err := s.SignOutEverywhere(as("zhang", app.RoleHandler), ""); err != nil || n != 2 {
			t.Fatalf("SignOutEverywhere = %d, %v", n, err)
		}
		for _, c := range cookies {
			if _, err := s.Authenticate(adminCtx, c); app.ErrorCode(err) != app.EUnauthorized {
				t.Fatalf("a session survived signing out everywhere: %v", err)
			}
		}
		if _, err := s.Authenticate(adminCtx, liCookie); err != nil {
			t.Fatalf("another user's session ended: %v", err)
		}
		// A password reset ends every session too; the new password works, the old does not.
		c, _, _ := s.Login(adminCtx, "zhang", "secret", "10.0.0.1")
		if err := s.SetPassword(as("root", app.RoleAdmin), "zhang", "n3w-secret"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Authenticate(adminCtx, c); app.ErrorCode(err) != app.EUnauthorized {
			t.Fatalf("a session survived the password reset: %v", err)
		}
		if _, _, err := s.Login(adminCtx, "zhang", "secret", "10.0.0.3"); app.ErrorCode(err) != app.EUnauthorized {
			t.Fatalf("old password: %v", err)
		}
		if _, _, err := s.Login(adminCtx, "zhang", "n3w-secret", "10.0.0.3"); err != nil {
			t.Fatalf("new password: %v", err)
		}
	})
}
