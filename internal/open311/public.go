package open311

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"html/template"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/georeport"
	"govdesk/internal/httpx"
	"govdesk/internal/privacy"
	"govdesk/internal/workorder"
)

//go:embed templates/*.html static/*.css
var assets embed.FS

type publicPages struct {
	tmpl   *template.Template
	css    []byte
	mu     sync.Mutex
	secret []byte
}

func newPublicPages() (*publicPages, error) {
	t, err := template.New("public").Funcs(template.FuncMap{"local": local}).ParseFS(assets, "templates/*.html")
	if err != nil {
		return nil, err
	}
	css, err := assets.ReadFile("static/public.css")
	if err != nil {
		return nil, err
	}
	return &publicPages{tmpl: t, css: css}, nil
}

// local shows a w3 time as Beijing time to the minute.
func local(s string) string {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return s
	}
	return t.In(zone).Format("2006-01-02 15:04")
}

// publicForm holds what the citizen typed, to show it again after an error.
type publicForm struct {
	Code, Type, Description, Address, Name, Phone, No string
}

type publicData struct {
	Title, Error, FormToken, CSRF, No string
	Services                          []Service
	Types                             []string
	Form                              publicForm
	View                              *View
}

// formMaxAge is how long a form stays valid.
const formMaxAge = 2 * time.Hour

func (h *Handler) publicRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /public/{$}", h.publicIndex)
	mux.HandleFunc("POST /public/requests", h.publicFile)
	mux.HandleFunc("GET /public/lookup", h.publicLookupPage)
	mux.HandleFunc("POST /public/lookup", h.publicLookup)
	mux.HandleFunc("GET /public/static/public.css", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
		w.Header().Set("Cache-Control", "public, max-age=3600")
		w.Write(h.public.css)
	})
}

// formSecret returns the database's secret for form tokens, loading it once.
func (h *Handler) formSecret(ctx context.Context) ([]byte, error) {
	p := h.public
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.secret == nil {
		s, err := h.Store.Secret(ctx, "public_form", func() string { return georeport.RandomHex(32) })
		if err != nil {
			return nil, err
		}
		p.secret = []byte(s)
	}
	return p.secret, nil
}

func sign(secret []byte, ts string) string {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte("public-form:" + ts))
	return hex.EncodeToString(m.Sum(nil))
}

// formToken is a signed time stamp: the form's age proves a person took time to fill it.
func (h *Handler) formToken(ctx context.Context) (string, error) {
	secret, err := h.formSecret(ctx)
	if err != nil {
		return "", err
	}
	ts := strconv.FormatInt(h.Clock.Now().UnixMilli(), 10)
	return ts + "." + sign(secret, ts), nil
}

// checkFormToken reports whether a token is genuine and between FormMinAge and formMaxAge old.
func (h *Handler) checkFormToken(ctx context.Context, tok string) bool {
	ts, mac, ok := strings.Cut(tok, ".")
	secret, err := h.formSecret(ctx)
	if !ok || err != nil || !hmac.Equal([]byte(mac), []byte(sign(secret, ts))) {
		return false
	}
	ms, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return false
	}
	age := h.Clock.Now().Sub(time.UnixMilli(ms))
	return age >= h.FormMinAge && age <= formMaxAge
}

