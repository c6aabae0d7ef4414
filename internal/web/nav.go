package web

import (
	"strings"

	"govdesk/internal/app"
)

// navItem is one entry of the navigation bar.
type navItem struct {
	Label  string
	Href   string
	Roles  []string // nil: every role
	Active bool
}

// navigation lists the sections in the order the bar shows them.
var navigation = []navItem{
	{Label: "工作台", Href: "/"},
	{Label: "单位管理", Href: "/admin/units", Roles: []string{app.RoleAdmin, app.RoleLeader, app.RoleDispatcher, app.RoleStaff}},
	{Label: "用户管理", Href: "/admin/users", Roles: []string{app.RoleAdmin}},
	{Label: "工作日历", Href: "/admin/calendar"},
	{Label: "办理时限", Href: "/admin/sla", Roles: []string{app.RoleAdmin, app.RoleDispatcher, app.RoleLeader, app.RoleStaff}},
}

// navFor returns the entries the actor may see, marking the current section.
func navFor(a app.Actor, path string) []navItem {
	var out []navItem
	for _, n := range navigation {
		if n.Roles != nil && !a.Is(n.Roles...) {
			continue
		}
		n.Active = n.Href == path || (n.Href != "/" && strings.HasPrefix(path, n.Href))
		out = append(out, n)
	}
	return out
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
