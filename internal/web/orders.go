package web

import (
	"net/http"
	"strings"

	"govdesk/internal/account"
	"govdesk/internal/workorder"
)

// orderTable is what the orders-table partial shows.
type orderTable struct {
	ID    string
	Rows  []workorder.Listed
	Empty string
}

type ordersData struct {
	Q         orderQuery
	Problems  string
	Table     orderTable
	Pager     pager
	Total     int
	Filtered  bool
	CanCreate bool
	CanImport bool
	ExportURL string // "" when export is off or the filter cannot be exported
	Figure    string // the statistics figure the list drills into, in Chinese
	Statuses  []workorder.Status
	Types     []string
	Units     []account.Unit // nil for the unit-scoped roles, who see one unit only
}

// orders is the order list with its filters (/orders).
func (ui *UI) orders(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	q, f, probs := parseOrderQuery(v)
	var (
		rows  []workorder.Listed
		total int
		err   error
	)
	figure := v.Get("figure")
	if figure != "" {
		if f, err = ui.figureFilter(r, q, f, figure); err != nil {
			ui.fail(w, r, err)
			return
		}
	}
	if q.ExtPending {
		rows, total, err = ui.Orders.PendingExtensions(r.Context(), f)
	} else {
		rows, total, err = ui.Orders.ListFlagged(r.Context(), f)
	}
	if err != nil {
		ui.fail(w, r, err)
		return
	}
	a, _ := actor(r)
	d := ordersData{CanCreate: a.Is(orderCreators...), CanImport: ui.Importer != nil && a.Is(orderImporters...),
		Q: q, Problems: strings.Join(probs, "；"), Total: total, Statuses: workorder.Statuses, Types: workorder.Types,
		Pager: newPager("/orders", v, q.Page, total, perPage)}
	if figure != "" {
		d.Figure = figureLabel(figure) + "，" + q.From + " 至 " + q.To
	}
	d.Filtered = q.Status != "" || q.Type != "" || q.Unit != "" || q.Town != "" || q.Category != "" || q.From != "" ||
		q.To != "" || q.Q != "" || q.Overdue || q.Warning || q.Supervised || q.Urgent || q.Returned || q.ExtPending || figure != ""
	if ui.Importer != nil && !q.Warning && !q.ExtPending && figure == "" {
		d.ExportURL = exportURL(v)
	}
	d.Table = orderTable{ID: "orders", Rows: rows, Empty: "还没有工单。"}
	if d.Filtered {
		d.Table.Empty = "没有符合条件的工单，请调整筛选条件。"
	} else if a.Is(unitRoles...) {
		d.Table.Empty = "本单位还没有工单。"
	}
	if !a.Is(unitRoles...) {
		if d.Units, err = ui.Accounts.Units(r.Context()); err != nil {
			ui.fail(w, r, err)
			return
		}
	}
	ui.render(w, r, http.StatusOK, "orders", page{Title: "工单", Breadcrumbs: []crumb{{"工作台", "/"}, {"工单", ""}}, Data: d})
}
