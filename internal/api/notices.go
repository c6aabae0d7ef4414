package api

import (
	"net/http"

	"govdesk/internal/app"
	"govdesk/internal/httpx"
)

func (a *API) noticeRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /api/v1/notices", a.listNotices)
	mux.HandleFunc("GET /api/v1/notices/unread", a.unreadNotices)
	mux.HandleFunc("POST /api/v1/notices/read", a.readNotices)
}

type noticeJSON struct {
	ID        int64   `json:"id"`
	Kind      string  `json:"kind"`
	OrderID   int64   `json:"order_id,omitempty"`
	OrderNo   string  `json:"order_no,omitempty"`
	Title     string  `json:"title"`
	Body      string  `json:"body"`
	CreatedAt *string `json:"created_at"`
	Read      bool    `json:"read"`
}

func (a *API) listNotices(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	p, err := app.ParsePage(q.Get("page"), q.Get("per_page"), app.DefaultPerPage)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	list, total, err := a.Orders.Notices(r.Context(), q.Get("unread") == "1" || q.Get("unread") == "true", p)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	unread, err := a.Orders.UnreadNotices(r.Context())
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	items := make([]noticeJSON, 0, len(list))
	for _, n := range list {
		items = append(items, noticeJSON{ID: n.ID, Kind: n.Kind, OrderID: n.OrderID, OrderNo: n.OrderNo, Title: n.Title, Body: n.Body,
			CreatedAt: ts(n.CreatedAt), Read: n.Read})
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]any{"items": items, "total": total, "page": p.Normalize().Page, "unread": unread})
}

func (a *API) unreadNotices(w http.ResponseWriter, r *http.Request) {
	n, err := a.Orders.UnreadNotices(r.Context())
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]int{"unread": n})
}

func (a *API) readNotices(w http.ResponseWriter, r *http.Request) {
	var in struct {
		IDs []int64 `json:"ids"`
	}
	if err := decode(w, r, &in); err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	if err := a.Orders.MarkNoticesRead(r.Context(), in.IDs); err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	a.unreadNotices(w, r)
}
