package web

import (
	"net/http"

	"govdesk/internal/app"
	"govdesk/internal/workorder"
)

// roleDuties says on the home page what each role does here (SPEC §1).
var roleDuties = map[string]string{
	app.RoleAdmin:      "负责系统配置、用户、单位、工作日历和办理时限策略。",
	app.RoleOperator:   "受理 12345 来电和网络留言，使用知识库解答，创建工单并开展回访。",
	app.RoleDispatcher: "向成员单位派发工单，处理退单、审批延期、审核答复。",
	app.RoleHandler:    "签收、办理本单位工单，必要时退单或申请延期，并按时答复。",
	app.RoleUnitAdmin:  "管理本单位承办人、知识库条目和统计数据。",
	app.RoleStaff:      "维护政务服务事项、办件、好差评、资产与绩效自评。",
	app.RoleLeader:     "查看全局数据和报告，对重点工单进行督办。",
}

type homeData struct {
	Duty     string
	Links    []navItem
	Watch    []watchItem
	Sections []dashSection
}

// watchItem is a count on the home page that links to the orders it counts.
type watchItem struct {
	Label string
	Count int
	Href  string
}

// watchList is what leaders and the centre keep an eye on until it closes:
// sensitive orders (群体诉求/涉稳/舆情) and supervised ones.
func (ui *UI) watchList(r *http.Request) ([]watchItem, error) {
	a, _ := actor(r)
	if !a.Is(app.RoleLeader, app.RoleDispatcher, app.RoleAdmin, app.RoleStaff) {
		return nil, nil
	}
	yes, open := true, workorder.Statuses[:len(workorder.Statuses)-1]
	items := []struct {
		label, href string
		f           workorder.Filter
	}{
		{"未办结的敏感工单", "/orders?status=open&sensitive=1", workorder.Filter{Statuses: open, Sensitive: true}},
		{"督办中的工单", "/orders?status=open&supervised=1", workorder.Filter{Statuses: open, Supervised: &yes}},
		{"超期工单", "/orders?status=open&overdue=1", workorder.Filter{Statuses: open, Overdue: &yes}},
	}
	var out []watchItem
	for _, it := range items {
		it.f.Page = app.Page{PerPage: 1}
		_, total, err := ui.Orders.List(r.Context(), it.f)
		if err != nil {
			return nil, err
		}
		out = append(out, watchItem{Label: it.label, Count: total, Href: it.href})
	}
	return out, nil
}

func (ui *UI) home(w http.ResponseWriter, r *http.Request) {
	a, _ := actor(r)
	var links []navItem
	for _, n := range navFor(a, "", 0) {
		if n.Href != "/" {
			links = append(links, n)
		}
	}
	var watch []watchItem
	var err error
	if !a.Is(app.RoleLeader, app.RoleDispatcher) { // their dashboards count these themselves
		if watch, err = ui.watchList(r); err != nil {
			ui.fail(w, r, err)
			return
		}
	}
	sections, err := ui.dashboard(r)
	if err != nil {
		ui.fail(w, r, err)
		return
	}
	ui.render(w, r, http.StatusOK, "home", page{Title: "工作台", Data: homeData{Duty: roleDuties[a.Role], Links: links, Watch: watch, Sections: sections}})
}
