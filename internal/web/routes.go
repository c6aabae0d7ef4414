package web

import "net/http"

// Routes registers every page of the web interface.
func (ui *UI) Routes(mux *http.ServeMux) {
	mux.Handle("GET /static/", Static())
	mux.HandleFunc("GET /login", ui.loginPage)
	mux.HandleFunc("POST /login", ui.login)
	mux.HandleFunc("POST /logout", ui.logout)
	mux.HandleFunc("GET /{$}", requireLogin(ui.home))
	mux.HandleFunc("GET /orders", ui.section("/orders", ui.orders))
	mux.HandleFunc("GET /orders/new", ui.section("/orders/new", ui.newOrder))
	mux.HandleFunc("POST /orders", ui.section("/orders/new", ui.createOrder))
	mux.HandleFunc("GET /orders/import", ui.section("/orders/import", ui.importPage))
	mux.HandleFunc("POST /orders/import", ui.section("/orders/import", ui.importOrders))
	mux.HandleFunc("GET /orders/export", ui.section("/orders", ui.exportOrders))
	mux.HandleFunc("GET /orders/pool", ui.section("/orders/pool", ui.pool))
	mux.HandleFunc("GET /orders/inbox", ui.section("/orders/inbox", ui.inbox))
	mux.HandleFunc("GET /orders/{id}", ui.section("/orders", ui.order))
	mux.HandleFunc("POST /orders/{id}/{cmd...}", ui.section("/orders", ui.orderCommand))
	mux.HandleFunc("POST /orders/{id}/attachments", ui.section("/orders", ui.addAttachment))
	mux.HandleFunc("GET /orders/{id}/attachments/{aid}", ui.section("/orders", ui.attachment))
	mux.HandleFunc("GET /notices", ui.section("/notices", ui.notices))
	mux.HandleFunc("POST /notices/read", ui.section("/notices", ui.readNotices))
	mux.HandleFunc("GET /admin/units", ui.section("/admin/units", ui.units))
	mux.HandleFunc("GET /admin/users", ui.section("/admin/users", ui.users))
	mux.HandleFunc("GET /admin/calendar", ui.section("/admin/calendar", ui.calendar))
	mux.HandleFunc("GET /admin/sla", ui.section("/admin/sla", ui.sla))
	ui.assetRoutes(mux)
	ui.catalogRoutes(mux)
	ui.open311Routes(mux)
	ui.projectRoutes(mux)
	ui.selfevalRoutes(mux)
	ui.reportRoutes(mux)
	ui.kbRoutes(mux)
}

// section guards a page by login and by the roles its navigation entry names.
func (ui *UI) section(href string, h http.HandlerFunc) http.HandlerFunc {
	return requireLogin(func(w http.ResponseWriter, r *http.Request) {
		a, _ := actor(r)
		if !allowed(a, href) {
			ui.render(w, r, http.StatusForbidden, "error", page{Title: "无权访问", Error: "当前角色无权访问此页面"})
			return
		}
		h(w, r)
	})
}