func (h *Handler) render(w http.ResponseWriter, r *http.Request, status int, name string, d publicData) {
	if s, ok := httpx.SessionFrom(r.Context()); ok {
		d.CSRF = s.CSRFToken // a signed-in member of staff posts through the CSRF check
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	if err := h.public.tmpl.ExecuteTemplate(w, name, d); err != nil {
		slog.Error("render public page", "page", name, "err", err)
	}
}

func (h *Handler) renderIndex(w http.ResponseWriter, r *http.Request, status int, d publicData) {
	c, err := loadCatalog(r.Context(), h.Store)
	if err == nil {
		d.FormToken, err = h.formToken(r.Context())
	}
	if err != nil {
		httpx.LogError(r, err)
		h.render(w, r, http.StatusInternalServerError, "index", publicData{Title: "提交诉求", Error: "服务暂时不可用，请稍后再试"})
		return
	}
	d.Title, d.Services, d.Types = "提交诉求", c.services, Types()
	h.render(w, r, status, "index", d)
}

func (h *Handler) publicIndex(w http.ResponseWriter, r *http.Request) {
	h.renderIndex(w, r, http.StatusOK, publicData{Form: publicForm{Type: "投诉"}})
}

// publicActor files the public page's requests.
var publicActor = app.Actor{Username: "public", Name: "公众网页", Role: app.RoleOperator}

func (h *Handler) publicFile(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	_ = r.ParseForm()
	f := publicForm{Code: r.PostFormValue("service_code"), Type: r.PostFormValue("type"),
		Description: strings.TrimSpace(r.PostFormValue("description")), Address: strings.TrimSpace(r.PostFormValue("address")),
		Name: strings.TrimSpace(r.PostFormValue("name")), Phone: strings.TrimSpace(r.PostFormValue("phone"))}
	again := func(status int, msg string) { h.renderIndex(w, r, status, publicData{Error: msg, Form: f}) }
	if r.PostFormValue("website") != "" || !h.checkFormToken(r.Context(), r.PostFormValue("form_token")) {
		again(http.StatusBadRequest, "提交过快或页面已过期，请核对内容后重新提交。")
		return
	}
	if !h.IPLimit.Allow("ip:"+httpx.ClientIP(r), h.Clock.Now()) {
		again(http.StatusTooManyRequests, "提交过于频繁，请稍后再试。")
		return
	}
	c, err := loadCatalog(r.Context(), h.Store)
	if err != nil {
		again(http.StatusInternalServerError, citizenMessage(r, err))
		return
	}
	svc, ok := c.byCode[f.Code]
	switch {
	case !ok:
		again(http.StatusBadRequest, "请选择诉求分类。")
		return
	case f.Address == "":
		again(http.StatusBadRequest, "请填写地点或地址。")
		return
	case f.Phone == "":
		again(http.StatusBadRequest, "请填写联系电话，查询进度时需要。")
		return
	case len([]rune(f.Description)) > 4000:
		again(http.StatusBadRequest, "诉求内容不能超过 4000 字。")
		return
	}
	in := workorder.NewOrder{Type: f.Type, Content: f.Description, CitizenName: f.Name, CitizenPhone: f.Phone,
		Anonymous: f.Name == "", Address: f.Address, Category: svc.Path, Source: georeport.Source}
	o, err := h.file(app.WithActor(r.Context(), publicActor), in, georeport.Meta{Token: georeport.RandomHex(16), Attributes: "{}"})
	if err != nil {
		again(httpx.Status(err), citizenMessage(r, err))
		return
	}
	h.render(w, r, http.StatusOK, "filed", publicData{Title: "诉求已提交", No: o.No})
}

// citizenMessage is what a citizen reads when filing fails: what to correct in the
// form when it was what they typed (invalid); for anything else, which is the
// system's business and never theirs, a polite sentence, the detail going to the log.
func citizenMessage(r *http.Request, err error) string {
	if app.ErrorCode(err) == app.EInvalid {
		return app.ErrorMessage(err)
	}
	slog.Error("public filing failed", "path", r.URL.Path, "code", app.ErrorCode(err), "err", privacy.Mask(err.Error()))
	return "抱歉，系统暂时无法受理您的诉求，请稍后再试。您填写的内容已保留，也可拨打 12345 热线反映。"
}

func (h *Handler) publicLookupPage(w http.ResponseWriter, r *http.Request) {
	h.render(w, r, http.StatusOK, "lookup", publicData{Title: "查询诉求"})
}

func (h *Handler) publicLookup(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 8<<10)
	_ = r.ParseForm()
	d := publicData{Title: "查询诉求", Form: publicForm{No: strings.TrimSpace(r.PostFormValue("no"))}}
	phone := workorder.NormalizePhone(r.PostFormValue("phone"))
	if !h.LookupLimit.Allow("ip:"+httpx.ClientIP(r), h.Clock.Now()) {
		d.Error = "查询过于频繁，请稍后再试。"
		h.render(w, r, http.StatusTooManyRequests, "lookup", d)
		return
	}
	id, err := h.Store.FindOrderIDByNoPhone(r.Context(), d.Form.No, phone)
	var views []View
	if err == nil {
		var o workorder.Order
		if o, err = h.Orders.Get(readCtx(r), id); err == nil {
			views, err = h.views(readCtx(r), []workorder.Order{o})
		}
	}
	switch {
	case app.ErrorCode(err) == app.ENotFound:
		d.Error = "未找到该编号和联系电话对应的诉求，请核对后重试。"
		h.render(w, r, http.StatusNotFound, "lookup", d)
	case err != nil:
		httpx.LogError(r, err)
		d.Error = "服务暂时不可用，请稍后再试。"
		h.render(w, r, http.StatusInternalServerError, "lookup", d)
	default:
		d.View = &views[0]
		h.render(w, r, http.StatusOK, "lookup", d)
	}
}
