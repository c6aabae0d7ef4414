package httpx

import (
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"govdesk/internal/app"
)

// BodyLimits caps every request body by the kind of route it goes to. A body
// announced larger is refused with 413 before a byte of it is read; one that
// turns out larger while it is read fails the read (the handler answers 413,
// see ParseMultipart).
type BodyLimits struct {
	// Form bounds ordinary forms and JSON.
	Form int64
	// Upload bounds the routes that take an attachment (paths ending in /attachments).
	Upload int64
	// Import bounds the routes that take a spreadsheet (paths ending in /import).
	Import int64
}

// For returns the cap of the request's route.
func (l BodyLimits) For(r *http.Request) int64 {
	switch p := r.URL.Path; {
	case strings.HasSuffix(p, "/attachments"):
		return l.Upload
	case strings.HasSuffix(p, "/import"):
		return l.Import
	}
	return l.Form
}

// ETooLarge is the error code of a request body over its cap (HTTP 413).
const ETooLarge = "too_large"

// TooLarge is the refusal of a body over max bytes.
func TooLarge(max int64) error {
	return app.Errorf(ETooLarge, "提交的内容超过 %s 的上限", sizeText(max))
}

func sizeText(n int64) string {
	switch {
	case n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d KB", (n+1023)>>10)
}

type formsKey struct{}

// forms are the multipart forms parsed while serving one request.
type forms struct {
	mu   sync.Mutex
	list []*multipart.Form
}

// Middleware caps the request body and, once the request is served, removes
// the temporary files of every multipart form parsed for it (ParseMultipart):
// net/http removes only those of the request it handed out, not of the copies
// r.WithContext makes on the way to a handler.
func (l BodyLimits) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		max := l.For(r)
		if r.ContentLength > max {
			refuseTooLarge(w, r, TooLarge(max))
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, max)
		fs := &forms{}
		defer func() {
			fs.mu.Lock()
			defer fs.mu.Unlock()
			for _, f := range fs.list {
				f.RemoveAll()
			}
		}()
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), formsKey{}, fs)))
	})
}

// ParseMultipart parses a multipart form (file parts over maxMemory go to
// temporary files) and has its temporary files removed when the request is
// done, whichever copy of the request it was parsed on. A body over the
// route's cap is ETooLarge (413); a body that is no multipart form is invalid.
func ParseMultipart(r *http.Request, maxMemory int64) error {
	if r.MultipartForm != nil {
		return nil
	}
	err := r.ParseMultipartForm(maxMemory)
	if r.MultipartForm != nil {
		if fs, ok := r.Context().Value(formsKey{}).(*forms); ok {
			fs.mu.Lock()
			fs.list = append(fs.list, r.MultipartForm)
			fs.mu.Unlock()
		}
	}
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return TooLarge(tooBig.Limit)
		}
		return app.Invalid("请以 multipart/form-data 表单提交").WithDetail("parse multipart: %v", err)
	}
	return nil
}

// refuseTooLarge answers 413: JSON for the API, for a person a page in the site's
// style that says what happened and leads back to the page the form was on.
func refuseTooLarge(w http.ResponseWriter, r *http.Request, err error) {
	w.Header().Set("Connection", "close")
	if strings.HasPrefix(r.URL.Path, "/api/") || strings.HasPrefix(r.URL.Path, "/open311/") {
		WriteError(w, r, err)
		return
	}
	LogError(r, err)
	back := "/"
	if ref, e := url.Parse(r.Referer()); e == nil && (ref.Host == "" || ref.Host == r.Host) && strings.HasPrefix(ref.Path, "/") &&
		!strings.HasPrefix(ref.Path, "//") && !strings.ContainsAny(ref.Path, "\\\t\r\n") {
		back = ref.Path
		if ref.RawQuery != "" {
			back += "?" + ref.RawQuery
		}
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusRequestEntityTooLarge)
	io.WriteString(w, `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>提交的内容过大</title>`+
		`<link rel="stylesheet" href="/static/style.css"></head><body><main class="container"><h1>提交的内容过大</h1>`+
		`<p class="flash error">`+html.EscapeString(app.ErrorMessage(err))+`，未保存任何内容。单个附件不能超过 10 MB，导入文件不能超过 10 MB；请缩小文件后重试。</p>`+
		`<p><a href="`+html.EscapeString(back)+`">返回上一页</a> · <a href="/">回到工作台</a></p></main></body></html>`)
}
