package web

import (
	"bytes"
	"context"
	"html"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"govdesk/internal/app"
	"govdesk/internal/sheet"
	"govdesk/internal/workorder"
)

// fakeImporter records the table it was given and answers with the canned result.
type fakeImporter struct {
	tab  *sheet.Table
	sum  workorder.ImportSummary
	errs []sheet.RowError
	err  error
	rows [][]string
	f    workorder.Filter
}

func (f *fakeImporter) Import(ctx context.Context, tab *sheet.Table, skip bool) (workorder.ImportSummary, []sheet.RowError, error) {
	f.tab = tab
	return f.sum, f.errs, f.err
}

func (f *fakeImporter) Export(ctx context.Context, flt workorder.Filter, write func([]string) error) (int, error) {
	f.f = flt
	for _, r := range f.rows {
		if err := write(r); err != nil {
			return 0, err
		}
	}
	return len(f.rows), nil
}

func upload(t *testing.T, ui *UI, name, content string, fields map[string]string) *httptest.ResponseRecorder {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	if name != "" {
		fw, _ := mw.CreateFormFile("file", name)
		fw.Write([]byte(content))
	}
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	mw.Close()
	r := httptest.NewRequest("POST", "/orders/import", &body)
	r.Header.Set("Content-Type", mw.FormDataContentType())
	r = r.WithContext(app.WithActor(r.Context(), app.Actor{Username: "disp", Role: app.RoleDispatcher}))
	w := httptest.NewRecorder()
	ui.importOrders(w, r)
	return w
}

func TestImportPage(t *testing.T) {
	imp := &fakeImporter{sum: workorder.ImportSummary{Imported: 1, CreatedRegions: []string{"乐城街道"}}}
	ui := newUI(t)
	ui.Importer = imp

	t.Run("OK", func(t *testing.T) {
		w := upload(t, ui, "orders.csv", "工单编号,受理时间,诉求类型,诉求内容\nA1,2022-09-01 09:00,咨询,路灯不亮\n", nil)
		if body := w.Body.String(); !strings.Contains(body, `id="import-summary"`) || !strings.Contains(body, "乐城街道") {
			t.Fatalf("summary missing: %d %s", w.Code, body)
		}
		if imp.tab == nil || len(imp.tab.Rows) != 1 || imp.tab.Rows[0].Get("诉求内容") != "路灯不亮" {
			t.Fatalf("table %+v", imp.tab)
		}
	})

	t.Run("MappingStep", func(t *testing.T) {
		imp.tab = nil
		csv := "工单编号,受理时间,诉求类型,留言详情\nA1,2022-09-01 09:00,咨询,路灯不亮\n"
		w := upload(t, ui, "web.csv", csv, nil)
		body := w.Body.String()
		if imp.tab != nil || !strings.Contains(body, `id="import-mapping"`) || !strings.Contains(body, "缺少必需的列：诉求内容") ||
			!strings.Contains(body, "<option>留言详情</option>") {
			t.Fatalf("mapping step: %s", body)
		}
		i := strings.Index(body, `name="file_data" value="`) + len(`name="file_data" value="`)
		data := html.UnescapeString(body[i : i+strings.Index(body[i:], `"`)])
		w = upload(t, ui, "", "", map[string]string{"file_name": "web.csv", "file_data": data, "map:诉求内容": "留言详情"})
		if imp.tab == nil || imp.tab.Rows[0].Get("诉求内容") != "路灯不亮" || !strings.Contains(w.Body.String(), `id="import-summary"`) {
			t.Fatalf("after mapping: %+v %s", imp.tab, w.Body.String())
		}
	})

	t.Run("ErrRows", func(t *testing.T) {
		imp.err = &app.Error{Code: app.EInvalid, Message: "文件有 1 行错误，未导入任何数据"}
		imp.errs = []sheet.RowError{{Row: 2, Column: "诉求类型", Value: "问询", Reason: "诉求类型应为七类之一"}}
		w := upload(t, ui, "orders.csv", "工单编号,受理时间,诉求类型,诉求内容\nA1,2022-09-01 09:00,问询,路灯不亮\n", nil)
		body := w.Body.String()
		if strings.Contains(body, `id="import-summary"`) || !strings.Contains(body, "文件有 1 行错误，未导入任何数据") ||
			!strings.Contains(body, "<td>2</td><td>诉求类型</td><td>问询</td>") {
			t.Fatalf("error list: %s", body)
		}
	})

	t.Run("ErrFormat", func(t *testing.T) {
		w := upload(t, ui, "orders.pdf", "%PDF", nil)
		if w.Code != http.StatusBadRequest || !strings.Contains(w.Body.String(), "不支持的文件格式") {
			t.Fatalf("pdf: %d %s", w.Code, w.Body.String())
		}
	})
}

func TestExportOrders(t *testing.T) {
	imp := &fakeImporter{rows: [][]string{make([]string, len(workorder.OrderColumns))}}
	ui := newUI(t)
	ui.Importer = imp
	r := httptest.NewRequest("GET", "/orders/export?status=closed&from=2022-09-01&to=2022-09-30&page=3", nil)
	r = r.WithContext(app.WithActor(r.Context(), app.Actor{Username: "disp", Role: app.RoleDispatcher}))
	w := httptest.NewRecorder()
	ui.exportOrders(w, r)
	if w.Code != http.StatusOK || !strings.Contains(w.Header().Get("Content-Disposition"), ".xlsx") || w.Body.Len() < 100 {
		t.Fatalf("export %d %v", w.Code, w.Header())
	}
	if len(imp.f.Statuses) != 1 || imp.f.From.IsZero() || imp.f.To.IsZero() {
		t.Fatalf("filter %+v", imp.f)
	}
	if got := exportURL(r.URL.Query()); strings.Contains(got, "page=") || !strings.Contains(got, "status=closed") {
		t.Fatalf("export link %s", got)
	}
}
