package api

import (
	"net/http"
	"strconv"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/httpx"
	"govdesk/internal/knowledge"
)

// Knowledge is the knowledge-base API of SPEC §5.
type Knowledge struct {
	Knowledge *knowledge.Service
	Suggester *knowledge.Suggester // nil turns the dispatch suggestion off
}

// Routes registers the knowledge-base endpoints.
func (k *Knowledge) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /api/v1/kb/search", k.search)
	k.articleRoutes(mux)
	if k.Suggester != nil {
		mux.HandleFunc("POST /api/v1/orders/suggest-units", k.suggest)
		mux.HandleFunc("POST /api/v1/orders/suggest-units/retrain", k.retrain)
	}
}

type kbSearchJSON struct {
	Results []knowledge.Hit `json:"results"`
	TookMS  int64           `json:"took_ms"`
}

// search answers GET /api/v1/kb/search?q=…&limit= as `govdesk kb search --format json` prints it.
func (k *Knowledge) search(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	q := r.URL.Query()
	limit := 0
	if l := q.Get("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil || n < 1 {
			httpx.WriteError(w, r, app.Invalid("limit 应为 1 到 100 之间的整数"))
			return
		}
		limit = n
	}
	hits, err := k.Knowledge.Search(r.Context(), q.Get("q"), limit)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, kbSearchJSON{Results: hits, TookMS: time.Since(start).Milliseconds()})
}

// suggest answers POST /api/v1/orders/suggest-units {title, content, category[, town]}
// or {order_id} (SPEC §4.3, §5). With order_id the order's own title, content,
// category and town are used (the other fields are ignored), and no unit that
// returned the order is suggested.
func (k *Knowledge) suggest(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Title    string `json:"title"`
		Content  string `json:"content"`
		Category string `json:"category"`
		Town     string `json:"town"`     // optional: the order's town (镇/街)
		OrderID  int64  `json:"order_id"` // optional: an order already received
	}
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	var list []knowledge.Suggestion
	var err error
	if in.OrderID != 0 {
		list, err = k.Suggester.SuggestOrder(r.Context(), in.OrderID)
	} else {
		list, err = k.Suggester.SuggestTown(r.Context(), in.Title, in.Content, in.Category, in.Town)
	}
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]any{"suggestions": list})
}

// retrain retrains the suggestion model now (hotline office).
func (k *Knowledge) retrain(w http.ResponseWriter, r *http.Request) {
	n, err := k.Suggester.RetrainNow(r.Context())
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]any{"trained_on": n})
}
