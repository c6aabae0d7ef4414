package web

import (
	"net/http"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/asset"
	"govdesk/internal/httpx"
)

// canEditAssets reports whether the actor may record and recover faults.
func canEditAssets(r *http.Request) bool {
	a, _ := actor(r)
	return a.Is(asset.EditRoles...)
}

// formTime reads a datetime-local field (Beijing time); empty gives the zero time.
func formTime(v string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	t, err := time.ParseInLocation("2006-01-02T15:04", v, app.Shanghai)
	if err != nil {
		return time.Time{}, app.Invalid("时间格式不正确：%q", v)
	}
	return t, nil
}

// recordFault is the device page's 登记故障 form.
func (ui *UI) recordFault(w http.ResponseWriter, r *http.Request) {
	code := r.PathValue("code")
	back := "/devices/" + code
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		ui.redirectWith(w, r, back, "error", "表单内容无法读取或过大")
		return
	}
	start, err := formTime(r.PostForm.Get("started_at"))
	if err == nil && start.IsZero() {
		err = app.Invalid("请填写故障开始时间")
	}
	var end time.Time
	if err == nil {
		end, err = formTime(r.PostForm.Get("recovered_at"))
	}
	if err == nil {
		err = ui.Assets.RecordFault(r.Context(), asset.Fault{DeviceCode: code, StartedAt: start, RecoveredAt: end,
			Description: r.PostForm.Get("description")})
	}
	if err != nil {
		ui.redirectWith(w, r, back, "error", app.ErrorMessage(err))
		return
	}
	ui.redirectWith(w, r, back, "ok", "故障已登记")
}

// recoverFault is the 恢复 button of an open fault.
func (ui *UI) recoverFault(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r, "id", "故障记录")
	if err != nil {
		ui.fail(w, r, err)
		return
	}
	f, err := ui.Assets.Fault(r.Context(), id)
	if err != nil {
		ui.fail(w, r, err)
		return
	}
	back := "/devices/" + f.DeviceCode
	if err := ui.Assets.RecoverFault(r.Context(), id, time.Time{}); err != nil {
		ui.redirectWith(w, r, back, "error", app.ErrorMessage(err))
		return
	}
	ui.redirectWith(w, r, back, "ok", "故障已恢复")
}
