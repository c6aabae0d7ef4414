package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/catalog"
	"govdesk/internal/httpx"
	"govdesk/internal/project"
	"govdesk/internal/stats"
	"govdesk/internal/workday"
)

// card is a project on the board, in the column of its current stage.
type card struct {
	P        project.Project
	Stage    project.Stage
	Status   project.Lateness
	Label    string
	Deadline time.Time
	Workdays int
}

type boardData struct {
	Columns []string
	Cards   map[string][]card
	Done    []project.Project
	Alerts  []card // stages about to run late (临期) or late (超期)
}

func (ui *UI) schedule(w http.ResponseWriter, r *http.Request) (workday.Schedule, bool) {
	sch, err := ui.Projects.Sched(r.Context())
	if err != nil {
		ui.fail(w, r, err)
	}
	return sch, err == nil
}

func (ui *UI) projectBoard(w http.ResponseWriter, r *http.Request) {
	ps, err := ui.Projects.Projects(r.Context())
	if err != nil {
		ui.fail(w, r, err)
		return
	}
	sch, ok := ui.schedule(w, r)
	if !ok {
		return
	}
	now := ui.Projects.Now()
	d := boardData{Columns: append([]string(nil), project.DefaultStages...), Cards: map[string][]card{}}
	for _, p := range ps {
		i := p.Current()
		if i < 0 {
			d.Done = append(d.Done, p)
			continue
		}
		st := p.Stages[i]
		if _, seen := d.Cards[st.Name]; !seen && !contains(d.Columns, st.Name) {
			d.Columns = append(d.Columns, st.Name)
		}
		s := st.Status(sch, now)
		c := card{P: p, Stage: st, Status: s, Label: project.LatenessNames[s], Deadline: st.Deadline(sch), Workdays: st.Workdays(sch, now)}
		d.Cards[st.Name] = append(d.Cards[st.Name], c)
		if s == project.Warning || s == project.Late {
			d.Alerts = append(d.Alerts, c)
		}
	}
	ui.render(w, r, http.StatusOK, "projects", page{Title: "项目代办看板",
		Breadcrumbs: []crumb{{"工作台", "/"}, {"项目代办", ""}}, Data: d})
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

type stageRow struct {
	project.Stage
	Cases    []catalog.Case // the enterprise's cases of the stage's items
	Status   project.Lateness
	Label    string
	Deadline time.Time
	Workdays int
}

func (ui *UI) projectPage(w http.ResponseWriter, r *http.Request) {
	p, led, err := ui.Projects.Project(r.Context(), r.PathValue("code"))
	if err != nil {
		ui.fail(w, r, err)
		return
	}
	sch, ok := ui.schedule(w, r)
	if !ok {
		return
	}
	now := ui.Projects.Now()
	var cases []catalog.Case
	if ui.Catalog != nil {
		if cases, err = ui.Catalog.Cases(r.Context(), p.CreatedAt, now.AddDate(0, 0, 1)); err != nil {
			ui.fail(w, r, err)
			return
		}
	}
	var rows []stageRow
	for _, s := range p.Stages {
		st := s.Status(sch, now)
		rows = append(rows, stageRow{s, project.StageCases(p, s, cases), st, project.LatenessNames[st], s.Deadline(sch), s.Workdays(sch, now)})
	}
	ui.render(w, r, http.StatusOK, "project", page{Title: "项目 " + p.Code,
		Breadcrumbs: []crumb{{"工作台", "/"}, {"项目代办", "/projects"}, {p.Name, ""}},
		Data:        map[string]any{"P": p, "Stages": rows, "Ledger": led, "Kinds": project.NoteKinds, "Done": p.Current() < 0}})
}

// postForm reads a small form; false when it could not be read (the page is written).
func (ui *UI) postForm(w http.ResponseWriter, r *http.Request) (url.Values, bool) {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		ui.fail(w, r, app.Invalid("表单内容无法读取或过大"))
		return nil, false
	}
	return r.PostForm, true
}

