package web

import (
	"net/http"
	"strconv"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/evaluation"
	"govdesk/internal/stats"
)

type evaluationsData struct {
	From, To    string
	Pager       pager
	List        []evaluation.Evaluation
	Figures     stats.Evaluations
	Monthly     []stats.Score
	Units       []stats.Score
	Windows     []stats.Score
	Definitions map[string]string
}

// evaluationsPage lists the evaluations of a period with the figures, the monthly
// composite and the rankings (/evaluations).
func (ui *UI) evaluationsPage(w http.ResponseWriter, r *http.Request) {
	p, from, to, err := period(r)
	if err != nil {
		ui.fail(w, r, err)
		return
	}
	list, err := ui.Evaluations.Evaluations(r.Context(), evaluation.Filter{From: p.From, To: p.To})
	if err != nil {
		ui.fail(w, r, err)
		return
	}
	d := evaluationsData{From: from, To: to, List: list, Figures: stats.EvaluationFigures(list), Monthly: stats.MonthlyComposite(list),
		Units: stats.RankByUnit(list), Windows: stats.RankByWindow(list), Definitions: stats.EvaluationDefinitions}
	d.List, d.Pager = pageRows(d.List, "/evaluations", r.URL.Query(), 100)
	ui.render(w, r, http.StatusOK, "evaluations", page{Title: "好差评", Breadcrumbs: []crumb{{"工作台", "/"}, {"好差评", ""}}, Data: d})
}

type rectificationsData struct {
	List    []evaluation.Evaluation
	AllOpen bool
	Now     time.Time
}

// rectificationsPage lists the 差评 rectifications with their deadlines (/rectifications),
// the open ones unless ?all=1.
func (ui *UI) rectificationsPage(w http.ResponseWriter, r *http.Request) {
	all := r.URL.Query().Get("all") == "1"
	list, err := ui.Evaluations.Evaluations(r.Context(), evaluation.Filter{To: time.Now().AddDate(1, 0, 0), BadOnly: true, OpenOnly: !all})
	if err != nil {
		ui.fail(w, r, err)
		return
	}
	ui.render(w, r, http.StatusOK, "rectifications", page{Title: "差评整改", Breadcrumbs: []crumb{{"工作台", "/"}, {"差评整改", ""}},
		Data: rectificationsData{List: list, AllOpen: all, Now: time.Now()}})
}

type rectificationData struct {
	Ev       evaluation.Evaluation
	Now      time.Time
	IsCentre bool
}

func (ui *UI) rectificationPage(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		ui.fail(w, r, app.NotFound("评价不存在"))
		return
	}
	ev, err := ui.Evaluations.Evaluation(r.Context(), id)
	if err == nil && ev.Rect == nil {
		err = app.NotFound("该评价不是差评，没有整改记录")
	}
	if err != nil {
		ui.fail(w, r, err)
		return
	}
	a, _ := actor(r)
	ui.render(w, r, http.StatusOK, "rectification", page{Title: "差评整改 " + ev.No,
		Breadcrumbs: []crumb{{"差评整改", "/rectifications"}, {ev.No, ""}},
		Data:        rectificationData{Ev: ev, Now: time.Now(), IsCentre: a.Is(app.RoleStaff, app.RoleAdmin)}})
}

// rectificationStep runs verify, rectify or close from the detail page's forms.
func (ui *UI) rectificationStep(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		ui.fail(w, r, app.NotFound("评价不存在"))
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		ui.fail(w, r, app.Invalid("表单内容无法读取或过大"))
		return
	}
	f := r.PostForm
	back := "/rectifications/" + strconv.FormatInt(id, 10)
	var msg string
	switch r.PathValue("step") {
	case "verify":
		err, msg = ui.Evaluations.Verify(r.Context(), id, f.Get("result"), f.Get("note")), "已登记核实结果"
	case "rectify":
		err, msg = ui.Evaluations.Rectify(r.Context(), id, f.Get("action"), f.Get("feedback")), "已提交整改结果"
	case "close":
		err, msg = ui.Evaluations.Close(r.Context(), id), "整改已办结"
	default:
		err = app.NotFound("操作不存在")
	}
	if err != nil {
		if app.ErrorCode(err) == app.ENotFound || app.ErrorCode(err) == app.EUnauthorized {
			ui.fail(w, r, err)
			return
		}
		ui.redirectWith(w, r, back, "error", app.ErrorMessage(err))
		return
	}
	ui.redirectWith(w, r, back, "ok", msg)
}
