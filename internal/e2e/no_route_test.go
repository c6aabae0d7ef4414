package e2e

import (
	"net/http"
	"strings"
	"testing"

	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

// An address nothing serves, or opened with the wrong kind of request, is answered in
// Chinese: the error page for a person, JSON for the API; never Go's English text.
func TestNoRoute_AnswersInChinese(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		base := startServer(t, db)
		tok := tokens(t, db, "admin")
		api := &http.Client{}
		for _, c := range []struct {
			method, path, token string
			status              int
			want                string
		}{
			{"GET", "/api/v1/nothing", tok["admin"], 404, `"code":"not_found"`},
			{"GET", "/api/v1/nothing", tok["admin"], 404, "不存在"},
			{"GET", "/open311/v2/nothing.json", "", 404, "资源不存在"},
			{"GET", "/nothing-here", "", 404, "页面不存在"},
			{"GET", "/logout", "", 404, "只用于提交表单"},
		} {
			res := sendRaw(t, api, c.method, base+c.path, c.token, "")
			if res.status != c.status || !strings.Contains(res.body, c.want) || strings.Contains(res.body, "page not found") ||
				strings.Contains(res.body, "Method Not Allowed") {
				t.Errorf("%s %s: %d %.200s, want %d with %q", c.method, c.path, res.status, res.body, c.status, c.want)
			}
		}
	})
}
