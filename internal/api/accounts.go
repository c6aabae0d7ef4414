package api

import (
	"net/http"
	"time"

	"govdesk/internal/account"
	"govdesk/internal/app"
	"govdesk/internal/httpx"
)

// accountRoutes registers the switches of accounts: API tokens (a user's own, or
// anyone's for an admin) and disabling users or ending their sessions.
func (a *API) accountRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /api/v1/tokens", a.listTokens)
	mux.HandleFunc("POST /api/v1/tokens", a.createToken)
	mux.HandleFunc("POST /api/v1/tokens/{id}/revoke", a.revokeToken)
	mux.HandleFunc("POST /api/v1/users/{username}/disable", a.setUserActive(false))
	mux.HandleFunc("POST /api/v1/users/{username}/enable", a.setUserActive(true))
	mux.HandleFunc("POST /api/v1/users/{username}/signout", a.signOut)
}

// tokenJSON is an API token as lists show it: never the secret.
type tokenJSON struct {
	ID         int64      `json:"id"`
	Username   string     `json:"username"`
	Name       string     `json:"name"`
	Prefix     string     `json:"prefix"`
	CreatedAt  time.Time  `json:"created_at"`
	LastUsedAt *time.Time `json:"last_used_at"`
	ExpiresAt  time.Time  `json:"expires_at"`
	RevokedAt  *time.Time `json:"revoked_at"`
	Status     string     `json:"status"`
}

func toTokenJSON(t account.Token, now time.Time) tokenJSON {
	opt := func(v time.Time) *time.Time {
		if v.IsZero() {
			return nil
		}
		v = v.In(app.Shanghai)
		return &v
	}
	return tokenJSON{ID: t.ID, Username: t.Username, Name: t.Name, Prefix: t.Prefix, CreatedAt: t.CreatedAt.In(app.Shanghai),
		LastUsedAt: opt(t.LastUsedAt), ExpiresAt: t.Expiry().In(app.Shanghai), RevokedAt: opt(t.RevokedAt), Status: t.Status(now)}
}

func (a *API) listTokens(w http.ResponseWriter, r *http.Request) {
	list, err := a.Accounts.Tokens(r.Context(), r.URL.Query().Get("username"))
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	now := a.Accounts.Clock.Now()
	out := make([]tokenJSON, 0, len(list))
	for _, t := range list {
		out = append(out, toTokenJSON(t, now))
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]any{"items": out, "total": len(out)})
}

// createToken issues a token. Only a signed-in page may ask: a bearer token cannot
// mint another, or a stolen token would outlive its own revocation.
func (a *API) createToken(w http.ResponseWriter, r *http.Request) {
	if _, ok := httpx.SessionFrom(r.Context()); !ok {
		if _, err := app.RequireActor(r.Context()); err != nil {
			httpx.WriteError(w, r, err)
			return
		}
		httpx.WriteError(w, r, app.Forbidden("API 令牌只能在登录后的页面中签发，不能用另一个令牌签发"))
		return
	}
	var in struct {
		Username    string `json:"username"`
		Name        string `json:"name"`
		ExpiresDays int    `json:"expires_days"`
	}
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	if in.ExpiresDays < 0 {
		httpx.WriteError(w, r, app.Invalid("expires_days 不能为负数"))
		return
	}
	secret, t, err := a.Accounts.IssueToken(r.Context(), account.NewToken{Username: in.Username, Name: in.Name,
		TTL: time.Duration(in.ExpiresDays) * 24 * time.Hour})
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusCreated, map[string]any{"token": secret, "item": toTokenJSON(t, a.Accounts.Clock.Now())})
}

func (a *API) revokeToken(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r, "id", "API 令牌")
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	t, err := a.Accounts.RevokeToken(r.Context(), id)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, toTokenJSON(t, a.Accounts.Clock.Now()))
}

func (a *API) setUserActive(active bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var u account.User
		var err error
		if active {
			u, err = a.Accounts.EnableUser(r.Context(), r.PathValue("username"))
		} else {
			u, err = a.Accounts.DisableUser(r.Context(), r.PathValue("username"))
		}
		if err != nil {
			httpx.WriteError(w, r, err)
			return
		}
		httpx.WriteJSON(w, http.StatusOK, map[string]any{"username": u.Username, "name": u.Name, "active": u.Active})
	}
}

func (a *API) signOut(w http.ResponseWriter, r *http.Request) {
	n, err := a.Accounts.SignOutEverywhere(r.Context(), r.PathValue("username"))
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]any{"username": r.PathValue("username"), "sessions_ended": n})
}
