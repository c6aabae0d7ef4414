package web

import (
	"html"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"govdesk/internal/app"
	"govdesk/internal/httpx"
	"govdesk/internal/knowledge"
	"govdesk/internal/workorder"
)

// kbHit is a search result with its snippet's 【】 marks turned into <mark>.
type kbHit struct {
	ID      int64
	Title   string
	Snippet template.HTML
	Score   float64
}

type kbSearchData struct {
	Q        string
	Searched bool
	Hits     []kbHit
	Message  string // why there is nothing to show
	TookMS   int64
	NewOrder string // the new-order form pre-filled with the query
}

// markSnippet escapes a snippet and renders its 【】 highlights as <mark>.
func markSnippet(s string) template.HTML {
	e := html.EscapeString(s)
	if strings.Count(s, knowledge.MarkOpen) != strings.Count(s, knowledge.MarkClose) {
		return template.HTML(e)
	}
	e = strings.ReplaceAll(e, knowledge.MarkOpen, "<mark>")
	return template.HTML(strings.ReplaceAll(e, knowledge.MarkClose, "</mark>"))
}

// hasHan reports whether s holds a Chinese character.
func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// kbSearch runs the query of the request; a bad query becomes a message and status 400.
func (ui *UI) kbSearch(r *http.Request) (kbSearchData, int) {
	q := r.URL.Query()
	d := kbSearchData{Q: q.Get("q")}
	if !q.Has("q") {
		return d, http.StatusOK
	}
	d.Searched = true
	if q := strings.TrimSpace(d.Q); utf8.RuneCountInString(q) <= knowledge.MaxQueryRunes && mayCreateOrder(r) {
		title := []rune(q)
		if len(title) > 30 {
			title = title[:30]
		}
		d.NewOrder = newOrderURL(url.Values{"title": {string(title)}, "content": {q}})
	}
	start := time.Now() // a duration, not a reading of the date
	hits, err := ui.Knowledge.Search(r.Context(), d.Q, 10)
	d.TookMS = time.Since(start).Milliseconds()
	if err != nil {
		if app.ErrorCode(err) != app.EInvalid {
			httpx.LogError(r, err)
		}
		d.Message = app.ErrorMessage(err)
		return d, httpx.Status(err)
	}
	for _, h := range hits {
		d.Hits = append(d.Hits, kbHit{ID: h.ID, Title: h.Title, Snippet: markSnippet(h.Snippet), Score: h.Score})
	}
	if len(hits) == 0 {
		d.Message = "没有找到相关文章，可换个说法再试，或直接新建工单"
		if !hasHan(d.Q) {
			d.Message = "没有找到相关文章：知识库文章是中文的，请输入中文关键词（如“公积金 提取”）"
		}
	}
	return d, http.StatusOK
}

// mayCreateOrder reports whether the request's actor may open the new-order form,
// which a "新建工单" link leads to.
func mayCreateOrder(r *http.Request) bool {
	a, _ := actor(r)
	return may(a, "/orders/new")
}

func newOrderURL(v url.Values) string {
	for k, vs := range v {
		if len(vs) == 0 || vs[0] == "" {
			delete(v, k)
		}
	}
	return "/orders/new?" + v.Encode()
}

// kbCallScreen is the operator's call screen: search as you type (kb.js) or by
// submitting the form, open an article, resolve at intake or create an order.
func (ui *UI) kbCallScreen(w http.ResponseWriter, r *http.Request) {
	d, status := ui.kbSearch(r)
	ui.render(w, r, status, "kb", page{Title: "知识库检索", Breadcrumbs: []crumb{{"工作台", "/"}, {"知识库", ""}}, Data: d})
}

// kbResults is the result list alone, for search as you type.
func (ui *UI) kbResults(w http.ResponseWriter, r *http.Request) {
	d, status := ui.kbSearch(r)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	if err := ui.pages["kb"].ExecuteTemplate(w, "kb-results", d); err != nil {
		httpx.LogError(r, err)
	}
}

type kbArticleData struct {
	A          knowledge.Article
	StatusName string
	Q          string // the search that led here
	CanResolve bool   // operators resolve 咨询 at intake
	CanEdit    bool
	CanReview  bool // the hotline office approves and retires
	NewOrder   string
	Answer     string // the answer to give, from the form on a failed resolve
	Content    string // the caller's question
	Name       string
	Phone      string
}

