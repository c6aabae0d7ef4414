package api

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/httpx"
	"govdesk/internal/knowledge"
	"govdesk/internal/stats"
)

func (k *Knowledge) articleRoutes(mux *http.ServeMux) {
	mux.HandleFunc("POST /api/v1/kb/articles", k.draft)
	mux.HandleFunc("PUT /api/v1/kb/articles/{id}", k.draft)
	mux.HandleFunc("POST /api/v1/kb/articles/{id}/approve", k.status)
	mux.HandleFunc("POST /api/v1/kb/articles/{id}/retire", k.status)
	mux.HandleFunc("GET /api/v1/kb/articles/{id}/versions", k.versions)
	mux.HandleFunc("GET /api/v1/kb/review-due", k.reviewDue)
	mux.HandleFunc("GET /api/v1/kb/first-call", k.firstCall)
}

// ArticleJSON is an article as the API and `govdesk kb article … --format json` show it;
// dates are whole Beijing days.
type ArticleJSON struct {
	ID         int64  `json:"id"`
	Title      string `json:"title"`
	Answer     string `json:"answer"`
	UnitCode   string `json:"unit_code"`
	Category   string `json:"category"`
	Keywords   string `json:"keywords"`
	ValidFrom  string `json:"valid_from"`
	ValidUntil string `json:"valid_until"`
	ReviewBy   string `json:"review_by"`
	Status     string `json:"status"`
	Version    int    `json:"version"`
}

func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(app.Shanghai).Format("2006-01-02")
}

// ToArticleJSON is the JSON form of an article.
func ToArticleJSON(a knowledge.Article) ArticleJSON {
	return ArticleJSON{ID: a.ID, Title: a.Title, Answer: a.Answer, UnitCode: a.UnitCode, Category: a.Category, Keywords: a.Keywords,
		ValidFrom: day(a.ValidFrom), ValidUntil: day(a.LastValidDay()), ReviewBy: day(a.ReviewBy), Status: a.Status, Version: a.Version}
}

func articleID(r *http.Request) (int64, error) {
	return httpx.PathID(r, "id", "知识库文章")
}

// draft saves a new article (POST) or an edit (PUT …/{id}) as a draft.
func (k *Knowledge) draft(w http.ResponseWriter, r *http.Request) {
	var in ArticleJSON
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	a := knowledge.Article{Title: in.Title, Answer: in.Answer, Category: in.Category, Keywords: in.Keywords}
	if r.PathValue("id") != "" {
		id, err := articleID(r)
		if err != nil {
			httpx.WriteError(w, r, err)
			return
		}
		a.ID = id
	}
	for _, d := range []struct {
		s   string
		dst *time.Time
	}{{in.ValidFrom, &a.ValidFrom}, {in.ValidUntil, &a.ValidUntil}, {in.ReviewBy, &a.ReviewBy}} {
		if d.s != "" {
			t, err := app.ParseDate(d.s)
			if err != nil {
				httpx.WriteError(w, r, err)
				return
			}
			*d.dst = t
		}
	}
	a.ValidUntil = knowledge.UntilAfterDay(a.ValidUntil) // valid through the last day named
	if err := k.articleUnit(r, in.UnitCode, &a); err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	out, err := k.Knowledge.Draft(r.Context(), a)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, ToArticleJSON(out))
}

func (k *Knowledge) status(w http.ResponseWriter, r *http.Request) {
	id, err := articleID(r)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	op := k.Knowledge.Approve
	if r.URL.Path[len(r.URL.Path)-len("retire"):] == "retire" {
		op = k.Knowledge.Retire
	}
	a, err := op(r.Context(), id)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, ToArticleJSON(a))
}

func (k *Knowledge) versions(w http.ResponseWriter, r *http.Request) {
	id, err := articleID(r)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	list, err := k.Knowledge.Versions(r.Context(), id)
	writeArticles(w, r, list, err)
}

func (k *Knowledge) reviewDue(w http.ResponseWriter, r *http.Request) {
	list, err := k.Knowledge.DueForReview(r.Context(), 0)
	writeArticles(w, r, list, err)
}

func writeArticles(w http.ResponseWriter, r *http.Request, list []knowledge.Article, err error) {
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	out := make([]ArticleJSON, 0, len(list))
	for _, a := range list {
		out = append(out, ToArticleJSON(a))
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]any{"items": out, "total": len(out)})
}

// firstCall answers GET /api/v1/kb/first-call?from=&to=[&threshold=] as `govdesk kb first-call --format json`.
func (k *Knowledge) firstCall(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	p, err := stats.DatePeriod(q.Get("from"), q.Get("to"))
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	threshold := knowledge.DefaultFirstCallThreshold
	if v := q.Get("threshold"); v != "" {
		if threshold, err = strconv.ParseFloat(v, 64); err != nil {
			httpx.WriteError(w, r, app.Invalid("threshold 应为百分比数字，如 70"))
			return
		}
	}
	rates, err := k.Knowledge.FirstCall(r.Context(), p.From, p.To, threshold)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]any{"threshold": threshold, "units": rates})
}

// articleUnit sets the article's unit from unit_code (code or name); an edit
// without unit_code keeps the article's unit.
func (k *Knowledge) articleUnit(r *http.Request, code string, a *knowledge.Article) error {
	if code = strings.TrimSpace(code); code != "" {
		var err error
		a.UnitID, err = k.Knowledge.UnitID(r.Context(), code)
		return err
	}
	if a.ID != 0 {
		old, err := k.Knowledge.Article(r.Context(), a.ID)
		if err != nil {
			return err
		}
		a.UnitID = old.UnitID
	}
	return nil
}
