package web

import (
	"bytes"
	"encoding/base64"
	"io"
	"net/http"
	"path/filepath"
	"slices"
	"strings"

	"govdesk/internal/app"
	"govdesk/internal/httpx"
	"govdesk/internal/sheet"
	"govdesk/internal/workorder"
)

// maxImportBytes limits a file uploaded through the web page; larger files go
// through `govdesk import orders`.
const maxImportBytes = 10 << 20

// columnMap is one row of the mapping step: a govdesk column and the file's column chosen for it.
type columnMap struct {
	Target   string
	Required bool
	Source   string
}

type importData struct {
	FileName string
	FileData string // the uploaded file, base64, carried through the mapping step
	Skip     bool
	Headers  []string    // the file's own headers (mapping step)
	Columns  []columnMap // columns the file lacks (mapping step)
	Missing  []string    // required columns still missing
	Done     bool
	Summary  workorder.ImportSummary
	Errors   []sheet.RowError
	Message  string
}

func (ui *UI) showImport(w http.ResponseWriter, r *http.Request, status int, msg string, d importData) {
	ui.render(w, r, status, "order_import", page{Title: "导入工单", Error: msg,
		Breadcrumbs: []crumb{{"工作台", "/"}, {"工单", "/orders"}, {"导入工单", ""}}, Data: d})
}

// importPage is the upload form (/orders/import).
func (ui *UI) importPage(w http.ResponseWriter, r *http.Request) {
	ui.showImport(w, r, http.StatusOK, "", importData{})
}

// importOrders reads the uploaded file; when required columns are missing it asks
// which of the file's columns hold them (the mapping step), otherwise it imports the
// rows and shows the summary or the row-by-row errors (POST /orders/import).
func (ui *UI) importOrders(w http.ResponseWriter, r *http.Request) {
	if ui.Importer == nil {
		ui.fail(w, r, app.Errorf(app.EInternal, "导入功能未启用"))
		return
	}
	// The body is capped by the import routes' limit (httpx.BodyLimits.Import,
	// room for a 10 MB file carried in base64 through the mapping step).
	if err := httpx.ParseMultipart(r, 8<<20); err != nil {
		httpx.LogError(r, err)
		ui.showImport(w, r, httpx.Status(err), "文件过大或上传不完整：网页导入的文件不能超过 10 MB，更大的文件请用命令 govdesk import orders 导入", importData{})
		return
	}
	d := importData{Skip: r.FormValue("skip_invalid") == "1"}
	data, err := uploaded(r, &d)
	if err != nil {
		ui.showImport(w, r, http.StatusBadRequest, app.ErrorMessage(err), d)
		return
	}
	spec := workorder.OrderSpec
	spec.Map = map[string]string{}
	for _, c := range append(slices.Clone(spec.Required), spec.Optional...) {
		if src := strings.TrimSpace(r.FormValue("map:" + c)); src != "" && src != c {
			spec.Map[src] = c
		}
	}
	raw, err := sheet.Read(d.FileName, bytes.NewReader(data), sheet.Spec{})
	if err != nil {
		ui.showImport(w, r, http.StatusBadRequest, app.ErrorMessage(err), importData{})
		return
	}
	if mappingStep(raw.Headers, spec, &d) {
		d.FileData = base64.StdEncoding.EncodeToString(data)
		ui.showImport(w, r, http.StatusOK, "", d)
		return
	}
	tab, err := sheet.Read(d.FileName, bytes.NewReader(data), spec)
	if err != nil {
		ui.showImport(w, r, http.StatusBadRequest, app.ErrorMessage(err), importData{})
		return
	}
	d.Summary, d.Errors, err = ui.Importer.Import(r.Context(), tab, d.Skip)
	switch {
	case err == nil:
		d.Done = true
	case app.ErrorCode(err) == app.EInvalid:
		httpx.LogError(r, err)
		d.Message = app.ErrorMessage(err)
	default:
		ui.fail(w, r, err)
		return
	}
	ui.showImport(w, r, http.StatusOK, "", d)
}

// uploaded returns the file of the form: a new upload, or the one carried by the mapping step.
func uploaded(r *http.Request, d *importData) ([]byte, error) {
	if f, h, err := r.FormFile("file"); err == nil {
		defer f.Close()
		d.FileName = filepath.Base(h.Filename)
		data, err := io.ReadAll(io.LimitReader(f, maxImportBytes+1))
		if err != nil {
			return nil, app.Invalid("文件读取失败，请重新上传")
		}
		if len(data) > maxImportBytes {
			return nil, app.Invalid("文件超过 10 MB，请用命令 govdesk import orders 导入")
		}
		return data, nil
	}
	d.FileName = filepath.Base(r.FormValue("file_name"))
	data, err := base64.StdEncoding.DecodeString(r.FormValue("file_data"))
	if err != nil || len(data) == 0 || d.FileName == "." {
		return nil, app.Invalid("请选择要导入的 .xlsx 或 .csv 文件")
	}
	return data, nil
}

// mappingStep fills d with the columns the file lacks and reports whether a required
// one is still missing, so that the person must say which column holds it.
func mappingStep(headers []string, spec sheet.Spec, d *importData) bool {
	have := map[string]bool{}
	for _, h := range headers {
		if to, ok := spec.Map[h]; ok {
			h = to
		}
		have[h] = true
	}
	d.Headers = headers
	for i, c := range append(slices.Clone(spec.Required), spec.Optional...) {
		if !slices.Contains(headers, c) {
			m := columnMap{Target: c, Required: i < len(spec.Required)}
			for src, to := range spec.Map {
				if to == c {
					m.Source = src
				}
			}
			d.Columns = append(d.Columns, m)
			if m.Required && !have[c] {
				d.Missing = append(d.Missing, c)
			}
		}
	}
	return len(d.Missing) > 0
}
