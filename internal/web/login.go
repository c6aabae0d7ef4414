package web

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"net/http"
	"strings"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/httpx"
)

// loginCSRFCookie carries the double-submit token of the login form (there is no session yet).
const loginCSRFCookie = "gd_login_csrf"

type loginData struct {
	Username string
	Next     string
	Token    string
}

func (ui *UI) loginPage(w http.ResponseWriter, r *http.Request) {
	if _, ok := app.ActorFrom(r.Context()); ok {
		http.Redirect(w, r, safeNext(r.URL.Query().Get("next")), http.StatusSeeOther)
		return
	}
	ui.showLogin(w, r, http.StatusOK, "", loginData{Next: r.URL.Query().Get("next")})
}

func (ui *UI) showLogin(w http.ResponseWriter, r *http.Request, status int, msg string, d loginData) {
	b := make([]byte, 16)
	rand.Read(b)
	d.Token = hex.EncodeToString(b)
	http.SetCookie(w, &http.Cookie{Name: loginCSRFCookie, Value: d.Token, Path: "/login", HttpOnly: true,
		Secure: ui.Auth.Secure(r), SameSite: http.SameSiteStrictMode, MaxAge: 3600})
	ui.render(w, r, status, "login", page{Title: "登录", Error: msg, Data: d})
}

func (ui *UI) login(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	d := loginData{Username: strings.TrimSpace(r.PostFormValue("username")), Next: r.PostFormValue("next")}
	c, err := r.Cookie(loginCSRFCookie)
	form := r.PostFormValue("csrf_token")
	if err != nil || form == "" || subtle.ConstantTimeCompare([]byte(c.Value), []byte(form)) != 1 {
		ui.showLogin(w, r, http.StatusForbidden, "登录页面已过期，请重新输入后登录", d)
		return
	}
	if d.Username == "" || r.PostFormValue("password") == "" {
		ui.showLogin(w, r, http.StatusBadRequest, "请输入用户名和密码", d)
		return
	}
	token, sess, err := ui.Accounts.Login(r.Context(), d.Username, r.PostFormValue("password"), httpx.ClientIP(r))
	if err != nil {
		httpx.LogError(r, err)
		ui.showLogin(w, r, httpx.Status(err), app.ErrorMessage(err), d)
		return
	}
	ui.Auth.SetSession(w, r, token, sess.ExpiresAt)
	http.SetCookie(w, &http.Cookie{Name: loginCSRFCookie, Path: "/login", MaxAge: -1, Expires: time.Unix(0, 0)})
	http.Redirect(w, r, safeNext(d.Next), http.StatusSeeOther)
}

func (ui *UI) logout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(httpx.SessionCookie); err == nil {
		if err := ui.Accounts.Logout(r.Context(), c.Value); err != nil {
			httpx.LogError(r, err)
		}
	}
	ui.Auth.ClearSession(w, r)
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}

// safeNext accepts only a local path as the page to return to after login.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/"
	}
	return next
}

func actor(r *http.Request) (app.Actor, bool) { return app.ActorFrom(r.Context()) }
