package api

import (
	"net/http"
	"strings"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/catalog"
	"govdesk/internal/evaluation"
	"govdesk/internal/httpx"
	"govdesk/internal/stats"
)

// Catalog serves the service-item catalogue, its rates and the 好差评 endpoints
// (SPEC §6, §7). Evaluation devices, the web and QR pages post evaluations with an
// API token (Authorization: Bearer …).
type Catalog struct {
	Catalog     *catalog.Service
	Evaluations *evaluation.Service
}

// Routes registers the endpoints.
func (c *Catalog) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /api/v1/catalog/rates", c.rates)
	mux.HandleFunc("GET /api/v1/catalog/rates/{key}/{part}", c.drill)
	mux.HandleFunc("POST /api/v1/evaluations", c.postEvaluation)
	mux.HandleFunc("GET /api/v1/evaluations/{id}", c.getEvaluation)
	mux.HandleFunc("POST /api/v1/evaluations/{id}/verify", c.step)
	mux.HandleFunc("POST /api/v1/evaluations/{id}/rectify", c.step)
	mux.HandleFunc("POST /api/v1/evaluations/{id}/close", c.step)
}

type rateJSON struct {
	Key         string   `json:"key"`
	Name        string   `json:"name"`
	Numerator   int      `json:"numerator"`
	Denominator int      `json:"denominator"`
	Percent     *float64 `json:"percent"`
	Definition  string   `json:"definition"`
}

func (c *Catalog) rates(w http.ResponseWriter, r *http.Request) {
	items, err := c.Catalog.Items(r.Context())
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	f := stats.CatalogFigures(items)
	var out []rateJSON
	for _, x := range append(f.Rates, f.Compression) {
		out = append(out, rateJSON{x.Key, x.Name, x.Numerator, x.Denominator, x.Percent, x.Definition})
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]any{"rates": out, "published": f.Published,
		"citywide": f.Citywide, "cross_province": f.CrossProvince, "cert_free": f.CertFree})
}

func (c *Catalog) drill(w http.ResponseWriter, r *http.Request) {
	items, err := c.Catalog.Items(r.Context())
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	list, ok := stats.CatalogDrill(items, r.PathValue("key"), r.PathValue("part"))
	if !ok {
		httpx.WriteError(w, r, app.NotFound("指标 %s/%s 不存在", r.PathValue("key"), r.PathValue("part")))
		return
	}
	out := make([]map[string]string, 0, len(list))
	for _, it := range list {
		out = append(out, map[string]string{"code": it.Code, "name": it.Name, "unit": it.UnitName, "category": it.Category})
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]any{"items": out, "total": len(out)})
}

type evaluationJSON struct {
	ID         int64     `json:"id"`
	No         string    `json:"no"`
	At         time.Time `json:"evaluated_at"`
	Channel    string    `json:"channel"`
	TargetKind string    `json:"target_kind"`
	Target     string    `json:"target"`
	Unit       string    `json:"unit_code"`
	Level      int       `json:"level"`
	LevelName  string    `json:"level_name"`
	Content    string    `json:"content"`
	Rect       *rectJSON `json:"rectification,omitempty"`
}

type rectJSON struct {
	Status          string     `json:"status"`
	VerifyDeadline  time.Time  `json:"verify_deadline"`
	RectifyDeadline time.Time  `json:"rectify_deadline"`
	Verification    string     `json:"verification"`
	VerifyNote      string     `json:"verify_note"`
	VerifiedAt      *time.Time `json:"verified_at"`
	VerifiedBy      string     `json:"verified_by"`
	Action          string     `json:"action"`
	Feedback        string     `json:"feedback"`
	RectifiedAt     *time.Time `json:"rectified_at"`
	RectifiedBy     string     `json:"rectified_by"`
	ClosedAt        *time.Time `json:"closed_at"`
	ClosedBy        string     `json:"closed_by"`
	Overdue         bool       `json:"overdue"`
	Version         int        `json:"version"`
}

func optTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	t = t.In(app.Shanghai)
	return &t
}

func toEvaluationJSON(ev evaluation.Evaluation) evaluationJSON {
	out := evaluationJSON{ID: ev.ID, No: ev.No, At: ev.At.In(app.Shanghai), Channel: ev.Channel, TargetKind: ev.TargetKind,
		Target: ev.Target, Unit: ev.UnitCode, Level: ev.Score, LevelName: evaluation.LevelName(ev.Score), Content: ev.Content}
	if r := ev.Rect; r != nil {
		out.Rect = &rectJSON{Status: r.Status(), VerifyDeadline: r.VerifyDeadline.In(app.Shanghai),
			RectifyDeadline: r.RectifyDeadline.In(app.Shanghai), Verification: r.Verification, VerifyNote: r.VerifyNote,
			VerifiedAt: optTime(r.VerifiedAt), VerifiedBy: r.VerifiedBy, Action: r.Action, Feedback: r.Feedback,
			RectifiedAt: optTime(r.RectifiedAt), RectifiedBy: r.RectifiedBy, ClosedAt: optTime(r.ClosedAt), ClosedBy: r.ClosedBy,
			Overdue: r.Overdue || r.Late(time.Now()), Version: r.Version}
	}
	return out
}

func (c *Catalog) postEvaluation(w http.ResponseWriter, r *http.Request) {
	var in struct {
		No         string `json:"no"`
		Channel    string `json:"channel"`
		TargetKind string `json:"target_kind"`
		Target     string `json:"target"`
		Unit       string `json:"unit_code"`
		Level      int    `json:"level"`
		Content    string `json:"content"`
		Contact    string `json:"contact"`
	}
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	ev, err := c.Evaluations.Submit(r.Context(), evaluation.Evaluation{No: in.No, Channel: in.Channel, TargetKind: in.TargetKind,
		Target: in.Target, UnitCode: in.Unit, Score: in.Level, Content: in.Content, Contact: in.Contact})
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusCreated, toEvaluationJSON(ev))
}

func (c *Catalog) getEvaluation(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r, "id", "评价")
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	ev, err := c.Evaluations.Evaluation(r.Context(), id)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, toEvaluationJSON(ev))
}

// step runs verify, rectify or close, named by the path's last segment; the body
// may carry the rectification's "version" (0 or absent: unchecked).
func (c *Catalog) step(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r, "id", "评价")
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	var in struct {
		Result, Note, Action, Feedback string
		Version                        int `json:"version"`
	}
	if r.ContentLength != 0 {
		if err := httpx.DecodeJSON(w, r, &in); err != nil {
			httpx.WriteError(w, r, err)
			return
		}
	}
	ctx := r.Context()
	var ev evaluation.Evaluation
	switch {
	case strings.HasSuffix(r.URL.Path, "/verify"):
		ev, err = c.Evaluations.Verify(ctx, id, in.Version, in.Result, in.Note)
	case strings.HasSuffix(r.URL.Path, "/rectify"):
		ev, err = c.Evaluations.Rectify(ctx, id, in.Version, in.Action, in.Feedback)
	default:
		ev, err = c.Evaluations.Close(ctx, id, in.Version)
	}
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, toEvaluationJSON(ev))
}
