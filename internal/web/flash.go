package web

import (
	"encoding/base64"
	"net/http"
	"strings"
	"time"
)

// flashCookie carries the outcome of an action across its redirect (post/redirect/get).
const flashCookie = "gd_flash"

// flash is a one-time message: Kind is "ok" or "error".
type flash struct {
	Kind    string
	Message string
}

// setFlash stores a message for the next page the browser opens.
func (ui *UI) setFlash(w http.ResponseWriter, r *http.Request, kind, msg string) {
	v := base64.RawURLEncoding.EncodeToString([]byte(kind + "\n" + msg))
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: v, Path: "/", MaxAge: 120,
		HttpOnly: true, Secure: ui.Auth != nil && ui.Auth.Secure(r), SameSite: http.SameSiteLaxMode})
}

// takeFlash returns the pending message of a GET request and clears it.
func takeFlash(w http.ResponseWriter, r *http.Request) flash {
	if r.Method != http.MethodGet {
		return flash{}
	}
	c, err := r.Cookie(flashCookie)
	if err != nil || c.Value == "" {
		return flash{}
	}
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Path: "/", MaxAge: -1, Expires: time.Unix(0, 0)})
	b, err := base64.RawURLEncoding.DecodeString(c.Value)
	if err != nil {
		return flash{}
	}
	kind, msg, _ := strings.Cut(string(b), "\n")
	if kind != "ok" {
		kind = "error"
	}
	return flash{Kind: kind, Message: msg}
}

// redirectWith sets a flash message and sends the browser to path.
func (ui *UI) redirectWith(w http.ResponseWriter, r *http.Request, path, kind, msg string) {
	ui.setFlash(w, r, kind, msg)
	http.Redirect(w, r, path, http.StatusSeeOther)
}
