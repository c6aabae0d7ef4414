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
