package web

import (
	"net/http"
	"strconv"

	"govdesk/internal/app"
	"govdesk/internal/workorder"
)

type noticesData struct {
	List       []workorder.Notice
	UnreadOnly bool
	Pager      pager
	Total      int
}

// notices lists the actor's notices (/notices), newest first.
func (ui *UI) notices(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	pg, _ := app.ParsePage(v.Get("page"), "", perPage) // a bad page shows the first
	unread := v.Get("unread") == "1"
	list, total, err := ui.Orders.Notices(r.Context(), unread, pg)
	if err != nil {
		ui.fail(w, r, err)
		return
	}
	d := noticesData{List: list, UnreadOnly: unread, Total: total,
		Pager: newPager("/notices", v, pg.Page, total, perPage)}
	ui.render(w, r, http.StatusOK, "notices", page{Title: "消息", Breadcrumbs: []crumb{{"工作台", "/"}, {"消息", ""}}, Data: d})
}

// readNotices marks the chosen notices read, or all of them (POST /notices/read).
func (ui *UI) readNotices(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		ui.fail(w, r, app.Invalid("表单内容无法读取或过大"))
		return
	}
	var ids []int64
	for _, s := range r.PostForm["id"] {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			ui.fail(w, r, app.Invalid("消息编号无效"))
			return
		}
		ids = append(ids, id)
	}
	if err := ui.Orders.MarkNoticesRead(r.Context(), ids); err != nil {
		ui.fail(w, r, err)
		return
	}
	back := "/notices"
	if r.PostForm.Get("unread") == "1" {
		back += "?unread=1"
	}
	msg := "已全部标为已读"
	if len(ids) > 0 {
		msg = "已标为已读"
	}
	ui.redirectWith(w, r, back, "ok", msg)
}
