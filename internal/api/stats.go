package api

import (
	"net/http"

	"govdesk/internal/app"
	"govdesk/internal/httpx"
	"govdesk/internal/stats"
)

func (a *API) statsRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /api/v1/stats/hotline", a.hotline)
	mux.HandleFunc("GET /api/v1/stats/hotline/figures", a.hotlineFigures)
	mux.HandleFunc("GET /api/v1/stats/hotline/orders", a.hotlineOrders)
}

// periodOf reads the from/to dates (both included) of the request.
func periodOf(r *http.Request) (stats.Period, error) {
	q := r.URL.Query()
	if q.Get("from") == "" || q.Get("to") == "" {
		return stats.Period{}, app.Invalid("请提供统计区间 from 和 to（YYYY-MM-DD）")
	}
	return stats.DatePeriod(q.Get("from"), q.Get("to"))
}

// hotlineOf computes the figures of the request's period.
func (a *API) hotlineOf(r *http.Request) (stats.Hotline, error) {
	p, err := periodOf(r)
	if err != nil {
		return stats.Hotline{}, err
	}
	return a.Stats.Hotline(r.Context(), p)
}

// hotline returns the figures with exactly the keys of SPEC §13, as `govdesk stats hotline --format json`.
func (a *API) hotline(w http.ResponseWriter, r *http.Request) {
	h, err := a.hotlineOf(r)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, h.Report())
}

type figureJSON struct {
	Key         string   `json:"key"`
	Name        string   `json:"name"`
	Unit        string   `json:"unit"`
	Value       *float64 `json:"value"`
	Previous    *float64 `json:"previous"`
	Growth      *float64 `json:"growth"`
	Numerator   int      `json:"numerator"`
	Denominator int      `json:"denominator"`
	Definition  string   `json:"definition"`
	Drill       []string `json:"drill"`
}

// hotlineFigures returns every figure with its definition and drill-down keys, for dashboards.
func (a *API) hotlineFigures(w http.ResponseWriter, r *http.Request) {
	h, err := a.hotlineOf(r)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	var out []figureJSON
	for _, f := range h.Figures() {
		out = append(out, figureJSON{Key: f.Key, Name: f.Name, Unit: f.Unit, Value: f.Value, Previous: f.Previous, Growth: f.Growth,
			Numerator: f.Numerator, Denominator: f.Denominator, Definition: f.Definition, Drill: f.Drill})
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]any{"from": h.Period.First(), "to": h.Period.Last(),
		"growth_definition": stats.GrowthDefinition, "figures": out})
}

// hotlineOrders lists the orders a figure counts (figure=closure_rate.numerator, by_type.咨询, previous.received, …).
func (a *API) hotlineOrders(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	p, err := periodOf(r)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	f, err := a.Stats.DrillDown(r.Context(), p, q.Get("figure"))
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	if f.Page, err = app.ParsePage(q.Get("page"), q.Get("per_page"), app.DefaultPerPage); err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	a.writeOrderList(w, r, f)
}
