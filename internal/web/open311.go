package web

import (
	"context"
	"net/http"

	"govdesk/internal/app"
)

// Open311Service is a category as Open311 and the public page publish it.
type Open311Service struct {
	Code, Path string
	Hidden     bool
}

// Open311Services lists the published categories and hides or shows one (SPEC §11).
type Open311Services interface {
	Open311Services(ctx context.Context) ([]Open311Service, error)
	// SetOpen311Hidden returns not_found for an unknown code.
	SetOpen311Hidden(ctx context.Context, code string, hidden bool) error
}

func (ui *UI) open311Page(w http.ResponseWriter, r *http.Request) {
	if ui.Open311 == nil {
		ui.fail(w, r, app.NotFound("未启用 Open311"))
		return
	}
	list, err := ui.Open311.Open311Services(r.Context())
	if err != nil {
		ui.fail(w, r, err)
		return
	}
	ui.render(w, r, http.StatusOK, "open311_services", page{Title: "Open311 服务",
		Breadcrumbs: []crumb{{"工作台", "/"}, {"系统管理", ""}, {"Open311 服务", ""}}, Data: list})
}

func (ui *UI) open311Hide(w http.ResponseWriter, r *http.Request) {
	if ui.Open311 == nil {
		ui.fail(w, r, app.NotFound("未启用 Open311"))
		return
	}
	hidden := r.PostFormValue("hidden") == "1"
	if err := ui.Open311.SetOpen311Hidden(r.Context(), r.PathValue("code"), hidden); err != nil {
		ui.fail(w, r, err)
		return
	}
	msg := "已重新公开该服务"
	if hidden {
		msg = "已隐藏该服务，Open311 和公众页面不再提供"
	}
	ui.redirectWith(w, r, "/admin/open311", "ok", msg)
}
