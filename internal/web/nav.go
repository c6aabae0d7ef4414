package web

import (
	"strings"

	"govdesk/internal/app"
	"govdesk/internal/asset"
	"govdesk/internal/knowledge"
	"govdesk/internal/project"
	"govdesk/internal/report"
	"govdesk/internal/selfeval"
)

// navItem is one entry of the navigation bar.
type navItem struct {
	Label  string
	Href   string
	Roles  []string // nil: every role
	Active bool
	Badge  int  // a count shown beside the label (unread notices)
	Hidden bool // a guarded page reached from another page, not from the bar
}

var (
	orderCreators = []string{app.RoleOperator, app.RoleDispatcher, app.RoleAdmin}
	unitRoles     = []string{app.RoleHandler, app.RoleUnitAdmin}
	// orderImporters may import order files (workorder.Importer.Import allows the same).
	orderImporters = []string{app.RoleAdmin, app.RoleDispatcher}
)

// navigation lists the sections in the order the bar shows them. A section over
// one domain's resource names that domain's rule (project.Readers, asset.ReadRoles,
// …): the service refuses the same roles on every door, the page only spares them
// a link that would lead to 无权访问.
var navigation = []navItem{
	{Label: "工作台", Href: "/"},
	{Label: "我的待办", Href: "/orders/inbox", Roles: unitRoles},
	{Label: "派单池", Href: "/orders/pool", Roles: []string{app.RoleDispatcher, app.RoleLeader}},
	{Label: "工单", Href: "/orders"},
	{Label: "新建工单", Href: "/orders/new", Roles: orderCreators},
	{Label: "导入工单", Href: "/orders/import", Roles: orderImporters, Hidden: true},
	{Label: "消息", Href: "/notices"},
	{Label: "事项目录", Href: "/catalog"},
	{Label: "办件", Href: "/cases"},
	{Label: "好差评", Href: "/evaluations"},
	{Label: "差评整改", Href: "/rectifications"},
	{Label: "项目代办", Href: "/projects", Roles: project.Readers},
	{Label: "项目统计", Href: "/projects/figures", Roles: project.Readers, Hidden: true},
	{Label: "政策兑现", Href: "/policies"},
	{Label: "兑现审核", Href: "/policies/applications", Roles: project.Readers},
	{Label: "单位管理", Href: "/admin/units", Roles: []string{app.RoleAdmin, app.RoleLeader, app.RoleDispatcher, app.RoleStaff}},
	{Label: "用户管理", Href: "/admin/users", Roles: []string{app.RoleAdmin}},
	{Label: "工作日历", Href: "/admin/calendar"},
	{Label: "办理时限", Href: "/admin/sla", Roles: []string{app.RoleAdmin, app.RoleDispatcher, app.RoleLeader, app.RoleStaff}},
	{Label: "终端设备", Href: "/devices", Roles: asset.ReadRoles},
	{Label: "资产台账", Href: "/assets", Roles: asset.ReadRoles},
	{Label: "Open311 服务", Href: "/admin/open311", Roles: []string{app.RoleAdmin}},
	{Label: "简报研判", Href: "/reports", Roles: report.Readers},
	{Label: "绩效自评", Href: "/selfeval", Roles: selfeval.Readers},
	{Label: "知识库", Href: "/kb", Roles: []string{app.RoleOperator, app.RoleDispatcher, app.RoleAdmin, app.RoleUnitAdmin}},
	{Label: "知识库文章", Href: "/kb/articles", Roles: knowledge.Editors},
	{Label: "待复核文章", Href: "/kb/expiring", Roles: []string{app.RoleUnitAdmin, app.RoleAdmin, app.RoleDispatcher, app.RoleLeader}, Hidden: true},
	{Label: "检索同义词", Href: "/kb/synonyms", Roles: []string{app.RoleAdmin, app.RoleDispatcher}, Hidden: true},
	{Label: "一次性解答率", Href: "/kb/first-call", Roles: knowledge.FirstCallViewers},
}

// navFor returns the entries the actor may see, marking the current section (the
// longest entry the path falls under) and the unread count on 消息.
func navFor(a app.Actor, path string, unread int) []navItem {
	var out []navItem
	active := -1
	for _, n := range navigation {
		if n.Hidden || n.Roles != nil && !a.Is(n.Roles...) {
			continue
		}
		if n.Href == "/notices" {
			n.Badge = unread
		}
		if under(path, n.Href) && (active < 0 || len(n.Href) > len(out[active].Href)) {
			active = len(out)
		}
		out = append(out, n)
	}
	if active >= 0 {
		out[active].Active = true
	}
	return out
}

// under reports whether path is the section at href or a page inside it.
func under(path, href string) bool {
	if href == "/" {
		return path == "/"
	}
	return path == href || strings.HasPrefix(path, href+"/")
}

// allowed reports whether the actor may open the section at href.
func allowed(a app.Actor, href string) bool {
	for _, n := range navigation {
		if n.Href == href {
			return n.Roles == nil || a.Is(n.Roles...)
		}
	}
	return false
}

// sectionOf is the section a page belongs to: the longest navigation entry its path
// falls under ("" for a page outside every section, such as the public pages). Each
// page's route is guarded by this section (section(href, …) names it; a test holds them
// together).
func sectionOf(path string) string {
	best := ""
	for _, n := range navigation {
		if under(path, n.Href) && len(n.Href) > len(best) {
			best = n.Href
		}
	}
	return best
}

// may reports whether the actor may follow a link to href (a path, with or without a
// query): the rule the page's route enforces, so a page links only where its reader
// may go. Templates call it as {{if may .Actor "/policies/applications"}}.
func may(a app.Actor, href string) bool {
	path, _, _ := strings.Cut(href, "?")
	s := sectionOf(path)
	return s == "" || allowed(a, s)
}
