package web

import "net/http"

// Routes registers every page of the web interface: the one route table of the web.
// Each page is guarded by the roles of its navigation entry (section); a part whose
// service is not wired is left out.
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

	// Devices, faults, availability and the asset register (SPEC §8).
	if ui.Assets != nil {
		mux.HandleFunc("GET /devices", ui.section("/devices", ui.devices))
		mux.HandleFunc("GET /devices/faults", ui.section("/devices", ui.faults))
		mux.HandleFunc("GET /devices/availability", ui.section("/devices", ui.availability))
		mux.HandleFunc("GET /devices/{code}", ui.section("/devices", ui.device))
		mux.HandleFunc("POST /devices/{code}/faults", ui.section("/devices", ui.recordFault))
		mux.HandleFunc("POST /devices/faults/{id}/recover", ui.section("/devices", ui.recoverFault))
		mux.HandleFunc("GET /assets", ui.section("/assets", ui.assets))
	}

	// The catalogue, cases, evaluations and rectifications (SPEC §6, §7).
	if ui.Catalog != nil && ui.Evaluations != nil {
		mux.HandleFunc("GET /catalog", ui.section("/catalog", ui.catalogPage))
		mux.HandleFunc("GET /catalog/items/{code}", ui.section("/catalog", ui.itemPage))
		mux.HandleFunc("GET /catalog/new", ui.section("/catalog", ui.itemEditor))
		mux.HandleFunc("GET /catalog/items/{code}/edit", ui.section("/catalog", ui.itemEditor))
		mux.HandleFunc("POST /catalog/items", ui.section("/catalog", ui.saveItem))
		mux.HandleFunc("GET /cases", ui.section("/cases", ui.casesPage))
		mux.HandleFunc("GET /evaluations", ui.section("/evaluations", ui.evaluationsPage))
		mux.HandleFunc("GET /rectifications", ui.section("/rectifications", ui.rectificationsPage))
		mux.HandleFunc("GET /rectifications/{id}", ui.section("/rectifications", ui.rectificationPage))
		mux.HandleFunc("POST /rectifications/{id}/{step}", ui.section("/rectifications", ui.rectificationStep))
	}

	// Open311 services shown to the public (SPEC §11).
	mux.HandleFunc("GET /admin/open311", ui.section("/admin/open311", ui.open311Page))
	mux.HandleFunc("POST /admin/open311/{code}", ui.section("/admin/open311", ui.open311Hide))

	// Project assistance and support policies (SPEC §6.1); the public policy-status page.
	if ui.Projects != nil {
		mux.HandleFunc("GET /projects", ui.section("/projects", ui.projectBoard))
		mux.HandleFunc("GET /projects/figures", ui.section("/projects/figures", ui.projectFigures))
		mux.HandleFunc("POST /projects", ui.section("/projects", ui.createProject))
		mux.HandleFunc("GET /projects/{code}", ui.section("/projects", ui.projectPage))
		mux.HandleFunc("POST /projects/{code}/{step}", ui.section("/projects", ui.projectStep))
		mux.HandleFunc("GET /public/policy-status", ui.policyStatusPage)
		mux.HandleFunc("GET /policies", ui.section("/policies", ui.policiesPage))
		mux.HandleFunc("GET /policies/applications", ui.section("/policies/applications", ui.applicationsPage))
		mux.HandleFunc("POST /policies/applications", ui.section("/policies/applications", ui.submitApplication))
		mux.HandleFunc("POST /policies/applications/{no}/{step}", ui.section("/policies/applications", ui.applicationStep))
	}

	// The performance self-evaluation (SPEC §10).
	if ui.SelfEval != nil {
		mux.HandleFunc("GET /selfeval", ui.section("/selfeval", ui.selfevalPage))
		mux.HandleFunc("POST /selfeval/{year}/budget", ui.section("/selfeval", ui.selfevalBudget))
		mux.HandleFunc("POST /selfeval/{year}/projects", ui.section("/selfeval", ui.selfevalProjects))
		mux.HandleFunc("POST /selfeval/{year}/targets", ui.section("/selfeval", ui.selfevalTarget))
		mux.HandleFunc("POST /selfeval/{year}/targets/{id}/delete", ui.section("/selfeval", ui.selfevalDeleteTarget))
		mux.HandleFunc("GET /selfeval/{year}/indicators/{code}", ui.section("/selfeval", ui.selfevalIndicatorPage))
		mux.HandleFunc("POST /selfeval/{year}/indicators/{code}", ui.section("/selfeval", ui.selfevalIndicator))
		mux.HandleFunc("POST /selfeval/{year}/accept", ui.section("/selfeval", ui.selfevalAccept))
		mux.HandleFunc("POST /selfeval/{year}/passages", ui.section("/selfeval", ui.selfevalPassages))
		mux.HandleFunc("GET /selfeval/{year}/report.docx", ui.section("/selfeval", ui.selfevalReport))
		mux.HandleFunc("GET /selfeval/{year}/table.xlsx", ui.section("/selfeval", ui.selfevalTable))
		mux.HandleFunc("POST /selfeval/{year}/import", ui.section("/selfeval", ui.selfevalImport))
		mux.HandleFunc("GET /selfeval/indicators.xlsx", ui.section("/selfeval", ui.selfevalTableExport))
	}

	// Briefs: weekly, monthly, annual (SPEC §9).
	if ui.Reports != nil {
		mux.HandleFunc("GET /reports", ui.section("/reports", ui.reportIndex))
		mux.HandleFunc("GET /reports/{kind}", ui.section("/reports", ui.reportPick))
		mux.HandleFunc("GET /reports/{kind}/{arg}", ui.section("/reports", ui.reportPage))
		mux.HandleFunc("GET /reports/{kind}/{arg}/download/{format}", ui.section("/reports", ui.reportDownload))
		mux.HandleFunc("POST /reports/weekly/{arg}/selection", ui.section("/reports", ui.reportSelection))
		mux.HandleFunc("POST /reports/annual/{arg}/recommendations", ui.section("/reports", ui.reportRecommendations))
	}

	// The knowledge base (SPEC §5): call screen, articles, editor, review, first-call figures, synonyms.
	if ui.Knowledge != nil {
		mux.HandleFunc("GET /kb", ui.section("/kb", ui.kbCallScreen))
		mux.HandleFunc("GET /kb/results", ui.section("/kb", ui.kbResults))
		mux.HandleFunc("GET /kb/a/{id}", ui.section("/kb", ui.kbArticle))
		mux.HandleFunc("POST /kb/a/{id}/resolve", ui.section("/kb", ui.kbResolve))
		mux.HandleFunc("GET /kb/articles", ui.section("/kb/articles", ui.kbArticles))
		mux.HandleFunc("GET /kb/articles/new", ui.section("/kb/articles", ui.kbNewArticle))
		mux.HandleFunc("POST /kb/articles", ui.section("/kb/articles", ui.kbSaveArticle))
		mux.HandleFunc("GET /kb/articles/{id}/edit", ui.section("/kb/articles", ui.kbEditArticle))
		mux.HandleFunc("POST /kb/articles/{id}", ui.section("/kb/articles", ui.kbSaveArticle))
		mux.HandleFunc("POST /kb/articles/{id}/approve", ui.section("/kb/articles", ui.kbSetStatus))
		mux.HandleFunc("POST /kb/articles/{id}/retire", ui.section("/kb/articles", ui.kbSetStatus))
		mux.HandleFunc("GET /kb/articles/{id}/versions", ui.section("/kb/articles", ui.kbVersions))
		mux.HandleFunc("GET /kb/expiring", ui.section("/kb/expiring", ui.kbExpiring))
		mux.HandleFunc("GET /kb/first-call", ui.section("/kb/first-call", ui.kbFirstCall))
		mux.HandleFunc("GET /kb/synonyms", ui.section("/kb/synonyms", ui.kbSynonyms))
		mux.HandleFunc("POST /kb/synonyms", ui.section("/kb/synonyms", ui.kbSaveSynonyms))
	}
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