func (ui *UI) done(w http.ResponseWriter, r *http.Request, back, msg string, err error) {
	if err != nil {
		if c := app.ErrorCode(err); c == app.ENotFound || c == app.EUnauthorized || c == app.EForbidden {
			ui.fail(w, r, err)
			return
		}
		ui.redirectWith(w, r, back, "error", app.ErrorMessage(err))
		return
	}
	ui.redirectWith(w, r, back, "ok", msg)
}

// formVersion reads the optimistic version every form of a changing step carries.
func formVersion(f url.Values) (int, error) {
	v, err := strconv.Atoi(f.Get("version"))
	if err != nil || v <= 0 {
		return 0, app.Invalid("表单缺少版本号，请刷新页面后重试")
	}
	return v, nil
}

func (ui *UI) projectStep(w http.ResponseWriter, r *http.Request) {
	f, ok := ui.postForm(w, r)
	if !ok {
		return
	}
	code := r.PathValue("code")
	back := "/projects/" + url.PathEscape(code)
	switch r.PathValue("step") {
	case "pass":
		version, err := formVersion(f)
		var e project.LedgerEntry
		if err == nil {
			_, e, err = ui.Projects.Pass(r.Context(), code, version)
		}
		ui.done(w, r, back, e.Note, err)
	case "ledger":
		ui.done(w, r, back, "已记入台账", ui.Projects.Note(r.Context(), code, f.Get("kind"), f.Get("note")))
	default:
		ui.fail(w, r, app.NotFound("操作不存在"))
	}
}

func (ui *UI) policiesPage(w http.ResponseWriter, r *http.Request) {
	ps, err := ui.Projects.Policies(r.Context())
	if err != nil {
		ui.fail(w, r, err)
		return
	}
	ui.render(w, r, http.StatusOK, "policies", page{Title: "扶持政策清单",
		Breadcrumbs: []crumb{{"工作台", "/"}, {"政策兑现", ""}}, Data: ps})
}

func (ui *UI) applicationsPage(w http.ResponseWriter, r *http.Request) {
	as, err := ui.Projects.Applications(r.Context())
	var pols []project.Policy
	if err == nil {
		pols, err = ui.Projects.Policies(r.Context())
	}
	if err != nil {
		ui.fail(w, r, err)
		return
	}
	limits := map[string]int64{}
	for _, p := range pols {
		limits[p.Code] = p.Limit()
	}
	ui.render(w, r, http.StatusOK, "applications", page{Title: "政策兑现审核",
		Breadcrumbs: []crumb{{"工作台", "/"}, {"政策兑现", "/policies"}, {"审核", ""}},
		Data:        map[string]any{"List": as, "Names": project.StatusNames, "Limits": limits}})
}

// applicationStep approves (with the approved amount), rejects or pays an
// application from the review queue; each form carries the application's version.
func (ui *UI) applicationStep(w http.ResponseWriter, r *http.Request) {
	f, ok := ui.postForm(w, r)
	if !ok {
		return
	}
	no, back, ctx := r.PathValue("no"), "/policies/applications", r.Context()
	version, err := formVersion(f)
	var fen int64 // the amount typed (核定金额 or 兑付金额); empty is 0, which the domain judges
	if v := strings.TrimSpace(f.Get("amount")); err == nil && v != "" {
		var ok bool
		if fen, ok = project.ParseYuan(v); !ok {
			err = app.Invalid("金额应为数字（元），如 80000 或 8万")
		}
	}
	var a project.Application
	var msg string
	switch r.PathValue("step") {
	case "approve":
		if err == nil {
			a, err = ui.Projects.Decide(ctx, no, version, project.Decision{Approve: true, Reason: f.Get("reason"), AmountFen: fen})
		}
		msg = "申请 " + no + " 已审核通过，核定金额 " + project.Yuan(a.ApprovedFen) + " 元"
	case "reject":
		if err == nil {
			_, err = ui.Projects.Decide(ctx, no, version, project.Decision{Reason: f.Get("reason")})
		}
		msg = "申请 " + no + " 未予通过"
	case "pay":
		if err == nil {
			a, err = ui.Projects.Pay(ctx, no, version, fen)
		}
		msg = "申请 " + no + " 已兑付 " + project.Yuan(a.PaidFen) + " 元"
	default:
		ui.fail(w, r, app.NotFound("操作不存在"))
		return
	}
	ui.done(w, r, back, msg, err)
}

