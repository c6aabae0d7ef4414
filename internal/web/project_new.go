package web

import (
	"net/http"
	"net/url"
	"strings"

	"govdesk/internal/project"
)

// createProject registers a project from the board's form with the default
// stages and starts its first stage.
func (ui *UI) createProject(w http.ResponseWriter, r *http.Request) {
	f, ok := ui.postForm(w, r)
	if !ok {
		return
	}
	p := project.Project{Code: strings.TrimSpace(f.Get("code")), Name: f.Get("name"), Enterprise: strings.TrimSpace(f.Get("enterprise")),
		Contact: f.Get("contact"), Phone: f.Get("phone"), Agent: f.Get("agent"), Form: f.Get("form")}
	if err := ui.Projects.Create(r.Context(), &p); err != nil {
		ui.done(w, r, "/projects", "", err)
		return
	}
	ui.redirectWith(w, r, "/projects/"+url.PathEscape(p.Code), "ok", "项目已登记，已开始“"+p.Stages[0].Name+"”阶段")
}

// submitApplication files an application at the 政策兑现 window.
func (ui *UI) submitApplication(w http.ResponseWriter, r *http.Request) {
	f, ok := ui.postForm(w, r)
	if !ok {
		return
	}
	back := "/policies/applications"
	var fen int64
	if v := strings.TrimSpace(f.Get("amount")); v != "" {
		var ok bool
		if fen, ok = project.ParseYuan(v); !ok {
			ui.redirectWith(w, r, back, "error", "申请金额应为数字（元），如 80000 或 8万")
			return
		}
	}
	a := project.Application{No: strings.TrimSpace(f.Get("no")), PolicyCode: strings.TrimSpace(f.Get("policy")),
		Applicant: f.Get("applicant"), Channel: "线下", AmountFen: fen,
		Materials: strings.FieldsFunc(f.Get("materials"), func(r rune) bool { return strings.ContainsRune("、，,；;\n", r) })}
	ui.done(w, r, back, "申请 "+a.No+" 已受理", ui.Projects.Submit(r.Context(), &a))
}
