package httpx

import (
	"bytes"
	"context"
	"crypto/subtle"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"time"

	"govdesk/internal/account"
	"govdesk/internal/app"
)

// SessionCookie is the name of the web session cookie.
const SessionCookie = "gd_session"

// Authenticator resolves session cookies and bearer tokens.
type Authenticator interface {
	Authenticate(ctx context.Context, token string) (account.Session, error)
	AuthenticateToken(ctx context.Context, token string) (account.User, error)
}

// Auth puts the actor of a valid session cookie or bearer token into the request
// context, and refuses cookie-authenticated unsafe requests without the session's
// CSRF token (form field csrf_token or header X-CSRF-Token). Requests without
// credentials pass through without an actor; handlers decide what they need.
type Auth struct {
	Accounts     Authenticator
	CookieSecure string // auto, always, never
}

type sessionKey struct{}

// SessionFrom returns the web session of the request, if it came with one.
func SessionFrom(ctx context.Context) (account.Session, bool) {
	s, ok := ctx.Value(sessionKey{}).(account.Session)
	return s, ok
}

// Middleware authenticates the request.
func (a *Auth) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := r.Context()
		if strings.HasPrefix(r.URL.Path, "/open311/") {
			// Open311 clients authenticate with api_key; whatever Authorization
			// header they send is theirs, not a govdesk credential.
			next.ServeHTTP(w, r)
			return
		}
		if h := r.Header.Get("Authorization"); h != "" {
			tok, ok := strings.CutPrefix(h, "Bearer ")
			if !ok {
				WriteError(w, r, app.Unauthorized("Authorization 头格式错误，应为 Bearer 令牌"))
				return
			}
			u, err := a.Accounts.AuthenticateToken(ctx, strings.TrimSpace(tok))
			if err != nil {
				WriteError(w, r, err)
				return
			}
			next.ServeHTTP(w, r.WithContext(app.WithActor(ctx, u.Actor())))
			return
		}
		if c, err := r.Cookie(SessionCookie); err == nil && c.Value != "" {
			sess, err := a.Accounts.Authenticate(ctx, c.Value)
			if err == nil {
				if unsafe(r.Method) && !a.csrfOK(r, sess.CSRFToken) {
					refuseCSRF(w, r)
					return
				}
				ctx = context.WithValue(app.WithActor(ctx, sess.User.Actor()), sessionKey{}, sess)
			} else if app.ErrorCode(err) != app.EUnauthorized {
				WriteError(w, r, err)
				return
			}
		}
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

func unsafe(method string) bool {
	return method != http.MethodGet && method != http.MethodHead && method != http.MethodOptions
}

// csrfOK checks the CSRF token before the body is read: from the X-CSRF-Token
// header, the csrf_token query parameter, or else the body's csrf_token field,
// read from at most maxTokenBody bytes of it — for a multipart form it must be
// the first part, as every form of the web interface sends it. A request
// without it is refused having read no more than that.
func (a *Auth) csrfOK(r *http.Request, want string) bool {
	got := r.Header.Get("X-CSRF-Token")
	if got == "" {
		got = r.URL.Query().Get("csrf_token")
	}
	if got == "" {
		got = bodyToken(r)
	}
	return got != "" && subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}

// maxTokenBody bounds what the CSRF check reads of a body to find the token.
const maxTokenBody = 64 << 10

// bodyToken returns the csrf_token field of a form body and puts back what it
// read, so the handler reads the whole body as sent.
func bodyToken(r *http.Request) string {
	ct, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || r.Body == nil {
		return ""
	}
	var seen bytes.Buffer
	peek := io.TeeReader(io.LimitReader(r.Body, maxTokenBody), &seen)
	defer func() {
		r.Body = replayBody{Reader: io.MultiReader(bytes.NewReader(seen.Bytes()), r.Body), Closer: r.Body}
	}()
	switch ct {
	case "application/x-www-form-urlencoded":
		b, _ := io.ReadAll(peek)
		if len(b) == maxTokenBody { // a long form: the fields whole within the bytes read
			b = b[:max(bytes.LastIndexByte(b, '&'), 0)]
		}
		v, err := url.ParseQuery(string(b))
		if err != nil {
			return ""
		}
		return v.Get("csrf_token")
	case "multipart/form-data":
		p, err := multipart.NewReader(peek, params["boundary"]).NextPart()
		if err != nil || p.FormName() != "csrf_token" {
			return ""
		}
		b, _ := io.ReadAll(io.LimitReader(p, 256))
		return string(b)
	}
	return ""
}

// replayBody is a request body with what was already read put back in front.
type replayBody struct {
	io.Reader
	io.Closer
}

// Secure reports whether cookies for this request get the Secure attribute.
func (a *Auth) Secure(r *http.Request) bool {
	switch a.CookieSecure {
	case "always":
		return true
	case "never":
		return false
	}
	return IsHTTPS(r)
}

// SetSession sets the session cookie.
func (a *Auth) SetSession(w http.ResponseWriter, r *http.Request, token string, expires time.Time) {
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: token, Path: "/", Expires: expires,
		HttpOnly: true, Secure: a.Secure(r), SameSite: http.SameSiteLaxMode})
}

// ClearSession removes the session cookie.
func (a *Auth) ClearSession(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: a.Secure(r), SameSite: http.SameSiteLaxMode})
}

// refuseCSRF answers a cookie-authenticated change without the session's CSRF token:
// JSON for the API, a short Chinese page for a web form.
func refuseCSRF(w http.ResponseWriter, r *http.Request) {
	err := app.Forbidden("页面已过期或请求来源无效（CSRF 校验失败），请刷新页面后重试")
	if strings.HasPrefix(r.URL.Path, "/api/") {
		WriteError(w, r, err)
		return
	}
	LogError(r, err)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusForbidden)
	io.WriteString(w, `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>页面已过期</title>`+
		`<p>页面已过期或请求来源无效（CSRF 校验失败）。请返回上一页刷新后重试，或<a href="/">回到工作台</a>。</p></html>`)
}
