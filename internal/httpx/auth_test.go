package httpx

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"govdesk/internal/account"
	"govdesk/internal/app"
)

// noAccounts knows no session and no token.
type noAccounts struct{}

func (noAccounts) Authenticate(context.Context, string) (account.Session, error) {
	return account.Session{}, app.Unauthorized("请先登录")
}

func (noAccounts) AuthenticateToken(context.Context, string) (account.User, error) {
	return account.User{}, app.Unauthorized("API 令牌无效或已吊销")
}

func TestAuth_Middleware(t *testing.T) {
	a := &Auth{Accounts: noAccounts{}}
	h := a.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) }))
	cases := []struct {
		path, auth string
		want       int
	}{
		{"/api/v1/orders", "Bearer gd_unknown", http.StatusUnauthorized},
		{"/api/v1/orders", "Basic eDp5", http.StatusUnauthorized},
		{"/api/v1/orders", "", http.StatusNoContent}, // no credentials: the handler decides
		{"/open311/v2/services.json", "Bearer someone-elses-token", http.StatusNoContent},
	}
	for _, c := range cases {
		req := httptest.NewRequest("GET", c.path, nil)
		if c.auth != "" {
			req.Header.Set("Authorization", c.auth)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != c.want {
			t.Errorf("%s with %q: %d, want %d", c.path, c.auth, rec.Code, c.want)
		}
	}
}

func TestStatus(t *testing.T) {
	for code, want := range map[string]int{app.EInvalid: 400, app.EUnauthorized: 401, app.EForbidden: 403, app.ENotFound: 404,
		app.EConflict: 409, app.EIllegalTransition: 409, app.EInternal: 500} {
		if got := Status(&app.Error{Code: code}); got != want {
			t.Errorf("%s → %d, want %d", code, got, want)
		}
	}
}
