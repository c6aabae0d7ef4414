package e2e

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"govdesk/internal/knowledge"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

func TestAPI_KBSearch(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		base := startServer(t, db)
		kb := &store.Knowledge{DB: db}
		arts := []knowledge.Article{
			{Title: "如何办理营业执照？", Answer: "携带身份证到市场监管窗口办理营业执照。", Keywords: "营业执照", Status: knowledge.StatusPublished},
			{Title: "草稿文章营业执照", Answer: "未审核。", Status: knowledge.StatusDraft},
		}
		if _, _, err := kb.SaveArticles(context.Background(), arts, time.Now()); err != nil {
			t.Fatal(err)
		}
		tok := tokens(t, db, "operator")["operator"]
		c := &http.Client{}
		r := call(t, c, "GET", base+"/api/v1/kb/search?limit=5&q="+url.QueryEscape("执照"), tok, "", nil)
		res, _ := r.Body["results"].([]any)
		if r.Status != 200 || len(res) != 1 || r.Body["took_ms"] == nil {
			t.Fatalf("search: %d %v", r.Status, r.Body)
		}
		hit := res[0].(map[string]any)
		if hit["title"] != "如何办理营业执照？" || hit["id"] == nil || hit["score"] == nil || !strings.Contains(hit["snippet"].(string), "【执照】") {
			t.Fatalf("hit: %v", hit)
		}
		if r := call(t, c, "GET", base+"/api/v1/kb/search?q=", tok, "", nil); r.Status != 400 {
			t.Errorf("empty query: %d %v", r.Status, r.Body)
		}
		if r := call(t, c, "GET", base+"/api/v1/kb/search?limit=x&q=a", tok, "", nil); r.Status != 400 {
			t.Errorf("bad limit: %d", r.Status)
		}
		if r := call(t, c, "GET", base+"/api/v1/kb/search?q=a", "", "", nil); r.Status != 401 {
			t.Errorf("anonymous: %d", r.Status)
		}
	})
}

func TestAPI_SuggestUnits(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		base := startServer(t, db)
		if _, err := db.ExecContext(context.Background(), `INSERT INTO categories (path, name, default_unit_id)
			VALUES ('城乡建设/路灯', '路灯', (SELECT id FROM units WHERE code = 'U001'))`); err != nil {
			t.Fatal(err)
		}
		tok := tokens(t, db, "dispatcher")["dispatcher"]
		c := &http.Client{}
		r := call(t, c, "POST", base+"/api/v1/orders/suggest-units", tok, `{"title":"路灯不亮","content":"门口路灯坏了","category":"城乡建设/路灯"}`, nil)
		list, _ := r.Body["suggestions"].([]any)
		if r.Status != 200 || len(list) != 1 {
			t.Fatalf("suggest: %d %v", r.Status, r.Body)
		}
		if s := list[0].(map[string]any); s["unit_code"] != "U001" || s["unit_name"] == "" || s["confidence"].(float64) >= 1 || s["confidence"].(float64) < 0.9 {
			t.Fatalf("suggestion (the default unit alone, a guess never shown as certain): %v", s)
		}
		if r := call(t, c, "POST", base+"/api/v1/orders/suggest-units/retrain", tok, "", nil); r.Status != 200 || r.Body["trained_on"] != 0.0 {
			t.Errorf("retrain: %d %v", r.Status, r.Body)
		}
		if r := call(t, c, "POST", base+"/api/v1/orders/suggest-units", tok, `{}`, nil); r.Status != 400 {
			t.Errorf("empty: %d %v", r.Status, r.Body)
		}
	})
}

// With order_id the suggestion reads the order itself and never names a unit that
// returned it, the category's default unit included (SPEC §4.3).
func TestAPI_SuggestUnitsForOrder(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		base := startServer(t, db)
		tok := tokens(t, db, "operator", "dispatcher", "handler")
		c := &http.Client{}
		do := func(user, path, body string) apiResp {
			t.Helper()
			return call(t, c, "POST", base+path, tok[user], body, nil)
		}
		if _, _, err := (&store.Accounts{DB: db}).EnsureCategory(context.Background(), "城乡建设/路灯"); err != nil { // new orders name registered categories only
			t.Fatal(err)
		}
		r := do("operator", "/api/v1/orders", `{"type":"投诉","title":"路灯不亮","content":"门口路灯坏了","citizen_phone":"13900139000","category":"城乡建设/路灯","source":"12345热线"}`)
		if r.Status != 201 {
			t.Fatalf("create: %+v", r)
		}
		id := fmt.Sprint(r.Body["id"])
		if err := (&store.Accounts{DB: db}).SetCategoryDefaultUnit(context.Background(), "城乡建设/路灯", "U001"); err != nil {
			t.Fatal(err)
		}
		units := func() []string {
			t.Helper()
			r := do("dispatcher", "/api/v1/orders/suggest-units", `{"order_id":`+id+`,"category":"城乡建设/供水"}`)
			if r.Status != 200 {
				t.Fatalf("suggest for the order: %+v", r)
			}
			var codes []string
			list, _ := r.Body["suggestions"].([]any)
			for _, s := range list {
				codes = append(codes, s.(map[string]any)["unit_code"].(string))
			}
			return codes
		}
		if got := units(); len(got) != 1 || got[0] != "U001" {
			t.Fatalf("before the return, the order's own category gives its default unit: %v", got)
		}
		for _, s := range []struct{ user, cmd, body string }{
			{"dispatcher", "dispatch", `{"unit_code":"U001","version":1}`},
			{"handler", "return", `{"reason":"不属于本单位职责","version":2}`},
		} {
			if r := do(s.user, "/api/v1/orders/"+id+"/"+s.cmd, s.body); r.Status != 200 {
				t.Fatalf("%s: %+v", s.cmd, r)
			}
		}
		if got := units(); len(got) != 0 {
			t.Fatalf("after U001 returned the order it is suggested again: %v", got)
		}
		if r := do("dispatcher", "/api/v1/orders/suggest-units", `{"order_id":99999999}`); r.Status != 404 {
			t.Errorf("unknown order: %d %v", r.Status, r.Body)
		}
		if r := do("handler", "/api/v1/orders/suggest-units", `{"order_id":`+id+`}`); r.Status != 404 {
			t.Errorf("the returning unit reads the order it no longer holds: %d %v", r.Status, r.Body)
		}
	})
}
