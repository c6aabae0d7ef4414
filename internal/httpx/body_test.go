package httpx

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// A body announced over its cap gets a page in the site's style that leads back to
// the form's page (never to another site).
func TestBodyLimits_RefusalPage(t *testing.T) {
	h := BodyLimits{Form: 10, Upload: 10, Import: 10}.Middleware(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
		t.Error("the handler ran")
	}))
	for ref, back := range map[string]string{"http://example.com/orders/7?tab=a": `href="/orders/7?tab=a"`,
		"https://evil.test/x": `href="/">返回上一页`, "": `href="/">返回上一页`} {
		r := httptest.NewRequest("POST", "http://example.com/orders/7/attachments", strings.NewReader(strings.Repeat("x", 100)))
		r.Header.Set("Referer", ref)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		body := w.Body.String()
		if w.Code != http.StatusRequestEntityTooLarge || !strings.Contains(body, "/static/style.css") || !strings.Contains(body, back) ||
			!strings.Contains(body, "未保存任何内容") {
			t.Errorf("referer %q: %d %s", ref, w.Code, body)
		}
	}
}
