package api

import (
	"net/http"

	"govdesk/internal/account"
	"govdesk/internal/app"
	"govdesk/internal/asset"
	"govdesk/internal/httpx"
	"govdesk/internal/stats"
	"govdesk/internal/workorder"
)

// API holds the services the endpoints call.
type API struct {
	Accounts *account.Service
	Orders   *workorder.Service
	Stats    *stats.Service
	Assets   *asset.Service // devices and heartbeats; nil turns those endpoints off
}

// Routes registers every endpoint.
func (a *API) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /api/v1/me", a.me)
	mux.HandleFunc("GET /api/v1/units", a.listUnits)
	mux.HandleFunc("POST /api/v1/units", a.createUnit)
	a.orderRoutes(mux)
	a.attachmentRoutes(mux)
	a.noticeRoutes(mux)
	a.statsRoutes(mux)
	a.deviceRoutes(mux)
	a.accountRoutes(mux)
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		httpx.WriteError(w, r, app.NotFound("接口 %s %s 不存在", r.Method, r.URL.Path))
	})
}

// unitJSON is a unit as the API shows it.
type unitJSON struct {
	Code       string `json:"code"`
	Name       string `json:"name"`
	Kind       string `json:"kind"`
	ParentCode string `json:"parent_code"`
	Active     bool   `json:"active"`
}

func toUnitJSON(u account.Unit) unitJSON {
	return unitJSON{Code: u.Code, Name: u.Name, Kind: u.Kind, ParentCode: u.ParentCode, Active: u.Active}
}

func (a *API) me(w http.ResponseWriter, r *http.Request) {
	act, err := app.RequireActor(r.Context())
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]any{"username": act.Username, "name": act.Name, "role": act.Role, "unit_code": act.UnitCode})
}

func (a *API) listUnits(w http.ResponseWriter, r *http.Request) {
	list, err := a.Accounts.Units(r.Context())
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	out := make([]unitJSON, 0, len(list))
	for _, u := range list {
		out = append(out, toUnitJSON(u))
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]any{"items": out, "total": len(out)})
}

func (a *API) createUnit(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Code       string `json:"code"`
		Name       string `json:"name"`
		Kind       string `json:"kind"`
		ParentCode string `json:"parent_code"`
	}
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	u, err := a.Accounts.CreateUnit(r.Context(), account.Unit{Code: in.Code, Name: in.Name, Kind: in.Kind, ParentCode: in.ParentCode})
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusCreated, toUnitJSON(u))
}
