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
	mux.HandleFunc("GET /api/v1/faults", a.listFaults)
	mux.HandleFunc("POST /api/v1/devices/{code}/faults", a.recordFault)
	mux.HandleFunc("POST /api/v1/faults/{id}/recover", a.recoverFault)
	mux.HandleFunc("GET /api/v1/stats/devices", a.deviceStats)
	mux.HandleFunc("GET /api/v1/stats/devices/breakdown", a.deviceBreakdown)
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

// availabilityOf computes the availability of the from/to dates (both included) of the request.
func (a *API) availabilityOf(r *http.Request) (asset.Figures, error) {
	q := r.URL.Query()
	if q.Get("from") == "" || q.Get("to") == "" {
		return asset.Figures{}, app.Invalid("请提供统计区间 from 和 to（YYYY-MM-DD）")
	}
	p, err := stats.DatePeriod(q.Get("from"), q.Get("to"))
	if err != nil {
		return asset.Figures{}, err
	}
	return a.Assets.Availability(r.Context(), asset.Period{From: p.From, To: p.To})
}

// deviceStats returns {devices, faults, downtime_hours, availability}, as `govdesk stats devices --format json`.
func (a *API) deviceStats(w http.ResponseWriter, r *http.Request) {
	f, err := a.availabilityOf(r)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, f.Total.Report())
}

type groupJSON struct {
	Key  string `json:"key"`
	Name string `json:"name"`
	asset.Report
}

func groupsJSON(gs []asset.Group) []groupJSON {
	out := make([]groupJSON, 0, len(gs))
	for _, g := range gs {
		out = append(out, groupJSON{Key: g.Key, Name: g.Name, Report: g.Report()})
	}
	return out
}

// deviceBreakdown returns the same figures overall, by town, by month and by device.
func (a *API) deviceBreakdown(w http.ResponseWriter, r *http.Request) {
	f, err := a.availabilityOf(r)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]any{"total": f.Total.Report(), "by_town": groupsJSON(f.ByTown),
		"by_month": groupsJSON(f.ByMonth), "by_device": groupsJSON(f.ByDevice)})
}

type faultJSON struct {
	ID          int64      `json:"id"`
	Device      string     `json:"device"`
	Town        string     `json:"town"`
	StartedAt   time.Time  `json:"started_at"`
	RecoveredAt *time.Time `json:"recovered_at"`
	Description string     `json:"description"`
	Source      string     `json:"source"`
}

func toFaultJSON(f asset.Fault) faultJSON {
	j := faultJSON{ID: f.ID, Device: f.DeviceCode, Town: f.Town, StartedAt: f.StartedAt.In(app.Shanghai), Description: f.Description, Source: f.Source}
	if !f.Open() {
		t := f.RecoveredAt.In(app.Shanghai)
		j.RecoveredAt = &t
	}
	return j
}

func (a *API) listFaults(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	list, err := a.Assets.Faults(r.Context(), asset.FaultFilter{DeviceCode: q.Get("device"), OpenOnly: q.Get("open") == "1", Limit: 1000})
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	out := make([]faultJSON, 0, len(list))
	for _, f := range list {
		out = append(out, toFaultJSON(f))
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]any{"items": out, "total": len(out)})
}

// recordFault records a fault of the device by hand; recovered_at may be left out while it is down.
func (a *API) recordFault(w http.ResponseWriter, r *http.Request) {
	var in struct {
		StartedAt   time.Time  `json:"started_at"`
		RecoveredAt *time.Time `json:"recovered_at"`
		Description string     `json:"description"`
	}
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	f := asset.Fault{DeviceCode: r.PathValue("code"), StartedAt: in.StartedAt, Description: in.Description}
	if in.RecoveredAt != nil {
		f.RecoveredAt = *in.RecoveredAt
	}
	if err := a.Assets.RecordFault(r.Context(), f); err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusCreated, map[string]string{"status": "ok"})
}

// recoverFault closes an open fault at recovered_at (now when left out).
func (a *API) recoverFault(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r, "id", "故障记录")
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	var in struct {
		RecoveredAt time.Time `json:"recovered_at"`
	}
	if r.ContentLength != 0 {
		if err := httpx.DecodeJSON(w, r, &in); err != nil {
			httpx.WriteError(w, r, err)
			return
		}
	}
	if err := a.Assets.RecoverFault(r.Context(), id, in.RecoveredAt); err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	f, err := a.Assets.Fault(r.Context(), id)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, toFaultJSON(f))
}
