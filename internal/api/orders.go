package api

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/httpx"
	"govdesk/internal/workorder"
)

func (a *API) orderRoutes(mux *http.ServeMux) {
	mux.HandleFunc("POST /api/v1/orders", a.createOrder)
	mux.HandleFunc("GET /api/v1/orders", a.listOrders)
	mux.HandleFunc("GET /api/v1/orders/{id}", a.getOrder)
	mux.HandleFunc("GET /api/v1/orders/{id}/events", a.orderEvents)
	for path, h := range a.commands() {
		mux.HandleFunc("POST /api/v1/orders/{id}/"+path, a.command(h))
	}
}

// respond writes an order with its flags computed now.
func (a *API) respond(w http.ResponseWriter, r *http.Request, status int, o workorder.Order, hints []workorder.Order) {
	f, err := a.Orders.FlagsOf(r.Context(), &o)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	j := toOrderJSON(o, f)
	for _, h := range hints {
		j.DuplicateHints = append(j.DuplicateHints, orderBriefRef{ID: h.ID, No: h.No, Title: h.Title, Status: string(h.Status), ReceivedAt: ts(h.ReceivedAt)})
	}
	httpx.WriteJSON(w, status, j)
}

func (a *API) createOrder(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Type         string   `json:"type"`
		Urgent       bool     `json:"urgent"`
		Title        string   `json:"title"`
		Content      string   `json:"content"`
		CitizenName  string   `json:"citizen_name"`
		CitizenPhone string   `json:"citizen_phone"`
		Anonymous    bool     `json:"anonymous"`
		Town         string   `json:"town"`
		Village      string   `json:"village"`
		Address      string   `json:"address"`
		Category     string   `json:"category"`
		Source       string   `json:"source"`
		Sensitive    []string `json:"sensitive"`
	}
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	o, hints, err := a.Orders.Create(r.Context(), workorder.NewOrder{Type: in.Type, Urgent: in.Urgent, Title: in.Title, Content: in.Content,
		CitizenName: in.CitizenName, CitizenPhone: in.CitizenPhone, Anonymous: in.Anonymous, Town: in.Town, Village: in.Village,
		Address: in.Address, Category: in.Category, Source: in.Source, Sensitive: in.Sensitive})
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	a.respond(w, r, http.StatusCreated, o, hints)
}

func pathID(r *http.Request) (int64, error) {
	return httpx.PathID(r, "id", "工单")
}

func (a *API) getOrder(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		var o workorder.Order
		if o, err = a.Orders.Get(r.Context(), id); err == nil {
			a.respond(w, r, http.StatusOK, o, nil)
			return
		}
	}
	httpx.WriteError(w, r, err)
}

func (a *API) orderEvents(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	evs, err := a.Orders.Events(r.Context(), id)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	out := make([]eventJSON, 0, len(evs))
	for _, e := range evs {
		out = append(out, eventJSON{Action: e.Action, At: ts(e.At), Actor: e.Actor, From: string(e.From), To: string(e.To), Note: e.Note, Data: e.Data})
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]any{"events": out})
}

func (a *API) listOrders(w http.ResponseWriter, r *http.Request) {
	f, err := parseOrderFilter(r)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	a.writeOrderList(w, r, f)
}

// writeOrderList writes one page of the orders of f the actor may see.
func (a *API) writeOrderList(w http.ResponseWriter, r *http.Request, f workorder.Filter) {
	list, total, err := a.Orders.List(r.Context(), f)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	items := make([]orderJSON, 0, len(list))
	for _, o := range list {
		fl, err := a.Orders.FlagsOf(r.Context(), &o)
		if err != nil {
			httpx.WriteError(w, r, err)
			return
		}
		items = append(items, toOrderJSON(o, fl))
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]any{"items": items, "total": total, "page": f.Page.Normalize().Page})
}

// parseOrderFilter reads the list parameters of SPEC §4.4.
func parseOrderFilter(r *http.Request) (workorder.Filter, error) {
	q := r.URL.Query()
	var f workorder.Filter
	for _, s := range splitComma(q.Get("status")) {
		st := workorder.Status(s)
		if _, ok := workorder.StatusNames[st]; !ok {
			return f, app.Invalid("status 参数 %q 无效，应为 received、dispatched、accepted、replied、callback 或 closed", s)
		}
		f.Statuses = append(f.Statuses, st)
	}
	f.UnitCode, f.Q = strings.TrimSpace(q.Get("unit")), q.Get("q")
	if t := strings.TrimSpace(q.Get("type")); t != "" {
		if !workorder.ValidType(t) {
			return f, app.Invalid("type 参数 %q 无效", t)
		}
		f.Type = t
	}
	var err error
	if f.From, err = parseWhen("from", q.Get("from"), false); err != nil {
		return f, err
	}
	if f.To, err = parseWhen("to", q.Get("to"), true); err != nil {
		return f, err
	}
	for name, dst := range map[string]**bool{"overdue": &f.Overdue, "supervised": &f.Supervised, "urgent": &f.Urgent, "closed": &f.Closed} {
		if v := q.Get(name); v != "" {
			b, err := strconv.ParseBool(v)
			if err != nil {
				return f, app.Invalid("%s 参数应为 true 或 false", name)
			}
			*dst = &b
		}
	}
	f.Warning = q.Get("warning") == "true" || q.Get("warning") == "1"
	f.Sensitive = q.Get("sensitive") == "true" || q.Get("sensitive") == "1"
	f.Town, f.Category, f.Phone = q.Get("town"), q.Get("category"), q.Get("phone")
	if f.Page, err = app.ParsePage(q.Get("page"), q.Get("per_page"), app.DefaultPerPage); err != nil {
		return f, err
	}
	if q.Get("sort") == "deadline" {
		f.Order = "deadline"
	}
	return f, nil
}

func splitComma(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// parseWhen reads a date (YYYY-MM-DD, Asia/Shanghai) or an RFC3339 instant; a date
// as the end of a range includes that whole day.
func parseWhen(name, s string, end bool) (time.Time, error) {
	if s = strings.TrimSpace(s); s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	d, err := time.ParseInLocation(app.DateLayout, s, app.Shanghai)
	if err != nil {
		return time.Time{}, app.Invalid("%s 参数 %q 应为 YYYY-MM-DD 或 RFC3339 时间", name, s)
	}
	if end {
		d = d.AddDate(0, 0, 1)
	}
	return d, nil
}

// command adapts a command handler: it reads the id and the JSON body and writes the updated order.
func (a *API) command(h func(ctx context.Context, id int64, w http.ResponseWriter, r *http.Request) (workorder.Order, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r)
		if err != nil {
			httpx.WriteError(w, r, err)
			return
		}
		o, err := h(r.Context(), id, w, r)
		if err != nil {
			httpx.WriteError(w, r, err)
			return
		}
		a.respond(w, r, http.StatusOK, o, nil)
	}
}
