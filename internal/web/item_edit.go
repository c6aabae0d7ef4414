package web

import (
	"net/http"
	"net/url"

	"govdesk/internal/app"
	"govdesk/internal/catalog"
)

type itemEditData struct {
	Fields     map[string]string
	New        bool
	Categories []string
	Statuses   []string
	Kinds      []string
	Flags      []string // the 是/否 fields
}

var itemFlags = []string{"是否依申请", "是否进驻大厅", "是否一窗受理", "是否网上可办", "是否全市通办", "是否跨省通办", "是否免证办"}

func (ui *UI) renderItemEdit(w http.ResponseWriter, r *http.Request, status int, fields map[string]string, isNew bool, msg string) {
	title := "新增事项"
	if !isNew {
		title = "编辑事项 " + fields["实施编码"]
	}
	ui.render(w, r, status, "item_edit", page{Title: title, Error: msg, Breadcrumbs: []crumb{{"事项目录", "/catalog"}, {title, ""}},
		Data: itemEditData{Fields: fields, New: isNew, Categories: catalog.Categories, Statuses: []string{"已发布", "草稿", "已取消"}, Kinds: []string{"承诺件", "即办件"}, Flags: itemFlags}})
}

// itemEditor shows the editor for a new item (/catalog/new) or an existing one (/catalog/items/{code}/edit).
func (ui *UI) itemEditor(w http.ResponseWriter, r *http.Request) {
	if a, _ := actor(r); !a.Is(app.RoleStaff, app.RoleAdmin) {
		ui.fail(w, r, app.Forbidden("只有服务中心工作人员可以编辑事项"))
		return
	}
	code := r.PathValue("code")
	if code == "" {
		ui.renderItemEdit(w, r, http.StatusOK, map[string]string{"状态": "草稿", "办件类型": "承诺件", "到现场次数": "1"}, true, "")
		return
	}
	it, _, err := ui.Catalog.Item(r.Context(), code)
	if err != nil {
		ui.fail(w, r, err)
		return
	}
	ui.renderItemEdit(w, r, http.StatusOK, catalog.ItemFields(it), false, "")
}

// saveItem saves the editor's form (POST /catalog/items).
func (ui *UI) saveItem(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		ui.fail(w, r, app.Invalid("表单内容无法读取或过大"))
		return
	}
	fields := map[string]string{}
	for _, h := range catalog.ItemHeaders {
		fields[h] = r.PostForm.Get(h)
	}
	for _, f := range itemFlags {
		if fields[f] == "" {
			fields[f] = "否"
		}
	}
	it, err := ui.Catalog.SaveItem(r.Context(), fields)
	if err != nil {
		if app.ErrorCode(err) == app.EInvalid {
			ui.renderItemEdit(w, r, http.StatusBadRequest, fields, r.PostForm.Get("new") == "1", app.ErrorMessage(err))
			return
		}
		ui.fail(w, r, err)
		return
	}
	ui.redirectWith(w, r, "/catalog/items/"+url.PathEscape(it.Code), "ok", "事项已保存")
}