// projectFigures shows both figure sets of SPEC §6.1 for ?from=&to= (default: this
// month) with the finished stages and the applications they count.
func (ui *UI) projectFigures(w http.ResponseWriter, r *http.Request) {
	now := ui.Projects.Now().In(app.Shanghai)
	from, to := r.URL.Query().Get("from"), r.URL.Query().Get("to")
	if from == "" || to == "" {
		first := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, app.Shanghai)
		from, to = first.Format(app.DateLayout), first.AddDate(0, 1, -1).Format(app.DateLayout)
	}
	per, err := stats.DatePeriod(from, to)
	if err != nil {
		ui.fail(w, r, err)
		return
	}
	ctx := r.Context()
	ps, err := ui.Projects.Projects(ctx)
	var pols []project.Policy
	var apps []project.Application
	if err == nil {
		pols, err = ui.Projects.Policies(ctx)
	}
	if err == nil {
		apps, err = ui.Projects.Applications(ctx)
	}
	if err != nil {
		ui.fail(w, r, err)
		return
	}
	sch, ok := ui.schedule(w, r)
	if !ok {
		return
	}
	var finished []map[string]any
	for _, p := range ps {
		for _, s := range p.Stages {
			if !s.Finished.IsZero() && !s.Finished.Before(per.From) && s.Finished.Before(per.To) {
				finished = append(finished, map[string]any{"P": p, "S": s, "OnTime": s.OnTime(sch), "Days": s.Workdays(sch, s.Finished)})
			}
		}
	}
	var inPeriod []project.Application
	for _, a := range apps {
		if !a.SubmittedAt.Before(per.From) && a.SubmittedAt.Before(per.To) {
			inPeriod = append(inPeriod, a)
		}
	}
	ui.render(w, r, http.StatusOK, "project_figures", page{Title: "项目代办与政策兑现统计",
		Breadcrumbs: []crumb{{"工作台", "/"}, {"项目代办", "/projects"}, {"统计", ""}},
		Data: map[string]any{"From": from, "To": to, "P": stats.ProjectFigures(ps, per, sch), "Finished": finished,
			"Pol": stats.PolicyFigures(pols, apps, per, sch), "Apps": inPeriod, "Names": project.StatusNames,
			"PDefs": stats.ProjectDefinitions, "PolDefs": stats.PolicyDefinitions}})
}

// policyStatusPage is the applicant's public view of an application's status (no sign-in).
func (ui *UI) policyStatusPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	d := map[string]any{"No": q.Get("no"), "Applicant": q.Get("applicant"), "Names": project.StatusNames}
	p := page{Title: "政策兑现申请进度查询", Data: d}
	status := http.StatusOK
	if d["No"] != "" && !ui.PublicLimit.Allow("ip:"+httpx.ClientIP(r), ui.now()) {
		p.Error, status = "查询过于频繁，请稍后再试。", http.StatusTooManyRequests
	} else if d["No"] != "" {
		a, err := ui.Projects.PublicStatus(r.Context(), q.Get("no"), q.Get("applicant"))
		if err != nil {
			p.Error = app.ErrorMessage(err)
		} else {
			d["A"] = a
		}
	}
	ui.render(w, r, status, "policy_status", p)
}

// The project pages' template functions (see catalog.go's init).
