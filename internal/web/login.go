package web

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

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

// safeNext accepts only a path on this site as the page to return to after login,
// and answers "/" for anything else. Browsers forgive a great deal in a Location
// header ("/\\evil", "/<TAB>/evil" and "/%2F%2Fevil" all leave the site), so the
// rule is strict: no scheme, host or user; no backslash, control character or
// white space anywhere, before or after percent-decoding; and a path that is
// already clean (no "//", "." or ".." segments) once decoded.
func safeNext(next string) string {
	if next == "" || len(next) > 2048 || next[0] != '/' {
		return "/"
	}
	dec := next
	for i := 0; ; i++ {
		if strings.ContainsFunc(dec, unsafeRune) {
			return "/"
		}
		d, err := url.PathUnescape(dec)
		if err != nil || i == 3 && d != dec {
			return "/" // malformed, or encoded again and again
		}
		if d == dec {
			break
		}
		dec = d
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" {
		return "/"
	}
	p := u.Path
	for i := 0; i < 3; i++ {
		if d, err := url.PathUnescape(p); err == nil {
			p = d
		}
	}
	clean := path.Clean(p)
	if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") || (p != clean && p != clean+"/") {
		return "/"
	}
	return next
}

// unsafeRune reports a character no return path may hold: a backslash, a control
// character or any white space (including the ideographic space).
func unsafeRune(r rune) bool {
	return r == '\\' || unicode.IsControl(r) || unicode.IsSpace(r) || r == utf8.RuneError
}

func actor(r *http.Request) (app.Actor, bool) { return app.ActorFrom(r.Context()) }
