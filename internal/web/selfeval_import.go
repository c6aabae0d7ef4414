package web

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"

	"govdesk/internal/app"
	"govdesk/internal/httpx"
	"govdesk/internal/selfeval"
	"govdesk/internal/sheet"
)

// maxSelfevalUpload bounds a budgets, targets or indicator-table file uploaded on the page.
const maxSelfevalUpload = 2 << 20

// selfevalImport imports a budgets, targets or indicator-table file, all or nothing.
func (ui *UI) selfevalImport(w http.ResponseWriter, r *http.Request) {
	year, err := yearParam(r.PathValue("year"))
	if err != nil {
		ui.fail(w, r, err)
		return
	}
	back := fmt.Sprintf("/selfeval?year=%d#import", year)
	r.Body = http.MaxBytesReader(w, r.Body, maxSelfevalUpload+(1<<20))
	if err := httpx.ParseMultipart(r, 4<<20); err != nil {
		ui.redirectWith(w, r, back, "error", "文件过大或上传不完整（网页导入不超过 2 MB）")
		return
	}
	f, h, err := r.FormFile("file")
	if err != nil {
		ui.redirectWith(w, r, back, "error", "请选择要导入的 .xlsx 或 .csv 文件")
		return
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxSelfevalUpload+1))
	if err != nil || len(data) > maxSelfevalUpload {
		ui.redirectWith(w, r, back, "error", "文件读取失败或超过 2 MB")
		return
	}
	name := filepath.Base(h.Filename)
	kind := r.FormValue("kind")
	var msg string
	var bad []sheet.RowError
	switch kind {
	case "budgets", "targets":
		spec, run := selfeval.BudgetSpec, ui.SelfEval.ImportBudgets
		if kind == "targets" {
			spec, run = selfeval.TargetSpec, ui.SelfEval.ImportTargets
		}
		tab, err := sheet.Read(name, bytes.NewReader(data), spec)
		if err == nil {
			var sum selfeval.ImportSummary
			sum, bad, err = run(r.Context(), tab, false)
			msg = fmt.Sprintf("已导入：新增 %d 条，更新 %d 条", sum.Imported, sum.Updated)
		}
		if err != nil && len(bad) == 0 {
			ui.done(w, r, back, "", err)
			return
		}
	case "table":
		tab, err := sheet.Read(name, bytes.NewReader(data), selfeval.TableSpec)
		if err != nil {
			ui.done(w, r, back, "", err)
			return
		}
		var rows []selfeval.TableRow
		if rows, bad = selfeval.ParseTable(tab); len(bad) == 0 {
			if err := ui.SelfEval.ReplaceTable(r.Context(), rows); err != nil {
				ui.done(w, r, back, "", err)
				return
			}
			msg = fmt.Sprintf("已改用本市指标表（%d 项指标）", len(rows))
		}
	default:
		ui.redirectWith(w, r, back, "error", "请选择导入的内容：预算、绩效目标或指标表")
		return
	}
	if len(bad) > 0 {
		ui.redirectWith(w, r, back, "error", rowErrors(bad))
		return
	}
	ui.redirectWith(w, r, back, "ok", msg)
}

// rowErrors lists the first problems of a refused file in one Chinese message.
func rowErrors(bad []sheet.RowError) string {
	var parts []string
	for i, e := range bad {
		if i == 5 {
			parts = append(parts, fmt.Sprintf("等共 %d 处", len(bad)))
			break
		}
		parts = append(parts, e.String())
	}
	return "文件有错误，未导入任何数据：" + strings.Join(parts, "；")
}

// selfevalTableExport downloads the indicator table in use, in the file form import reads.
func (ui *UI) selfevalTableExport(w http.ResponseWriter, r *http.Request) {
	rows, _, err := ui.SelfEval.Store.Table(r.Context())
	if err != nil {
		ui.fail(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := sheet.WriteXLSX(&buf, selfeval.TableHeaders(), selfeval.TableRows(rows)); err != nil {
		ui.fail(w, r, app.Internal(err, "write indicator table"))
		return
	}
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape("绩效自评指标表.xlsx"))
	w.Write(buf.Bytes())
}
