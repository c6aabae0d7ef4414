package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"govdesk/internal/account"
	"govdesk/internal/app"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

func TestTokenAndUserSwitchCommands(t *testing.T) {
	storetest.RunDSN(t, func(t *testing.T, dsn string) {
		env := map[string]string{"GOVDESK_DB": dsn}
		units := filepath.Join(t.TempDir(), "units.csv")
		os.WriteFile(units, []byte("单位编码,单位名称\nU001,市住房和城乡建设局\n"), 0o644)
		if code, _, errs := run(t, env, "import", "units", units); code != 0 {
			t.Fatalf("import units: %s", errs)
		}
		if code, _, errs := run(t, env, "user", "add", "--username", "zhang", "--password", "secret", "--role", "handler", "--unit", "U001"); code != 0 {
			t.Fatalf("user add: %s", errs)
		}
		if code, _, _ := run(t, env, "token", "create", "--username", "zhang", "--expires", "400d"); code != 1 {
			t.Fatalf("a token beyond the maximum lifetime: exit %d", code)
		}
		code, out, errs := run(t, env, "token", "create", "--username", "zhang", "--name", "监控", "--expires", "30d")
		secret := strings.TrimSpace(out)
		if code != 0 || !strings.HasPrefix(secret, "gd_") {
			t.Fatalf("token create: exit %d %q %q", code, out, errs)
		}
		db, err := store.Open(context.Background(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		acc := account.NewService(&store.Accounts{DB: db}, app.SystemClock{})
		if _, err := acc.AuthenticateToken(context.Background(), secret); err != nil {
			t.Fatalf("the new token: %v", err)
		}
		code, out, _ = run(t, env, "token", "list", "--username", "zhang")
		if code != 0 || !strings.Contains(out, secret[:11]) || strings.Contains(out, secret[11:]) || !strings.Contains(out, "有效") || !strings.Contains(out, "监控") {
			t.Fatalf("token list: exit %d %q", code, out)
		}
		id := strings.Fields(strings.Split(out, "\n")[1])[0]
		if code, out, errs := run(t, env, "token", "revoke", id); code != 0 || !strings.Contains(out, "已吊销") {
			t.Fatalf("token revoke: exit %d %q %q", code, out, errs)
		}
		if _, err := acc.AuthenticateToken(context.Background(), secret); app.ErrorCode(err) != app.EUnauthorized {
			t.Fatalf("revoked token: %v", err)
		}
		if code, out, _ := run(t, env, "token", "list"); code != 0 || !strings.Contains(out, "已吊销") {
			t.Fatalf("token list after revoke: %q", out)
		}
		// Disable: the session ends, login is refused; enable brings login back.
		cookie, _, err := acc.Login(context.Background(), "zhang", "secret", "10.0.0.1")
		if err != nil {
			t.Fatal(err)
		}
		if code, out, errs := run(t, env, "user", "disable", "zhang"); code != 0 || !strings.Contains(out, "已停用") {
			t.Fatalf("user disable: exit %d %q %q", code, out, errs)
		}
		if _, err := acc.Authenticate(context.Background(), cookie); app.ErrorCode(err) != app.EUnauthorized {
			t.Fatalf("session after disable: %v", err)
		}
		if code, _, errs := run(t, env, "token", "create", "--username", "zhang"); code != 1 || !strings.Contains(errs, "已停用") {
			t.Fatalf("token for a disabled user: exit %d %q", code, errs)
		}
		if code, _, errs := run(t, env, "user", "enable", "zhang"); code != 0 {
			t.Fatalf("user enable: %s", errs)
		}
		if cookie, _, err = acc.Login(context.Background(), "zhang", "secret", "10.0.0.1"); err != nil {
			t.Fatalf("login after enable: %v", err)
		}
		if code, out, _ := run(t, env, "user", "signout", "zhang"); code != 0 || !strings.Contains(out, " 1 个") {
			t.Fatalf("user signout: exit %d %q", code, out)
		}
		if _, err := acc.Authenticate(context.Background(), cookie); app.ErrorCode(err) != app.EUnauthorized {
			t.Fatalf("session after signout: %v", err)
		}
		if code, _, errs := run(t, env, "user", "password", "--username", "zhang", "--password", "n3w-secret"); code != 0 {
			t.Fatalf("user password: %s", errs)
		}
		if _, _, err := acc.Login(context.Background(), "zhang", "n3w-secret", "10.0.0.2"); err != nil {
			t.Fatalf("login with the new password: %v", err)
		}
		if code, _, _ := run(t, env, "user", "disable", "nobody"); code != 1 {
			t.Fatalf("disable an unknown user: exit %d", code)
		}
		if code, _, _ := run(t, env, "token", "revoke", "x"); code != 2 {
			t.Fatalf("revoke with a bad id: exit %d", code)
		}
	})
}
