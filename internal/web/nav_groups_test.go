package web

import (
	"net/url"
	"testing"

	"govdesk/internal/app"
)

// TestGroupNav: every role's bar is a handful of groups, each entry of the
// navigation in exactly one of them, the current page's group marked.
func TestGroupNav(t *testing.T) {
	for _, role := range []string{app.RoleAdmin, app.RoleOperator, app.RoleDispatcher, app.RoleHandler, app.RoleUnitAdmin, app.RoleStaff, app.RoleLeader} {
		a := app.Actor{Role: role}
		items := navFor(a, "/orders/pool", 0)
		groups := groupNav(items)
		if len(groups) > 8 {
			t.Errorf("%s: %d headings in the bar, want at most 8", role, len(groups))
		}
		seen := 0
		for _, g := range groups {
			seen += len(g.Items)
			if len(g.Items) == 1 && g.Label != g.Items[0].Label {
				t.Errorf("%s: a group of one entry shows %q, want the entry's own label %q", role, g.Label, g.Items[0].Label)
			}
			for _, it := range g.Items {
				if it.Active && !g.Active {
					t.Errorf("%s: group %s holds the active entry but is not marked", role, g.Label)
				}
			}
		}
		if seen != len(items) {
			t.Errorf("%s: %d entries grouped, want all %d", role, seen, len(items))
		}
	}
	g := groupNav([]navItem{{Label: "工作台", Href: "/"}, {Label: "工单", Href: "/orders", Active: true}, {Label: "知识库", Href: "/kb"},
		{Label: "新功能", Href: "/new"}})
	if len(g) != 3 || g[1].Label != "热线工单" || !g[1].Active || len(g[1].Items) != 2 || g[2].Label != "新功能" {
		t.Fatalf("grouped: %+v", g)
	}
}

func TestPageRows(t *testing.T) {
	list := make([]int, 250)
	for i := range list {
		list[i] = i
	}
	rows, p := pageRows(list, "/cases", url.Values{"page": {"3"}, "from": {"2022-01-01"}}, 100)
	if len(rows) != 50 || rows[0] != 200 || p.Pages != 3 || p.Total != 250 || p.NextURL != "" || p.PrevURL != "/cases?from=2022-01-01&page=2" {
		t.Fatalf("page 3: %d rows from %d, %+v", len(rows), rows[0], p)
	}
	if rows, p = pageRows(list, "/cases", url.Values{"page": {"99"}}, 100); p.Page != 3 || rows[0] != 200 {
		t.Fatalf("a page past the end shows the last: %+v", p)
	}
	if rows, p = pageRows([]int(nil), "/cases", url.Values{}, 100); len(rows) != 0 || p.Pages > 1 || p.NextURL != "" {
		t.Fatalf("empty: %v %+v", rows, p)
	}
}

func TestFigureLabel(t *testing.T) {
	for key, want := range map[string]string{
		"received": "受理量", "on_time_rate.numerator": "按时答复率（分子）", "previous.urgent": "上年同期 · 紧急件",
		"unit.U001.overdue": "单位 U001 · 超期件", "by_town.乐城街道": "镇街：乐城街道",
	} {
		if got := figureLabel(key); got != want {
			t.Errorf("figureLabel(%q) = %q, want %q", key, got, want)
		}
	}
}
