package web

import (
	"net/http"
	"strconv"
	"strings"

	"govdesk/internal/app"
	"govdesk/internal/httpx"
	"govdesk/internal/workorder"
)

type newOrderData struct {
	In        workorder.NewOrder
	Types     []string
	Sources   []string
	Sensitive []string
	Registry  workorder.Registry // the towns, villages and categories to choose from
	Suggest   orderSuggestions   // dispatch suggestion (kb_suggest.go)
}

func (ui *UI) showNewOrder(w http.ResponseWriter, r *http.Request, status int, msg string, in workorder.NewOrder) {
	if in.Source == "" {
		in.Source = workorder.Sources[0]
	}
	reg, err := ui.Orders.Registry(r.Context())
	if err != nil { // the form still works: the service checks what is typed
		httpx.LogError(r, err)
	}
	ui.render(w, r, status, "order_new", page{Title: "新建工单", Error: msg,
		Breadcrumbs: []crumb{{"工作台", "/"}, {"工单", "/orders"}, {"新建工单", ""}},
		Data: newOrderData{In: in, Types: workorder.Types, Sources: workorder.Sources, Sensitive: workorder.SensitiveTags,
			Registry: reg, Suggest: ui.orderSuggestions(r, in)}})
}

// newOrder is the intake form (/orders/new).
func (ui *UI) newOrder(w http.ResponseWriter, r *http.Request) {
	ui.showNewOrder(w, r, http.StatusOK, "", prefilledOrder(r))
}

// createOrder registers the order of the intake form (POST /orders) and shows it;
// its page lists the possible duplicates the service found.
func (ui *UI) createOrder(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 256<<10)
	if err := r.ParseForm(); err != nil {
		ui.fail(w, r, app.Invalid("表单内容无法读取或过大"))
		return
	}
	f := r.PostForm
	in := workorder.NewOrder{Type: f.Get("type"), Urgent: f.Get("urgent") == "1", Source: f.Get("source"),
		Title: f.Get("title"), Content: f.Get("content"), CitizenName: f.Get("citizen_name"), CitizenPhone: f.Get("citizen_phone"),
		Anonymous: f.Get("anonymous") == "1", Town: f.Get("town"), Village: f.Get("village"), Address: f.Get("address"),
		Category: strings.Trim(strings.TrimSpace(f.Get("category")), "/"), Sensitive: f["sensitive"]}
	o, hints, err := ui.Orders.Create(r.Context(), in)
	if err != nil {
		ui.refused(w, r, err, func(status int, msg string) { ui.showNewOrder(w, r, status, msg, in) })
		return
	}
	msg := "工单 " + o.No + " 已受理"
	if len(hints) > 0 {
		msg += "。发现 " + strconv.Itoa(len(hints)) + " 件可能重复的未办结工单，请在下方核对"
	}
	ui.redirectWith(w, r, "/orders/"+strconv.FormatInt(o.ID, 10), "ok", msg)
}
