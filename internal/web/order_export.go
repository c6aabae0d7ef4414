package web

import (
	"bytes"
	"net/http"
	"net/url"

	"govdesk/internal/app"
	"govdesk/internal/sheet"
	"govdesk/internal/workorder"
)

// exportOrders downloads the orders matching the list's filter as .xlsx with the
// import's columns (GET /orders/export?…); phones are masked unless the role may read
// them, and the export is written to the access log (both by the service).
func (ui *UI) exportOrders(w http.ResponseWriter, r *http.Request) {
	if ui.Importer == nil {
		ui.fail(w, r, app.Errorf(app.EInternal, "导出功能未启用"))
		return
	}
	_, f, probs := parseOrderQuery(r.URL.Query())
	if len(probs) > 0 {
		ui.fail(w, r, app.Invalid("%s", probs[0]))
		return
	}
	f.Warning, f.Page = false, app.Page{}
	var rows [][]string
	if _, err := ui.Importer.Export(r.Context(), f, func(row []string) error {
		rows = append(rows, row)
		return nil
	}); err != nil {
		ui.fail(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := sheet.WriteXLSX(&buf, workorder.OrderColumns, rows); err != nil {
		ui.fail(w, r, err)
		return
	}
	name := "工单导出-" + ui.now().In(app.Shanghai).Format("20060102-1504") + ".xlsx"
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", "attachment; filename=\"orders.xlsx\"; filename*=UTF-8''"+url.PathEscape(name))
	w.Write(buf.Bytes())
}

// exportURL is the export link of a list: the same filter, without paging.
func exportURL(v url.Values) string {
	c := url.Values{}
	for k, vs := range v {
		if k != "page" && k != "sort" {
			c[k] = vs
		}
	}
	if len(c) == 0 {
		return "/orders/export"
	}
	return "/orders/export?" + c.Encode()
}
