package open311_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
	"govdesk/internal/workorder"
)

var (
	tokenRE = regexp.MustCompile(`name="form_token" value="([^"]+)"`)
	noRE    = regexp.MustCompile(`id="request-no">([^<]+)<`)
)

func (f *fixture) publicForm(t *testing.T) url.Values {
	t.Helper()
	code, body, hdr := f.do(t, "GET", "/public/", nil)
	if code != 200 || !strings.Contains(string(body), "提交诉求") || !strings.Contains(string(body), "路灯") {
		t.Fatalf("public page = %d %s", code, body)
	}
	if strings.Contains(string(body), "<script") || strings.Contains(string(body), "style=") || hdr.Get("Cache-Control") != "no-store" {
		t.Fatalf("inline script or style, or cacheable: %s", body)
	}
	m := tokenRE.FindSubmatch(body)
	if m == nil {
		t.Fatalf("no form token: %s", body)
	}
	return url.Values{"form_token": {string(m[1])}, "service_code": {f.lamp}, "type": {"求助"},
		"description": {"小区门口路灯坏了"}, "address": {"东门社区"}, "name": {"李四"}, "phone": {"13700137000"}}
}

func TestPublic_FileAndLookUp(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		form := f.publicForm(t)
		if code, body, _ := f.do(t, "POST", "/public/requests", form); code != http.StatusBadRequest || !strings.Contains(string(body), "提交过快") {
			t.Fatalf("instant post = %d %s", code, body)
		}
		f.Clock.T = f.Clock.T.Add(5 * time.Second)
		trap := url.Values{}
		for k, v := range form {
			trap[k] = v
		}
		trap.Set("website", "http://spam.example")
		if code, _, _ := f.do(t, "POST", "/public/requests", trap); code != http.StatusBadRequest {
			t.Fatalf("honeypot post = %d", code)
		}
		forged := url.Values{}
		for k, v := range form {
			forged[k] = v
		}
		forged.Set("form_token", "1.abc")
		if code, _, _ := f.do(t, "POST", "/public/requests", forged); code != http.StatusBadRequest {
			t.Fatalf("forged token = %d", code)
		}
		code, body, _ := f.do(t, "POST", "/public/requests", form)
		m := noRE.FindSubmatch(body)
		if code != 200 || m == nil {
			t.Fatalf("file = %d %s", code, body)
		}
		no := string(m[1])

		pool, _, _ := f.Orders.List(f.Dispatcher, workorder.Filter{Statuses: []workorder.Status{workorder.Received}})
		if len(pool) != 1 || pool[0].No != no || pool[0].Source != "政务服务网" || pool[0].Type != "求助" {
			t.Fatalf("pool %+v", pool)
		}
		lookup := func(phone string) (int, string) {
			code, body, _ := f.do(t, "POST", "/public/lookup", url.Values{"no": {no}, "phone": {phone}})
			return code, string(body)
		}
		if code, body := lookup("13700137001"); code != 404 || strings.Contains(body, "小区门口") {
			t.Fatalf("wrong phone = %d %s", code, body)
		}
		if code, body := lookup("137 0013 7000"); code != 200 || !strings.Contains(body, "办理中（待派发）") {
			t.Fatalf("open lookup = %d %s", code, body)
		}
		closeOrder(t, f.Centre, pool[0].ID, "路灯已修复。")
		code, page := lookup("13700137000")
		if code != 200 || !strings.Contains(page, "已办结") || !strings.Contains(page, "路灯已修复。") || !strings.Contains(page, "市住建局") {
			t.Fatalf("closed lookup = %d %s", code, page)
		}
		// the same request over Open311
		_, body, _ = f.do(t, "GET", "/open311/v2/requests/"+no+".json", nil)
		if r := parseRequests(t, body)[0]; r.Status != "closed" || r.StatusNotes != "路灯已修复。" {
			t.Fatalf("open311 view %+v", r)
		}
		if strings.Contains(string(body), "李四") || strings.Contains(string(body), "13700137000") {
			t.Fatalf("personal data: %s", body)
		}
	})
}

func TestPublic_RateLimits(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		f.h.IPLimit.Max, f.h.LookupLimit.Max = 1, 1
		form := f.publicForm(t)
		f.Clock.T = f.Clock.T.Add(5 * time.Second)
		if code, _, _ := f.do(t, "POST", "/public/requests", form); code != 200 {
			t.Fatalf("first = %d", code)
		}
		if code, _, _ := f.do(t, "POST", "/public/requests", form); code != http.StatusTooManyRequests {
			t.Fatalf("second = %d", code)
		}
		f.do(t, "POST", "/public/lookup", url.Values{"no": {"x"}, "phone": {"1"}})
		if code, _, _ := f.do(t, "POST", "/public/lookup", url.Values{"no": {"x"}, "phone": {"1"}}); code != http.StatusTooManyRequests {
			t.Fatalf("lookup limit = %d", code)
		}
		f.Clock.T = f.Clock.T.Add(3 * time.Hour)
		if code, _, _ := f.do(t, "POST", "/public/requests", form); code != http.StatusBadRequest {
			t.Fatalf("expired form = %d", code)
		}
	})
}

// When filing fails inside the system, the citizen reads a polite sentence and finds
// the form as they filled it; what went wrong is for the log, never for the page.
func TestPublic_FileFailsPolitely(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		form := f.publicForm(t)
		f.Clock.T = f.Clock.T.Add(5 * time.Second)
		if _, err := db.ExecContext(t.Context(), `ALTER TABLE order_events RENAME TO order_events_away`); err != nil {
			t.Fatal(err)
		}
		code, body, _ := f.do(t, "POST", "/public/requests", form)
		page := string(body)
		if code != http.StatusInternalServerError || !strings.Contains(page, "抱歉，系统暂时无法受理您的诉求") {
			t.Fatalf("failed filing = %d %s", code, page)
		}
		for _, internal := range []string{"order_events", "系统内部错误", "internal", "SQL", "sql"} {
			if strings.Contains(page, internal) {
				t.Errorf("the citizen's page shows %q: %s", internal, page)
			}
		}
		for _, kept := range []string{"小区门口路灯坏了", "东门社区", "李四", "13700137000"} {
			if !strings.Contains(page, kept) {
				t.Errorf("the form lost %q", kept)
			}
		}
	})
}