// pathArticle loads the article of the path's {id} the actor may read, or answers
// with the failure and false.
func (ui *UI) pathArticle(w http.ResponseWriter, r *http.Request) (knowledge.Article, bool) {
	id, err := pathID(r)
	if err == nil {
		var a knowledge.Article
		if a, err = ui.Knowledge.Article(r.Context(), id); err == nil {
			return a, true
		}
	}
	ui.fail(w, r, err)
	return knowledge.Article{}, false
}

func pathID(r *http.Request) (int64, error) {
	return httpx.PathID(r, "id", "知识库文章")
}

// kbArticle shows one article with what the operator may do with it.
func (ui *UI) kbArticle(w http.ResponseWriter, r *http.Request) {
	ui.showArticle(w, r, http.StatusOK, "", kbArticleData{Q: r.URL.Query().Get("q")})
}

func (ui *UI) showArticle(w http.ResponseWriter, r *http.Request, status int, msg string, d kbArticleData) {
	a, ok := ui.pathArticle(w, r)
	if !ok {
		return
	}
	act, _ := actor(r)
	d.A, d.StatusName = a, knowledge.StatusNames[a.Status]
	d.CanResolve = a.Status == knowledge.StatusPublished && act.Is(app.RoleOperator)
	d.CanEdit = knowledge.MayEdit(act, a)
	d.CanReview = act.Is(knowledge.Office...)
	if d.Answer == "" {
		d.Answer = a.Answer
	}
	if d.Content == "" {
		d.Content = strings.TrimSpace(d.Q)
	}
	if d.Content == "" {
		d.Content = a.Title
	}
	if mayCreateOrder(r) {
		d.NewOrder = newOrderURL(url.Values{"title": {a.Title}, "content": {d.Content}, "category": {a.Category}})
	}
	crumbs := []crumb{{"工作台", "/"}, {"知识库", "/kb"}, {a.Title, ""}}
	if d.Q != "" {
		crumbs[1].Href = "/kb?q=" + url.QueryEscape(d.Q)
	}
	ui.render(w, r, status, "kb_article", page{Title: a.Title, Error: msg, Breadcrumbs: crumbs, Data: d})
}

// kbResolve registers the caller's 咨询 and resolves it at intake with the
// article's answer, recording the article (一次性解答).
func (ui *UI) kbResolve(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		ui.fail(w, r, app.Invalid("表单内容无法读取或过大"))
		return
	}
	f := r.PostForm
	d := kbArticleData{Q: f.Get("q"), Answer: strings.TrimSpace(f.Get("answer")), Content: strings.TrimSpace(f.Get("content")),
		Name: f.Get("citizen_name"), Phone: f.Get("citizen_phone")}
	bad := func(err error) {
		ui.refused(w, r, err, func(status int, msg string) { ui.showArticle(w, r, status, msg, d) })
	}
	a, ok := ui.pathArticle(w, r)
	if !ok {
		return
	}
	if act, _ := actor(r); !act.Is(app.RoleOperator) {
		bad(app.Forbidden("只有话务员可以在受理时直接办结咨询"))
		return
	}
	if err := ui.Orders.CheckArticle(r.Context(), a.ID); err != nil { // before the order it would close is created
		bad(err)
		return
	}
	if d.Answer == "" {
		bad(app.Invalid("答复内容不能为空"))
		return
	}
	if d.Content == "" {
		d.Content = a.Title
	}
	o, _, err := ui.Orders.Create(r.Context(), workorder.NewOrder{Type: "咨询", Title: a.Title, Content: d.Content,
		CitizenName: d.Name, CitizenPhone: d.Phone, Category: ui.registeredCategory(r, a.Category)})
	if err != nil {
		bad(err)
		return
	}
	path := "/orders/" + strconv.FormatInt(o.ID, 10)
	if _, err := ui.Orders.Resolve(r.Context(), o.ID, o.Version, d.Answer, a.ID); err != nil {
		httpx.LogError(r, err)
		ui.redirectWith(w, r, path, "error", "工单 "+o.No+" 已受理，但直接办结失败："+app.ErrorMessage(err)+"。请在工单页面继续处理")
		return
	}
	ui.redirectWith(w, r, path, "ok", "工单 "+o.No+" 已直接办结（一次性解答），并记录了所用知识库文章")
}

// registeredCategory returns the category when the registry has it, else "": an
// article's category is written freely by its unit and only names the order's
// category when it is one an order may have.
func (ui *UI) registeredCategory(r *http.Request, path string) string {
	reg, err := ui.Orders.Registry(r.Context())
	if err != nil {
		httpx.LogError(r, err)
		return ""
	}
	if _, norm, err := reg.ResolveCategory(path); err == nil {
		return norm
	}
	return ""
}
