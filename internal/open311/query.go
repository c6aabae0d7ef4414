package open311

import (
	"net/http"
	"strings"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/georeport"
	"govdesk/internal/workorder"
)

func (h *Handler) writeViews(w http.ResponseWriter, r *http.Request, format string, orders []workorder.Order) {
	views, err := h.views(readCtx(r), orders)
	if err != nil {
		fail(w, r, format, err)
		return
	}
	l := list{root: "service_requests", item: "request", items: []object{}}
	for _, v := range views {
		l.items = append(l.items, v.object())
	}
	write(w, format, http.StatusOK, "", l)
}

// byNo returns a published order by its number; not_found otherwise.
func (h *Handler) byNo(r *http.Request, no string) (workorder.Order, error) {
	id, err := h.Store.FindOrderIDByNo(r.Context(), no)
	if err != nil {
		return workorder.Order{}, err
	}
	o, err := h.Orders.Get(readCtx(r), id)
	if err == nil && !published(o) {
		err = app.NotFound("诉求 %s 不存在", no)
	}
	return o, err
}

func (h *Handler) getRequest(w http.ResponseWriter, r *http.Request) {
	id, format, ok := splitFormat(r.PathValue("id"))
	if !ok {
		writeErrors(w, format, http.StatusBadRequest, "格式只支持 xml 和 json")
		return
	}
	o, err := h.byNo(r, id)
	if err != nil {
		if app.ErrorCode(err) == app.ENotFound {
			writeErrors(w, format, http.StatusNotFound, "service_request_id "+id+" 不存在")
			return
		}
		fail(w, r, format, err)
		return
	}
	h.writeViews(w, r, format, []workorder.Order{o})
}

func (h *Handler) getToken(w http.ResponseWriter, r *http.Request) {
	token, format, ok := splitFormat(r.PathValue("token"))
	if !ok {
		writeErrors(w, format, http.StatusBadRequest, "格式只支持 xml 和 json")
		return
	}
	id, err := h.Store.FindOrderIDByToken(r.Context(), token)
	if err != nil {
		if app.ErrorCode(err) == app.ENotFound {
			writeErrors(w, format, http.StatusNotFound, "token "+token+" 不存在")
			return
		}
		fail(w, r, format, err)
		return
	}
	o, err := h.Orders.Get(readCtx(r), id)
	if err != nil {
		fail(w, r, format, err)
		return
	}
	write(w, format, http.StatusOK, "", list{root: "service_requests", item: "request",
		items: []object{{{"service_request_id", o.No}, {"token", token}}}})
}

// getRequests lists requests: service_request_id (comma-separated, overriding the
// other arguments), or service_code, start_date, end_date and status, within 90 days
// and 1000 rows, newest first.
func (h *Handler) getRequests(w http.ResponseWriter, r *http.Request, format string) {
	q := r.URL.Query()
	if ids := strings.TrimSpace(q.Get("service_request_id")); ids != "" {
		var orders []workorder.Order
		for i, no := range strings.Split(ids, ",") {
			if i >= maxRows {
				break
			}
			o, err := h.byNo(r, trimID(no))
			if app.ErrorCode(err) == app.ENotFound {
				continue
			} else if err != nil {
				fail(w, r, format, err)
				return
			}
			orders = append(orders, o)
		}
		h.writeViews(w, r, format, orders)
		return
	}
	f := workorder.Filter{Source: georeport.Source, Page: app.Page{PerPage: 500}}
	var probs []string
	parse := func(name string) time.Time {
		s := strings.TrimSpace(q.Get(name))
		if s == "" {
			return time.Time{}
		}
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			probs = append(probs, name+" 应为 w3 格式的时间，如 2026-01-01T00:00:00Z")
		}
		return t
	}
	start, end := parse("start_date"), parse("end_date")
	switch {
	case start.IsZero() && end.IsZero():
		end = h.Clock.Now()
		start = end.Add(-maxWindow)
	case start.IsZero():
		start = end.Add(-maxWindow)
	case end.IsZero():
		end = start.Add(maxWindow)
	case end.Sub(start) > maxWindow:
		probs = append(probs, "start_date 与 end_date 的跨度不能超过 90 天")
	case end.Before(start):
		probs = append(probs, "end_date 不能早于 start_date")
	}
	f.From, f.To = start, end.Add(time.Microsecond) // end_date is inclusive
	var open, closed bool
	for _, s := range strings.Split(q.Get("status"), ",") {
		switch strings.TrimSpace(s) {
		case "":
		case "open":
			open = true
		case "closed":
			closed = true
		default:
			probs = append(probs, "status 只能是 open 或 closed")
		}
	}
	if open != closed {
		f.Closed = &closed
	}
	if len(probs) > 0 {
		writeErrors(w, format, http.StatusBadRequest, probs...)
		return
	}
	if code := strings.TrimSpace(q.Get("service_code")); code != "" {
		c, err := loadCatalog(r.Context(), h.Store)
		if err != nil {
			fail(w, r, format, err)
			return
		}
		s, ok := c.byID[parseCode(code)]
		if !ok {
			h.writeViews(w, r, format, nil)
			return
		}
		f.Category = s.Path
	}
	var all []workorder.Order
	for f.Page.Page = 1; len(all) < maxRows; f.Page.Page++ {
		page, total, err := h.Orders.List(readCtx(r), f)
		if err != nil {
			fail(w, r, format, err)
			return
		}
		all = append(all, page...)
		if len(page) == 0 || len(all) >= total {
			break
		}
	}
	if len(all) > maxRows {
		all = all[:maxRows]
	}
	h.writeViews(w, r, format, all)
}
