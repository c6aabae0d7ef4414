package web

import (
	"net/http"

	"govdesk/internal/workorder"
)

// pool is the dispatcher's pool (/orders/pool): orders awaiting dispatch, oldest
// first, then the returned ones, the extension requests and the replies to review.
func (ui *UI) pool(w http.ResponseWriter, r *http.Request) {
	received := []workorder.Status{workorder.Received}
	sections := []*queueSection{
		{Title: "待派发", Hint: "按受理先后排列，先来先派。", AllURL: "/orders?status=received&sort=oldest",
			filter: workorder.Filter{Statuses: received, Order: workorder.OrderOldest},
			Table:  orderTable{ID: "pool-received", Empty: "没有待派发的工单。"}},
		{Title: "退单待重派", Hint: "承办单位退回的工单；退单达到上限的只能指定主办。", AllURL: "/orders?status=received&returned=1&sort=oldest",
			filter: workorder.Filter{Statuses: received, MinReturns: 1, Order: workorder.OrderOldest},
			Table:  orderTable{ID: "pool-returned", Empty: "没有被退回的工单。"}},
		{Title: "延期待审批", Hint: "承办单位申请延期，按办理期限先后排列。", AllURL: "/orders?ext=1",
			extPend: true, Table: orderTable{ID: "pool-extensions", Empty: "没有待审批的延期申请。"}},
		{Title: "答复待审核", Hint: "承办单位已答复，审核通过后转回访。", AllURL: "/orders?status=replied&sort=deadline",
			filter: workorder.Filter{Statuses: []workorder.Status{workorder.Replied}, Order: "deadline"},
			Table:  orderTable{ID: "pool-replied", Empty: "没有待审核的答复。"}},
	}
	d, err := fillQueue(r.Context(), ui.Orders, sections)
	if err != nil {
		ui.fail(w, r, err)
		return
	}
	d.countShown()
	ui.render(w, r, http.StatusOK, "pool", page{Title: "派单池", Breadcrumbs: []crumb{{"工作台", "/"}, {"派单池", ""}}, Data: d})
}
