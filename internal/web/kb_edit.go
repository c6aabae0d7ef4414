package web

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"govdesk/internal/account"
	"govdesk/internal/app"
	"govdesk/internal/httpx"
	"govdesk/internal/knowledge"
)

type kbListData struct {
	Status    string
	Statuses  []string
	Names     map[string]string
	Articles  []knowledge.Article
	CanReview bool
	Pager     pager
}

// kbArticles lists the articles an editor may work on, drafts awaiting approval first by default.
func (ui *UI) kbArticles(w http.ResponseWriter, r *http.Request) {
	st := r.URL.Query().Get("status")
	if !r.URL.Query().Has("status") {
		st = knowledge.StatusDraft
	}
	pg, _ := app.ParsePage(r.URL.Query().Get("page"), "", kbArticlesPerPage) // a bad page shows the first
	pageNo := pg.Page
	list, total, err := ui.Knowledge.Page(r.Context(), knowledge.ArticleFilter{Status: st, Limit: kbArticlesPerPage, Offset: pg.Offset()})
	if err != nil {
		ui.fail(w, r, err)
		return
	}
	q := url.Values{"status": {st}}
	act, _ := actor(r)
	ui.render(w, r, http.StatusOK, "kb_articles", page{Title: "知识库文章管理",
		Breadcrumbs: []crumb{{"工作台", "/"}, {"知识库", "/kb"}, {"文章管理", ""}},
		Data: kbListData{Status: st, Statuses: []string{knowledge.StatusDraft, knowledge.StatusPublished, knowledge.StatusRetired},
			Names: knowledge.StatusNames, Articles: list, CanReview: act.Is(knowledge.Office...),
			Pager: newPager("/kb/articles", q, pageNo, total, kbArticlesPerPage)}})
}

// kbArticlesPerPage is the length of a page of the article list.
const kbArticlesPerPage = 100

type kbFormData struct {
	ID                                      int64
	Title, Answer, Category, Keywords, Unit string
	ValidFrom, ValidUntil, ReviewBy         string
	Units                                   []account.Unit
	ChooseUnit                              bool // the hotline office picks the unit; a unit admin writes for their own
}

func (ui *UI) showArticleForm(w http.ResponseWriter, r *http.Request, status int, msg string, d kbFormData) {
	act, _ := actor(r)
	d.ChooseUnit = act.Is(knowledge.Office...)
	if d.ChooseUnit {
		units, err := ui.Accounts.Units(r.Context())
		if err != nil {
			ui.fail(w, r, err)
			return
		}
		d.Units = units
	}
	title := "新建知识库文章"
	if d.ID != 0 {
		title = "编辑知识库文章"
	}
	ui.render(w, r, status, "kb_edit", page{Title: title, Error: msg,
		Breadcrumbs: []crumb{{"工作台", "/"}, {"文章管理", "/kb/articles"}, {title, ""}}, Data: d})
}

func (ui *UI) kbNewArticle(w http.ResponseWriter, r *http.Request) {
	ui.showArticleForm(w, r, http.StatusOK, "", kbFormData{})
}

func (ui *UI) kbEditArticle(w http.ResponseWriter, r *http.Request) {
	a, ok := ui.pathArticle(w, r)
	if !ok {
		return
	}
	if act, _ := actor(r); !knowledge.MayEdit(act, a) {
		ui.fail(w, r, app.Forbidden("单位管理员只能修改本单位的知识库文章"))
		return
	}
	ui.showArticleForm(w, r, http.StatusOK, "", kbFormData{ID: a.ID, Title: a.Title, Answer: a.Answer, Category: a.Category,
		Keywords: a.Keywords, Unit: a.UnitCode, ValidFrom: dateOrEmpty(a.ValidFrom), ValidUntil: dateOrEmpty(a.LastValidDay()), ReviewBy: dateOrEmpty(a.ReviewBy)})
}

// kbSaveArticle saves the form as a draft awaiting the hotline office's approval.
func (ui *UI) kbSaveArticle(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 256<<10)
	if err := r.ParseForm(); err != nil {
		ui.fail(w, r, app.Invalid("表单内容无法读取或过大"))
		return
	}
	f := r.PostForm
	d := kbFormData{Title: f.Get("title"), Answer: f.Get("answer"), Category: f.Get("category"), Keywords: f.Get("keywords"),
		Unit: strings.TrimSpace(f.Get("unit")), ValidUntil: strings.TrimSpace(f.Get("valid_until")), ReviewBy: strings.TrimSpace(f.Get("review_by")),
		ValidFrom: strings.TrimSpace(f.Get("valid_from"))}
	if r.PathValue("id") != "" {
		id, err := pathID(r)
		if err != nil {
			ui.fail(w, r, err)
			return
		}
		d.ID = id
	}
	a, err := ui.articleFromForm(r, d)
	if err == nil {
		a, err = ui.Knowledge.Draft(r.Context(), a)
	}
	if err != nil {
		if c := app.ErrorCode(err); c == app.EInvalid || c == app.EConflict || c == app.EForbidden {
			httpx.LogError(r, err)
			ui.showArticleForm(w, r, httpx.Status(err), app.ErrorMessage(err), d)
			return
		}
		ui.fail(w, r, err)
		return
	}
	ui.redirectWith(w, r, "/kb/articles/"+strconv.FormatInt(a.ID, 10)+"/versions", "ok", "草稿已保存，等待热线办审核发布")
}

