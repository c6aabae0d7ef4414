package e2e

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"govdesk/internal/account"
	"govdesk/internal/app"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

// sessionCSRF returns the CSRF token of a signed-in client's session.
func sessionCSRF(t *testing.T, c *http.Client, base string) map[string]string {
	t.Helper()
	m := regexp.MustCompile(`name="csrf_token" value="([0-9a-f]+)"`).FindStringSubmatch(fetchRaw(t, c, base+"/"))
	if m == nil {
		t.Fatal("the home page has no CSRF token")
	}
	return map[string]string{"X-CSRF-Token": m[1]}
}

// TestAPI_TokensAndUserSwitches: tokens are issued from a signed-in page, listed
// without their secret, revoked and expired with a 401 in Chinese; a disabled user's
// sessions and tokens stop at once; signing out everywhere ends every session.
func TestAPI_TokensAndUserSwitches(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		base := startServer(t, db)
		acc := account.NewService(&store.Accounts{DB: db}, app.SystemClock{})
		admin := loginHTTP(t, base, "admin")
		csrf := sessionCSRF(t, admin, base)
		c := http.DefaultClient

		r := call(t, admin, "POST", base+"/api/v1/tokens", "", `{"username":"handler","name":"对接系统","expires_days":30}`, csrf)
		tok, _ := r.Body["token"].(string)
		if r.Status != 201 || !strings.HasPrefix(tok, "gd_") {
			t.Fatalf("admin issuing handler's token: %+v", r)
		}
		if r := call(t, admin, "POST", base+"/api/v1/tokens", "", `{"expires_days":400}`, csrf); r.Status != 400 {
			t.Fatalf("beyond the maximum lifetime: %+v", r)
		}
		if r := call(t, c, "POST", base+"/api/v1/tokens", tok, `{}`, nil); r.Status != 403 {
			t.Fatalf("a token minting a token: %+v", r)
		}
		r = call(t, c, "GET", base+"/api/v1/tokens", tok, "", nil)
		items, _ := r.Body["items"].([]any)
		if r.Status != 200 || len(items) != 1 {
			t.Fatalf("handler's own tokens: %+v", r)
		}
		item := items[0].(map[string]any)
		if item["prefix"] != tok[:11] || item["username"] != "handler" || item["status"] != "active" || strings.Contains(fmt.Sprint(r.Body), tok[11:]) {
			t.Fatalf("token listed as %+v", item)
		}
		if r := call(t, c, "GET", base+"/api/v1/tokens?username=admin", tok, "", nil); r.Status != 403 {
			t.Fatalf("a handler listing the admin's tokens: %+v", r)
		}
		id := int64(item["id"].(float64))

		// Revoked: refused at once, with a Chinese 401.
		if r := call(t, c, "POST", fmt.Sprintf("%s/api/v1/tokens/%d/revoke", base, id), tok, "", nil); r.Status != 200 || r.Body["status"] != "revoked" {
			t.Fatalf("revoke own token: %+v", r)
		}
		if r := call(t, c, "GET", base+"/api/v1/me", tok, "", nil); r.Status != 401 || errMessage(r) != "API 令牌已吊销" {
			t.Fatalf("revoked token: %+v", r)
		}
		// Expired: refused.
		hu, _ := acc.Store.FindUserByUsername(context.Background(), "handler")
		past := time.Now().Add(-48 * time.Hour)
		if _, err := acc.Store.CreateToken(context.Background(), account.Token{UserID: hu.ID, CreatedAt: past, ExpiresAt: past.Add(time.Hour)}, account.HashToken("gd_expired")); err != nil {
			t.Fatal(err)
		}
		if r := call(t, c, "GET", base+"/api/v1/me", "gd_expired", "", nil); r.Status != 401 || !strings.Contains(errMessage(r), "已过期") {
			t.Fatalf("expired token: %+v", r)
		}

		// Disabled: the user's session and token stop at once; only an admin may.
		tok2, _ := acc.CreateToken(context.Background(), "handler", "test")
		dispTok, _ := acc.CreateToken(context.Background(), "dispatcher", "test")
		handler := loginHTTP(t, base, "handler")
		if r := call(t, c, "POST", base+"/api/v1/users/handler/disable", dispTok, "", nil); r.Status != 403 {
			t.Fatalf("a dispatcher disabling: %+v", r)
		}
		if r := call(t, admin, "POST", base+"/api/v1/users/handler/disable", "", "", csrf); r.Status != 200 || r.Body["active"] != false {
			t.Fatalf("disable: %+v", r)
		}
		if r := call(t, handler, "GET", base+"/api/v1/me", "", "", nil); r.Status != 401 {
			t.Fatalf("disabled user's session: %+v", r)
		}
		if r := call(t, c, "GET", base+"/api/v1/me", tok2, "", nil); r.Status != 401 || !strings.Contains(errMessage(r), "停用") {
			t.Fatalf("disabled user's token: %+v", r)
		}
		if r := call(t, admin, "POST", base+"/api/v1/users/handler/enable", "", "", csrf); r.Status != 200 || r.Body["active"] != true {
			t.Fatalf("enable: %+v", r)
		}
		if r := call(t, c, "GET", base+"/api/v1/me", tok2, "", nil); r.Status != 200 {
			t.Fatalf("token after enabling: %+v", r)
		}

		// Sign out everywhere: every session of the user ends.
		h1, h2 := loginHTTP(t, base, "handler"), loginHTTP(t, base, "handler")
		if r := call(t, admin, "POST", base+"/api/v1/users/handler/signout", "", "", csrf); r.Status != 200 || r.Body["sessions_ended"].(float64) < 2 {
			t.Fatalf("signout: %+v", r)
		}
		for _, h := range []*http.Client{h1, h2} {
			if r := call(t, h, "GET", base+"/api/v1/me", "", "", nil); r.Status != 401 {
				t.Fatalf("a session survived signing out everywhere: %+v", r)
			}
		}
		if r := call(t, admin, "GET", base+"/api/v1/me", "", "", nil); r.Status != 200 {
			t.Fatalf("the admin's own session ended: %+v", r)
		}
	})
}
