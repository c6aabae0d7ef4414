package web

import "strings"

// navGroup is a drop-down of the navigation bar; a group of one entry shows as
// that entry.
type navGroup struct {
	Label  string
	Items  []navItem
	Active bool
	Badge  int
}

// navGroupOf sorts the bar's entries into groups by their address: the bar keeps
// a handful of headings however many pages the sections add. An entry no group
// claims stands on its own at the end.
var navGroupOf = []struct {
	label    string
	prefixes []string
}{
	{"工作台", []string{"/"}},
	{"热线工单", []string{"/orders", "/kb"}},
	{"消息", []string{"/notices"}},
	{"政务服务", []string{"/catalog", "/cases", "/evaluations", "/rectifications", "/projects", "/policies"}},
	{"资产终端", []string{"/devices", "/assets"}},
	{"绩效报表", []string{"/reports", "/stats", "/selfeval", "/budgets", "/performance"}},
	{"系统管理", []string{"/admin"}},
}

// groupNav returns the visible entries in their groups, in the order of navGroupOf.
func groupNav(items []navItem) []navGroup {
	groups := make([]navGroup, len(navGroupOf))
	var rest []navGroup
	for _, it := range items {
		placed := false
		for gi, g := range navGroupOf {
			for _, p := range g.prefixes {
				if it.Href == p || p != "/" && strings.HasPrefix(it.Href, p) {
					groups[gi].Items = append(groups[gi].Items, it)
					placed = true
					break
				}
			}
			if placed {
				break
			}
		}
		if !placed {
			rest = append(rest, navGroup{Label: it.Label, Items: []navItem{it}, Active: it.Active, Badge: it.Badge})
		}
	}
	var out []navGroup
	for gi, g := range groups {
		if len(g.Items) == 0 {
			continue
		}
		g.Label = navGroupOf[gi].label
		if len(g.Items) == 1 {
			g.Label = g.Items[0].Label
		}
		for _, it := range g.Items {
			g.Active = g.Active || it.Active
			g.Badge += it.Badge
		}
		out = append(out, g)
	}
	return append(out, rest...)
}
