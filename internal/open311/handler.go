package open311

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/georeport"
	"govdesk/internal/httpx"
	"govdesk/internal/privacy"
	"govdesk/internal/workorder"
)

// Orders is the part of the order service the adapter uses (*workorder.Service).
type Orders interface {
	Create(ctx context.Context, in workorder.NewOrder) (workorder.Order, []workorder.Order, error)
	Get(ctx context.Context, id int64) (workorder.Order, error)
	List(ctx context.Context, f workorder.Filter) ([]workorder.Order, int, error)
}

// Handler serves /open311/ and /public/.
type Handler struct {
	Orders Orders
	Store  georeport.Store
	Clock  app.Clock
	// KeyLimit limits POST requests per API key; IPLimit limits the public page's
	// submissions and LookupLimit its look-ups per client address.
	KeyLimit, IPLimit, LookupLimit *httpx.Limiter
	// FormMinAge is how long a public form must have been open before it is accepted (bots post at once).
	FormMinAge time.Duration

	public *publicPages
}

// New returns the handler with the default limits; it fails when a template does not parse.
func New(orders Orders, st georeport.Store, clock app.Clock) (*Handler, error) {
	h := &Handler{Orders: orders, Store: st, Clock: clock,
		KeyLimit:    &httpx.Limiter{Max: 60, Window: time.Minute},
		IPLimit:     &httpx.Limiter{Max: 5, Window: 10 * time.Minute},
		LookupLimit: &httpx.Limiter{Max: 30, Window: 10 * time.Minute},
		FormMinAge:  2 * time.Second}
	p, err := newPublicPages()
	if err != nil {
		return nil, err
	}
	h.public = p
	return h, nil
}

// Routes registers every route of the API and of the public page.
func (h *Handler) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /open311/{res}", h.discovery)
	mux.HandleFunc("GET /open311/v2/{res}", h.getResource)
	mux.HandleFunc("POST /open311/v2/{res}", h.postRequest)
	mux.HandleFunc("GET /open311/v2/services/{code}", h.getDefinition)
	mux.HandleFunc("GET /open311/v2/requests/{id}", h.getRequest)
	mux.HandleFunc("GET /open311/v2/tokens/{token}", h.getToken)
	mux.HandleFunc("/open311/", func(w http.ResponseWriter, r *http.Request) {
		_, f, _ := splitFormat(r.URL.Path)
		writeErrors(w, f, http.StatusNotFound, "资源不存在："+r.URL.Path)
	})
	h.publicRoutes(mux)
}

// splitFormat splits "services.json" into "services" and "json"; the format is xml
// when absent; ok is false for any other extension.
func splitFormat(s string) (name, format string, ok bool) {
	s = s[strings.LastIndex(s, "/")+1:]
	i := strings.LastIndex(s, ".")
	if i < 0 {
		return s, "xml", true
	}
	switch ext := strings.ToLower(s[i+1:]); ext {
	case "xml", "json":
		return s[:i], ext, true
	}
	return s[:i], "xml", false
}

// reader is the actor of reads: the public, which sees every order (the handler shows
// only published ones) with no citizen and free text scrubbed (workorder.Present).
var reader = app.Actor{Username: "open311", Name: "Open311", Role: app.RolePublic}

func readCtx(r *http.Request) context.Context { return app.WithActor(r.Context(), reader) }

// fail writes an error of the service layer as the standard's error body.
func fail(w http.ResponseWriter, r *http.Request, format string, err error) {
	status := http.StatusBadRequest
	switch app.ErrorCode(err) {
	case app.ENotFound:
		status = http.StatusNotFound
	case app.EForbidden, app.EUnauthorized:
		status = http.StatusForbidden
	case app.EInternal:
		httpx.LogError(r, err)
		writeErrors(w, format, http.StatusInternalServerError, "服务暂时不可用，请稍后再试")
		return
	}
	slog.Debug("open311 error", "path", r.URL.Path, "err", privacy.Mask(err.Error()))
	writeErrors(w, format, status, app.ErrorMessage(err))
}

func (h *Handler) discovery(w http.ResponseWriter, r *http.Request) {
	name, format, ok := splitFormat(r.PathValue("res"))
	if !ok || name != "discovery" {
		writeErrors(w, format, http.StatusNotFound, "资源不存在："+r.URL.Path)
		return
	}
	scheme := "http"
	if httpx.IsHTTPS(r) {
		scheme = "https"
	}
	ep := object{{"specification", "http://wiki.open311.org/GeoReport_v2"}, {"url", scheme + "://" + r.Host + "/open311/v2"},
		{"changeset", "2026-11-26T00:00:00+08:00"}, {"type", "production"}, {"formats", []string{"text/xml", "application/json"}}}
	write(w, format, http.StatusOK, "discovery", object{{"changeset", "2026-11-26T00:00:00+08:00"},
		{"contact", "请联系本中心 12345 热线"}, {"key_service", "API 密钥由中心管理员用 govdesk open311 key create 签发"},
		{"endpoints", list{root: "endpoints", item: "endpoint", items: []object{ep}}}})
}

func (h *Handler) getResource(w http.ResponseWriter, r *http.Request) {
	name, format, ok := splitFormat(r.PathValue("res"))
	switch {
	case !ok:
		writeErrors(w, format, http.StatusBadRequest, "格式只支持 xml 和 json")
	case name == "services":
		h.getServices(w, r, format)
	case name == "requests":
		h.getRequests(w, r, format)
	case name == "discovery":
		h.discovery(w, r)
	default:
		writeErrors(w, format, http.StatusNotFound, "资源不存在："+r.URL.Path)
	}
}

func (h *Handler) getServices(w http.ResponseWriter, r *http.Request, format string) {
	c, err := loadCatalog(r.Context(), h.Store)
	if err != nil {
		fail(w, r, format, err)
		return
	}
	l := list{root: "services", item: "service"}
	for _, s := range c.services {
		l.items = append(l.items, serviceObject(s))
	}
	write(w, format, http.StatusOK, "", l)
}

func (h *Handler) getDefinition(w http.ResponseWriter, r *http.Request) {
	code, format, ok := splitFormat(r.PathValue("code"))
	if !ok {
		writeErrors(w, format, http.StatusBadRequest, "格式只支持 xml 和 json")
		return
	}
	c, err := loadCatalog(r.Context(), h.Store)
	if err != nil {
		fail(w, r, format, err)
		return
	}
	s, found := c.byCode[code]
	if !found {
		writeErrors(w, format, http.StatusNotFound, "service_code "+code+" 不存在")
		return
	}
	write(w, format, http.StatusOK, "service_definition", definitionObject(s))
}
