package api

import (
	"net/http"
	"strings"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/asset"
	"govdesk/internal/httpx"
	"govdesk/internal/stats"
)

// DeviceTokenHeader carries a device's heartbeat token. It is not the
// Authorization header, which authenticates people's API tokens.
const DeviceTokenHeader = "X-Device-Token"

func (a *API) deviceRoutes(mux *http.ServeMux) {
	if a.Assets == nil {
		return
	}
	mux.HandleFunc("POST /api/v1/devices/{code}/heartbeat", a.heartbeat)
	mux.HandleFunc("POST /api/v1/devices/{code}/token", a.issueDeviceToken)
	mux.HandleFunc("GET /api/v1/devices", a.listDevices)
	mux.HandleFunc("GET /api/v1/stats/devices", a.deviceStats)
}

// heartbeat records that a device is alive. It needs the device's token and no login.
func (a *API) heartbeat(w http.ResponseWriter, r *http.Request) {
	tok := strings.TrimSpace(r.Header.Get(DeviceTokenHeader))
	if tok == "" {
		httpx.WriteError(w, r, app.Unauthorized("缺少设备令牌（请求头 %s）", DeviceTokenHeader))
		return
	}
	closed, err := a.Assets.Heartbeat(r.Context(), r.PathValue("code"), tok)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]any{"device": r.PathValue("code"), "status": "ok", "faults_closed": closed})
}

func (a *API) issueDeviceToken(w http.ResponseWriter, r *http.Request) {
	tok, err := a.Assets.IssueToken(r.Context(), r.PathValue("code"))
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusCreated, map[string]string{"device": r.PathValue("code"), "token": tok})
}

type deviceJSON struct {
	Code          string     `json:"code"`
	Name          string     `json:"name"`
	Kind          string     `json:"kind"`
	Town          string     `json:"town"`
	Village       string     `json:"village"`
	InService     string     `json:"in_service_on"`
	Status        string     `json:"status"`
	OpenFaults    int        `json:"open_faults"`
	LastHeartbeat *time.Time `json:"last_heartbeat_at"`
}

func (a *API) listDevices(w http.ResponseWriter, r *http.Request) {
	devs, err := a.Assets.Devices(r.Context())
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	now := time.Now()
	out := make([]deviceJSON, 0, len(devs))
	for _, d := range devs {
		j := deviceJSON{Code: d.Code, Name: d.Name, Kind: d.Kind, Town: d.Town, Village: d.Village,
			InService: d.InService.In(app.Shanghai).Format(app.DateLayout), Status: d.Status(now), OpenFaults: d.OpenFaults}
		if !d.LastHeartbeat.IsZero() {
			t := d.LastHeartbeat.In(app.Shanghai)
			j.LastHeartbeat = &t
		}
		out = append(out, j)
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]any{"items": out, "total": len(out)})
}

// deviceStats returns {devices, faults, downtime_hours, availability}, as `govdesk stats devices --format json`.
func (a *API) deviceStats(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if q.Get("from") == "" || q.Get("to") == "" {
		httpx.WriteError(w, r, app.Invalid("请提供统计区间 from 和 to（YYYY-MM-DD）"))
		return
	}
	p, err := stats.DatePeriod(q.Get("from"), q.Get("to"))
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	f, err := a.Assets.Availability(r.Context(), asset.Period{From: p.From, To: p.To})
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, f.Total.Report())
}
