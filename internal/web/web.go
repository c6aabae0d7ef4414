package web

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"govdesk/internal/account"
	"govdesk/internal/app"
	"govdesk/internal/asset"
	"govdesk/internal/catalog"
	"govdesk/internal/evaluation"
	"govdesk/internal/httpx"
	"govdesk/internal/knowledge"
	"govdesk/internal/project"
	"govdesk/internal/report"
	"govdesk/internal/selfeval"
	"govdesk/internal/sheet"
	"govdesk/internal/stats"
	"govdesk/internal/workday"
	"govdesk/internal/workorder"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// CalendarSource loads the working-day calendar with the admin's overrides.
type CalendarSource interface {
	Load(ctx context.Context) (*workday.Calendar, error)
	FindOverrides(ctx context.Context) ([]workday.Override, error)
}

// OrderImporter imports and exports order spreadsheets (SPEC §4.5); *workorder.Importer.
type OrderImporter interface {
	Import(ctx context.Context, tab *sheet.Table, skipInvalid bool) (workorder.ImportSummary, []sheet.RowError, error)
	Export(ctx context.Context, f workorder.Filter, write func(row []string) error) (int, error)
}

// Deps are the services the pages use.
type Deps struct {
	Accounts *account.Service
	Policies *workorder.Policies
	Orders   *workorder.Service
	Importer OrderImporter // nil: the import page and the export link are off
	Calendar CalendarSource
	Assets   *asset.Service // nil: the device and asset pages are off
	Auth     *httpx.Auth

	// Service items, cases, 好差评 and rectifications (SPEC §6, §7); nil turns those pages off.
	Catalog     *catalog.Service
	Evaluations *evaluation.Service

	// Open311 lists and hides the services of Open311 and the public page; nil turns the page off.
	Open311 Open311Services

	// Projects backs the project board and the policy pages (SPEC §6.1); nil turns them off.
	Projects *project.Service

	// SelfEval backs the performance self-evaluation pages (SPEC §10); nil turns them off.
	SelfEval *selfeval.Service

	// Reports backs the briefs (SPEC §9): weekly, monthly, annual; nil turns them off.
	Reports *report.Service

	// Stats backs the dashboards' figures and the orders list's figure drill-down; nil leaves them out.
	Stats *stats.Service

	// Knowledge backs the call screen and the article pages (SPEC §5); nil turns them off.
	Knowledge *knowledge.Service
	Suggester *knowledge.Suggester // dispatch suggestions on the new-order form; nil: none

	// PublicLimit limits the look-ups of the public policy-status page per client
	// address; the server hands it the public page's look-up limiter, so both share
	// one budget. Nil: 30 look-ups per 10 minutes of its own.
	PublicLimit *httpx.Limiter

	// Clock is the time every page reads (today, the current year, what is overdue);
	// nil: the system clock.
	Clock app.Clock
}

// UI is the web interface.
type UI struct {
	Deps
	pages map[string]*template.Template
}

// New parses every template; an error here stops the server from starting.
func New(d Deps) (*UI, error) {
	if d.Clock == nil {
		d.Clock = app.SystemClock{}
	}
	if d.PublicLimit == nil {
		d.PublicLimit = &httpx.Limiter{Max: 30, Window: 10 * time.Minute}
	}
	ui := &UI{Deps: d, pages: map[string]*template.Template{}}
	base, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/partials.html")
	if err != nil {
		return nil, fmt.Errorf("parse layout: %w", err)
	}
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	for _, n := range names {
		name := strings.TrimSuffix(strings.TrimPrefix(n, "templates/"), ".html")
		if name == "layout" || name == "partials" {
			continue
		}
		t, err := template.Must(base.Clone()).ParseFS(templateFS, n)
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", n, err)
		}
		ui.pages[name] = t
	}
	return ui, nil
}

// Static serves the embedded static files.
func Static() http.Handler {
	sub, _ := fs.Sub(staticFS, "static")
	return http.StripPrefix("/static/", http.FileServerFS(sub))
}

// page is what every template gets.
type page struct {
	Title       string
	Actor       app.Actor
	LoggedIn    bool
	CSRF        string
	Nav         []navItem
	Breadcrumbs []crumb
	Error       string
	Flash       flash // the outcome of the previous action, shown once
	Unread      int   // the actor's unread notices, for the navigation badge
	Data        any
}

type crumb struct{ Label, Href string }

// render writes a page with the layout; a template error becomes a 500 and a log line.
func (ui *UI) render(w http.ResponseWriter, r *http.Request, status int, name string, p page) {
	t, ok := ui.pages[name]
	if !ok {
		slog.Error("missing template", "name", name)
		http.Error(w, "模板缺失", http.StatusInternalServerError)
		return
	}
	if a, ok := app.ActorFrom(r.Context()); ok {
		p.Actor, p.LoggedIn = a, true
		if ui.Orders != nil {
			n, err := ui.Orders.UnreadNotices(r.Context())
			if err != nil {
				httpx.LogError(r, err)
			}
			p.Unread = n
		}
		p.Nav = navFor(a, r.URL.Path, p.Unread)
		crumbs := make([]crumb, len(p.Breadcrumbs))
		for i, c := range p.Breadcrumbs { // a step the reader may not open is named, not linked
			if c.Href != "" && !may(a, c.Href) {
				c.Href = ""
			}
			crumbs[i] = c
		}
		p.Breadcrumbs = crumbs
	}
	if p.Flash.Message == "" {
		p.Flash = takeFlash(w, r)
	}
	if s, ok := httpx.SessionFrom(r.Context()); ok {
		p.CSRF = s.CSRFToken
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", p); err != nil {
		slog.Error("render", "template", name, "err", err)
		http.Error(w, "页面渲染失败", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	buf.WriteTo(w)
}

// fail renders an error page for err with its status.
func (ui *UI) fail(w http.ResponseWriter, r *http.Request, err error) {
	httpx.LogError(r, err)
	if app.ErrorCode(err) == app.EUnauthorized {
		redirectToLogin(w, r)
		return
	}
	ui.render(w, r, httpx.Status(err), "error", page{Title: "出错了", Error: app.ErrorMessage(err)})
}

func redirectToLogin(w http.ResponseWriter, r *http.Request) {
	http.Redirect(w, r, "/login?next="+template.URLQueryEscaper(r.URL.RequestURI()), http.StatusSeeOther)
}

// requireLogin wraps a page handler so that anonymous visitors go to the login page.
func requireLogin(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if _, ok := app.ActorFrom(r.Context()); !ok {
			redirectToLogin(w, r)
			return
		}
		h(w, r)
	}
}

// NoRoute answers a request no page, endpoint or method matches, in Chinese: the
// error page for a person (methodNotAllowed: the address exists, for another kind of
// request, such as a form's address opened in the address bar).
func (ui *UI) NoRoute(w http.ResponseWriter, r *http.Request, methodNotAllowed bool) {
	err := app.NotFound("页面不存在：%s", r.URL.Path)
	if methodNotAllowed {
		err = app.NotFound("这个地址只用于提交表单，不能直接打开；请回到上一页操作")
	}
	httpx.LogError(r, err)
	ui.render(w, r, http.StatusNotFound, "error", page{Title: "页面不存在", Error: app.ErrorMessage(err)})
}

// now is the time of the page being served, from the one clock of the pages.
func (ui *UI) now() time.Time { return ui.Clock.Now() }
