package server

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"time"

	"govdesk/internal/account"
	"govdesk/internal/api"
	"govdesk/internal/asset"
	"govdesk/internal/catalog"
	"govdesk/internal/evaluation"
	"govdesk/internal/httpx"
	"govdesk/internal/knowledge"
	"govdesk/internal/open311"
	"govdesk/internal/project"
	"govdesk/internal/report"
	"govdesk/internal/selfeval"
	"govdesk/internal/stats"
	"govdesk/internal/web"
	"govdesk/internal/workorder"
)

// Deps are the services behind every surface.
type Deps struct {
	Accounts     *account.Service
	Policies     *workorder.Policies
	Orders       *workorder.Service
	Stats        *stats.Service
	Assets       *asset.Service    // assets, devices, faults, availability; nil turns them off
	Importer     web.OrderImporter // order spreadsheets for the web page; nil turns the page off
	Open311      *open311.Handler  // the Open311 API and the public page; nil turns them off
	Calendar     web.CalendarSource
	CookieSecure string

	// Service items, cases, 好差评 and rectifications; nil turns them off.
	Catalog     *catalog.Service
	Evaluations *evaluation.Service
	// Open311Admin backs the admin's page of Open311 services; nil turns it off.
	Open311Admin web.Open311Services
	// Projects backs construction projects and support policies (SPEC §6.1); nil turns them off.
	Projects *project.Service
	// Knowledge backs the knowledge-base API; nil turns it off.
	Knowledge *knowledge.Service
	Suggester *knowledge.Suggester
	// SelfEval backs the self-evaluation pages (SPEC §10); nil turns them off.
	SelfEval *selfeval.Service
	// Reports backs the briefs (SPEC §9); nil turns them off.
	Reports *report.Service
	// Ping checks the database for /healthz.
	Ping func(ctx context.Context) error
}

// New returns the root handler. It fails when a template does not parse.
func New(d Deps) (http.Handler, error) {
	auth := &httpx.Auth{Accounts: d.Accounts, CookieSecure: d.CookieSecure}
	ui, err := web.New(web.Deps{Accounts: d.Accounts, Policies: d.Policies, Orders: d.Orders, Importer: d.Importer,
		Calendar: d.Calendar, Auth: auth, Catalog: d.Catalog, Evaluations: d.Evaluations, Assets: d.Assets, Projects: d.Projects, Stats: d.Stats,
		Open311: d.Open311Admin, Knowledge: d.Knowledge, Suggester: d.Suggester, PublicLimit: publicLimit(d)})
	if err != nil {
		return nil, err
	}
	ui.SelfEval = d.SelfEval
	ui.Reports = d.Reports
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if err := d.Ping(ctx); err != nil {
			slog.Error("health check", "err", err)
			httpx.WriteJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "error", "message": "数据库不可用"})
			return
		}
		httpx.WriteJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	ui.Routes(mux)
	if d.SelfEval != nil {
		(&api.SelfEval{Service: d.SelfEval}).Routes(mux)
	}
	if d.Open311 != nil {
		d.Open311.Routes(mux)
	}
	(&api.API{Accounts: d.Accounts, Orders: d.Orders, Stats: d.Stats, Assets: d.Assets}).Routes(mux)
	if d.Knowledge != nil {
		(&api.Knowledge{Knowledge: d.Knowledge, Suggester: d.Suggester}).Routes(mux)
	}
	if d.Catalog != nil && d.Evaluations != nil {
		(&api.Catalog{Catalog: d.Catalog, Evaluations: d.Evaluations}).Routes(mux)
	}
	if d.Projects != nil {
		(&api.Projects{Service: d.Projects}).Routes(mux)
	}
	root := noRoute(mux, ui)
	return httpx.Recover(httpx.Log(httpx.SecurityHeaders(BodyLimits.Middleware(auth.Middleware(root))))), nil
}

// noRoute answers in Chinese, with the error page, what the mux would answer with
// Go's English "404 page not found" or "Method Not Allowed" (the API and Open311 have
// catch-alls of their own that answer in their formats).
func noRoute(mux *http.ServeMux, ui *web.UI) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h, pattern := mux.Handler(r)
		if pattern != "" {
			mux.ServeHTTP(w, r)
			return
		}
		rec := &statusOnly{header: http.Header{}}
		h.ServeHTTP(rec, r)
		if rec.status != http.StatusNotFound && rec.status != http.StatusMethodNotAllowed {
			mux.ServeHTTP(w, r) // a redirect to the clean path
			return
		}
		ui.NoRoute(w, r, rec.status == http.StatusMethodNotAllowed)
	})
}

// statusOnly records the status a handler writes and discards its body.
type statusOnly struct {
	header http.Header
	status int
}

func (s *statusOnly) Header() http.Header { return s.header }
func (s *statusOnly) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	return len(b), nil
}
func (s *statusOnly) WriteHeader(code int) { s.status = code }

// BodyLimits caps every request body by route kind, before the CSRF check
// reads any of it (docs/security.md): ordinary forms and JSON 1 MB;
// attachments the largest attachment (SPEC §4) and 1 MB of form around it;
// spreadsheet imports 16 MB (a 10 MB file carried in base64 through the
// import's column-mapping step, and the form around it).
var BodyLimits = httpx.BodyLimits{
	Form:   1 << 20,
	Upload: workorder.MaxAttachmentBytes + 1<<20,
	Import: 16 << 20,
}

// publicLimit is the limiter of the public look-ups: the public page's when it is on,
// so the policy-status page and the order look-up share one budget per address.
func publicLimit(d Deps) *httpx.Limiter {
	if d.Open311 != nil {
		return d.Open311.LookupLimit
	}
	return nil
}

// Run serves h on ln until ctx is done, then shuts down gracefully.
func Run(ctx context.Context, ln net.Listener, h http.Handler) error {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 5 * time.Minute, WriteTimeout: 5 * time.Minute, IdleTimeout: 2 * time.Minute}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		err := srv.Shutdown(sctx)
		if e := <-errc; !errors.Is(e, http.ErrServerClosed) && err == nil {
			err = e
		}
		return err
	}
}
