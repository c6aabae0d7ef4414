package e2e

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

func TestAPI_KBArticleLifecycle(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		base := startServer(t, db)
		tok := tokens(t, db, "operator", "dispatcher")
		c := &http.Client{}
		r := call(t, c, "POST", base+"/api/v1/kb/articles", tok["dispatcher"], `{"title":"燃气怎么开户？","answer":"带房产证到燃气公司营业厅办理。","review_by":"2000-01-01"}`, nil)
		if r.Status != 200 || r.Body["status"] != "draft" {
			t.Fatalf("draft: %d %v", r.Status, r.Body)
		}
		search := func() int {
			s := call(t, c, "GET", base+"/api/v1/kb/search?q="+url.QueryEscape("燃气开户"), tok["operator"], "", nil)
			res, _ := s.Body["results"].([]any)
			return len(res)
		}
		if n := search(); n != 0 {
			t.Fatalf("draft found: %d", n)
		}
		if r := call(t, c, "POST", base+"/api/v1/kb/articles/1/approve", tok["operator"], "", nil); r.Status != 403 {
			t.Fatalf("operator approves: %d", r.Status)
		}
		if r := call(t, c, "POST", base+"/api/v1/kb/articles/1/approve", tok["dispatcher"], "", nil); r.Status != 200 || r.Body["status"] != "published" {
			t.Fatalf("approve: %d %v", r.Status, r.Body)
		}
		if n := search(); n != 1 {
			t.Fatalf("published not found: %d", n)
		}
		if r := call(t, c, "GET", base+"/api/v1/kb/review-due", tok["dispatcher"], "", nil); r.Status != 200 || r.Body["total"] != 1.0 {
			t.Fatalf("review-due: %d %v", r.Status, r.Body)
		}
		if r := call(t, c, "POST", base+"/api/v1/kb/articles/1/retire", tok["dispatcher"], "", nil); r.Status != 200 || r.Body["status"] != "retired" {
			t.Fatalf("retire: %d %v", r.Status, r.Body)
		}
		if r := call(t, c, "GET", base+"/api/v1/kb/articles/1/versions", tok["dispatcher"], "", nil); r.Status != 200 || r.Body["total"] != 3.0 {
			t.Fatalf("versions: %d %v", r.Status, r.Body)
		}
		if r := call(t, c, "GET", base+"/api/v1/kb/articles/1/versions", tok["operator"], "", nil); r.Status != 404 {
			t.Fatalf("an operator reads a retired article's versions: %d %v", r.Status, r.Body)
		}
		// unit_code names the unit; an edit without it keeps the unit.
		r = call(t, c, "POST", base+"/api/v1/kb/articles", tok["dispatcher"], `{"title":"物业费怎么收？","answer":"按合同约定。","unit_code":"U001"}`, nil)
		if r.Status != 200 || r.Body["unit_code"] != "U001" || r.Body["id"] != 2.0 || r.Body["version"] != 1.0 {
			t.Fatalf("draft with unit: %d %v", r.Status, r.Body)
		}
		if r := call(t, c, "PUT", base+"/api/v1/kb/articles/2", tok["dispatcher"], `{"title":"物业费怎么收？","answer":"按物业服务合同约定收取。"}`, nil); r.Status != 200 || r.Body["unit_code"] != "U001" || r.Body["version"] != 2.0 {
			t.Fatalf("edit keeps the unit: %d %v", r.Status, r.Body)
		}
		if r := call(t, c, "POST", base+"/api/v1/kb/articles", tok["dispatcher"], `{"title":"x","answer":"y","unit_code":"NOPE"}`, nil); r.Status != 400 {
			t.Fatalf("unknown unit: %d %v", r.Status, r.Body)
		}
		if r := call(t, c, "GET", base+"/api/v1/kb/first-call?from=2024-01-01&to=2024-12-31", tok["dispatcher"], "", nil); r.Status != 200 || r.Body["threshold"] != 70.0 {
			t.Fatalf("first-call: %d %v", r.Status, r.Body)
		}
		if r := call(t, c, "GET", base+"/api/v1/kb/first-call", tok["dispatcher"], "", nil); r.Status != 400 {
			t.Fatalf("first-call without dates: %d", r.Status)
		}
	})
}

// TestAPI_KBVersionsFollowArticleVisibility: the versions of an article are read
// under the article's own rule (knowledge.MayRead): another unit's pending draft is
// not_found to a unit admin and to readers outside the editors, on the API and on
// the versions page, and a published article's readers never see a later draft.
func TestAPI_KBVersionsFollowArticleVisibility(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		base := startServer(t, db)
		tok := tokens(t, db, "operator", "dispatcher", "unit_admin", "handler", "leader")
		c := &http.Client{}
		secret := "内部草稿：拟上调收费标准"
		r := call(t, c, "POST", base+"/api/v1/kb/articles", tok["dispatcher"], `{"title":"水费怎么交？","answer":"到营业厅或网上缴纳。","unit_code":"U002"}`, nil)
		if r.Status != 200 {
			t.Fatalf("draft: %d %v", r.Status, r.Body)
		}
		id := fmt.Sprint(r.Body["id"])
		versions := base + "/api/v1/kb/articles/" + id + "/versions"
		for _, who := range []string{"unit_admin", "operator", "handler", "leader"} {
			if r := call(t, c, "GET", versions, tok[who], "", nil); r.Status != 404 {
				t.Errorf("%s reads another unit's unpublished draft: %d %v", who, r.Status, r.Body)
			}
		}
		if r := call(t, c, "POST", base+"/api/v1/kb/articles/"+id+"/approve", tok["dispatcher"], "", nil); r.Status != 200 {
			t.Fatalf("approve: %d %v", r.Status, r.Body)
		}
		if r := call(t, c, "GET", versions, tok["operator"], "", nil); r.Status != 200 || r.Body["total"] != 1.0 {
			t.Fatalf("an operator reads a published article's versions: %d %v", r.Status, r.Body)
		}
		if r := call(t, c, "PUT", base+"/api/v1/kb/articles/"+id, tok["dispatcher"], `{"title":"水费怎么交？","answer":"`+secret+`"}`, nil); r.Status != 200 {
			t.Fatalf("edit: %d %v", r.Status, r.Body)
		}
		for _, who := range []string{"unit_admin", "operator", "leader"} {
			r := getRaw(t, c, versions, tok[who])
			if strings.Contains(r.body, secret) || r.status == 200 && strings.Contains(r.body, `"status":"draft"`) {
				t.Errorf("%s reads the pending draft: %d %s", who, r.status, r.body)
			}
		}
		if r := call(t, c, "GET", versions, tok["dispatcher"], "", nil); r.Status != 200 || r.Body["total"] != 3.0 {
			t.Fatalf("the editor reads every version: %d %v", r.Status, r.Body)
		}
		// The versions page (and its diff) asks the same rule.
		page := getRaw(t, loginHTTP(t, base, "unit_admin"), base+"/kb/articles/"+id+"/versions?from=1&to=3", "")
		if page.status != 404 || strings.Contains(page.body, secret) {
			t.Errorf("the versions page shows another unit's draft to a unit admin: %d", page.status)
		}
	})
}
