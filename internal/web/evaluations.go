package web

import (
	"net/http"
	"strconv"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/evaluation"
	"govdesk/internal/httpx"
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
	NoData      *noData
}

// evaluationsPage lists the evaluations of a period with the figures, the monthly
// composite and the rankings (/evaluations).
func (ui *UI) evaluationsPage(w http.ResponseWriter, r *http.Request) {
	p, from, to, err := ui.listPeriod(r, ui.Evaluations.Latest)
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
	if len(list) == 0 {
		if d.NoData, err = listNoData(r, "/evaluations", ui.Evaluations.Latest); err != nil {
			ui.fail(w, r, err)
			return
		}
	}
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
	list, err := ui.Evaluations.Evaluations(r.Context(), evaluation.Filter{BadOnly: true, OpenOnly: !all})
	if err != nil {
		ui.fail(w, r, err)
		return
	}
	ui.render(w, r, http.StatusOK, "rectifications", page{Title: "差评整改", Breadcrumbs: []crumb{{"工作台", "/"}, {"差评整改", ""}},
		Data: rectificationsData{List: list, AllOpen: all, Now: ui.now()}})
}

type rectificationData struct {
	Ev  evaluation.Evaluation
	Now time.Time
	Can map[string]bool // the steps the reader may do (evaluation.Allow)
}

func (ui *UI) rectificationPage(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r, "id", "评价")
	if err != nil {
		ui.fail(w, r, err)
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
	can := map[string]bool{}
	for _, step := range []string{evaluation.StepVerify, evaluation.StepRectify, evaluation.StepClose} {
		can[step] = evaluation.Allow(a, ev.Rect, step) == nil
	}
	ui.render(w, r, http.StatusOK, "rectification", page{Title: "差评整改 " + ev.No,
		Breadcrumbs: []crumb{{"差评整改", "/rectifications"}, {ev.No, ""}},
		Data:        rectificationData{Ev: ev, Now: ui.now(), Can: can}})
}

// rectificationStep runs verify, rectify or close from the detail page's forms,
// each carrying the rectification's version.
func (ui *UI) rectificationStep(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r, "id", "评价")
	if err != nil {
		ui.fail(w, r, err)
		return
	}
	f, ok := ui.postForm(w, r)
	if !ok {
		return
	}
	back := "/rectifications/" + strconv.FormatInt(id, 10)
	version, err := formVersion(f)
	var msg string
	if err == nil {
		ctx := r.Context()
		switch r.PathValue("step") {
		case evaluation.StepVerify:
			_, err = ui.Evaluations.Verify(ctx, id, version, f.Get("result"), f.Get("note"))
			msg = "已登记核实结果"
		case evaluation.StepRectify:
			_, err = ui.Evaluations.Rectify(ctx, id, version, f.Get("action"), f.Get("feedback"))
			msg = "已提交整改结果"
		case evaluation.StepClose:
			_, err = ui.Evaluations.Close(ctx, id, version)
			msg = "整改已办结"
		default:
			err = app.NotFound("操作不存在")
		}
	}
	ui.done(w, r, back, msg, err)
}
