package web

import (
	"net/http"

	"govdesk/internal/workorder"
)

// inbox is a member unit's to-do list (/orders/inbox): orders to sign for and
// orders in hand, soonest deadline first. The service limits it to the unit.
func (ui *UI) inbox(w http.ResponseWriter, r *http.Request) {
	sections := []*queueSection{
		{Title: "待签收", Hint: "请在签收期限内签收，超过签收期限的标为黄色；不属于本单位职责的请退单。", AllURL: "/orders?status=dispatched&sort=deadline",
			filter: todoFilter(), Table: orderTable{ID: "inbox-dispatched", Empty: "没有待签收的工单。"}},
		{Title: "办理中", Hint: "按办理期限先后排列，红色为已超期，黄色为预警。", AllURL: "/orders?status=accepted&sort=deadline",
			filter: todoFilter(), Table: orderTable{ID: "inbox-accepted", Empty: "没有办理中的工单。"}},
	}
	sections[0].filter.Statuses = []workorder.Status{workorder.Dispatched}
	sections[1].filter.Statuses = []workorder.Status{workorder.Accepted}
	d, err := fillQueue(r.Context(), ui.Orders, sections)
	if err != nil {
		ui.fail(w, r, err)
		return
	}
	d.Scope, d.OverdueURL, d.WarningURL = "本单位待办中", todoOverdueURL, todoWarningURL
	if d.Overdue, d.Warning, err = ui.todoCounts(r.Context()); err != nil {
		ui.fail(w, r, err)
		return
	}
	ui.render(w, r, http.StatusOK, "inbox", page{Title: "我的待办", Breadcrumbs: []crumb{{"工作台", "/"}, {"我的待办", ""}}, Data: d})
}
