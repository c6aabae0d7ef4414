package httpx

import (
	"io"
	"net/http"
	"net/url"
	"strconv"

	"govdesk/internal/app"
)

// ReadUpload reads the file of a multipart form field, refusing files over max
// bytes (SPEC §12.3). The type check belongs to the domain that keeps the file.
// The form's temporary files are removed when the request is done (ParseMultipart).
func ReadUpload(w http.ResponseWriter, r *http.Request, field string, max int64) (name string, data []byte, err error) {
	if r.MultipartForm == nil {
		r.Body = http.MaxBytesReader(w, r.Body, max+1<<20)
		if err := ParseMultipart(r, 8<<20); err != nil {
			if app.ErrorCode(err) == ETooLarge {
				return "", nil, app.Errorf(ETooLarge, "上传的文件超过 %d MB 的上限", max>>20)
			}
			return "", nil, app.Invalid("请以 multipart/form-data 表单上传文件（字段名 %s）", field).WithDetail("parse multipart: %v", err)
		}
	}
	f, h, err := r.FormFile(field)
	if err != nil {
		return "", nil, app.Invalid("请选择要上传的文件")
	}
	defer f.Close()
	if h.Size > max {
		return "", nil, app.Invalid("文件 %s 超过 %d MB 的上限", h.Filename, max>>20)
	}
	data, err = io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return "", nil, app.Invalid("上传的文件无法读取").WithDetail("read upload: %v", err)
	}
	return h.Filename, data, nil
}

// ServeDownload sends stored bytes as a file to save, never to be rendered in
// the page (no sniffing, attachment disposition, UTF-8 file name).
func ServeDownload(w http.ResponseWriter, name, contentType string, data []byte) {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Length", strconv.Itoa(len(data)))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Disposition", "attachment; filename=\"download\"; filename*=UTF-8''"+url.PathEscape(name))
	h.Set("Cache-Control", "private, no-store")
	w.WriteHeader(http.StatusOK)
	w.Write(data)
}