// articleFromForm checks the form's dates and unit and builds the article.
func (ui *UI) articleFromForm(r *http.Request, d kbFormData) (knowledge.Article, error) {
	a := knowledge.Article{ID: d.ID, Title: d.Title, Answer: d.Answer, Category: d.Category, Keywords: d.Keywords}
	var err error
	if d.ValidUntil != "" {
		if a.ValidUntil, err = app.ParseDate(d.ValidUntil); err != nil {
			return a, app.Invalid("有效期至的日期格式应为 YYYY-MM-DD")
		}
		a.ValidUntil = knowledge.UntilAfterDay(a.ValidUntil)
	}
	if d.ValidFrom != "" {
		if a.ValidFrom, err = app.ParseDate(d.ValidFrom); err != nil {
			return a, app.Invalid("生效日期的格式应为 YYYY-MM-DD")
		}
	}
	if d.ReviewBy != "" {
		if a.ReviewBy, err = app.ParseDate(d.ReviewBy); err != nil {
			return a, app.Invalid("复核日期的格式应为 YYYY-MM-DD")
		}
	}
	if d.Unit != "" {
		if a.UnitID, err = ui.Knowledge.UnitID(r.Context(), d.Unit); err != nil {
			return a, err
		}
	}
	return a, nil
}

func dateOrEmpty(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return fmtDate(t)
}

// kbSetStatus approves or retires an article (hotline office).
func (ui *UI) kbSetStatus(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		ui.fail(w, r, err)
		return
	}
	op, done := ui.Knowledge.Approve, "文章已审核发布，检索中即可查到"
	if strings.HasSuffix(r.URL.Path, "/retire") {
		op, done = ui.Knowledge.Retire, "文章已停用，不再出现在检索结果中"
	}
	back := "/kb/articles/" + strconv.FormatInt(id, 10) + "/versions"
	if _, err := op(r.Context(), id); err != nil {
		if c := app.ErrorCode(err); c == app.EForbidden || c == app.EInvalid || c == app.EConflict {
			ui.redirectWith(w, r, back, "error", app.ErrorMessage(err))
			return
		}
		ui.fail(w, r, err)
		return
	}
	ui.redirectWith(w, r, back, "ok", done)
}

type kbDiffRow struct {
	Field string
	Parts template.HTML
	Same  bool
}

type kbVersionsData struct {
	A          knowledge.Article
	StatusName string
	Names      map[string]string
	Versions   []knowledge.Article
	From, To   int
	Diff       []kbDiffRow
	CanEdit    bool
	CanReview  bool
}

// kbVersions lists every version of an article and the differences between two of them.
func (ui *UI) kbVersions(w http.ResponseWriter, r *http.Request) {
	a, ok := ui.pathArticle(w, r)
	if !ok {
		return
	}
	list, err := ui.Knowledge.Versions(r.Context(), a.ID)
	if err == nil && len(list) == 0 {
		err = app.NotFound("知识库文章 %d 没有可查看的版本", a.ID)
	}
	if err != nil {
		ui.fail(w, r, err)
		return
	}
	act, _ := actor(r)
	d := kbVersionsData{A: a, StatusName: knowledge.StatusNames[a.Status], Names: knowledge.StatusNames, Versions: list,
		CanEdit:   knowledge.MayEdit(act, a),
		CanReview: act.Is(knowledge.Office...)}
	byVersion := map[int]knowledge.Article{}
	for _, v := range list {
		byVersion[v.Version] = v
	}
	d.To, d.From = list[0].Version, list[0].Version-1
	if len(list) == 1 {
		d.From = d.To
	}
	var msg string
	q := r.URL.Query()
	for _, p := range []struct {
		key string
		dst *int
	}{{"from", &d.From}, {"to", &d.To}} {
		if s := q.Get(p.key); s != "" {
			n, err := strconv.Atoi(s)
			if _, ok := byVersion[n]; err != nil || !ok {
				msg = "没有第 " + s + " 版，已显示最近两版的差异"
				d.To, d.From = list[0].Version, max(list[0].Version-1, 1)
				break
			}
			*p.dst = n
		}
	}
	d.Diff = versionDiff(byVersion[d.From], byVersion[d.To])
	status := http.StatusOK
	if msg != "" {
		status = http.StatusBadRequest
	}
	ui.render(w, r, status, "kb_versions", page{Title: "版本记录：" + a.Title, Error: msg,
		Breadcrumbs: []crumb{{"工作台", "/"}, {"文章管理", "/kb/articles"}, {a.Title, "/kb/a/" + strconv.FormatInt(a.ID, 10)}, {"版本记录", ""}},
		Data:        d})
}

// versionDiff renders the changed fields of two versions with <ins> and <del>.
func versionDiff(from, to knowledge.Article) []kbDiffRow {
	var rows []kbDiffRow
	for _, f := range []struct{ name, a, b string }{
		{"标题", from.Title, to.Title}, {"答案", from.Answer, to.Answer}, {"分类", from.Category, to.Category},
		{"关键词", from.Keywords, to.Keywords}, {"状态", knowledge.StatusNames[from.Status], knowledge.StatusNames[to.Status]},
	} {
		var b strings.Builder
		for _, p := range knowledge.Diff(f.a, f.b) {
			t := template.HTMLEscapeString(p.Text)
			switch p.Op {
			case knowledge.DiffInsert:
				b.WriteString("<ins>" + t + "</ins>")
			case knowledge.DiffDelete:
				b.WriteString("<del>" + t + "</del>")
			default:
				b.WriteString(t)
			}
		}
		rows = append(rows, kbDiffRow{Field: f.name, Parts: template.HTML(b.String()), Same: f.a == f.b})
	}
	return rows
}

// Prev is the version before v, for the "compare with the previous" links.
func (kbVersionsData) Prev(v int) int { return v - 1 }
