package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"govdesk/internal/app"
	"govdesk/internal/georeport"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

// closeThroughAPI runs an order through dispatch, reply, review and callback over /api/v1.
func closeThroughAPI(t *testing.T, do func(user, method, path, body string) apiResp, id, reply string) {
	t.Helper()
	for _, s := range []struct{ user, cmd, body string }{
		{"dispatcher", "dispatch", `{"unit_code":"U001"}`},
		{"handler", "accept", `{}`},
		{"handler", "reply", `{"text":"` + reply + `"}`},
		{"dispatcher", "review", `{"approve":true}`},
		{"operator", "callback", `{"result":"满意","resolved":true,"note":"群众满意"}`},
	} {
		if r := do(s.user, "POST", "/api/v1/orders/"+id+"/"+s.cmd, s.body); r.Status != 200 {
			t.Fatalf("%s: %+v", s.cmd, r)
		}
	}
}

// TestBrowser_PublicAndOpen311 files one request on the public page (in a browser)
// and one over Open311; both reach the dispatcher's pool and, once replied and
// closed through the workflow, show closed with the reply.
func TestBrowser_PublicAndOpen311(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		cat, _, err := (&store.Accounts{DB: db}).EnsureCategory(ctx, "城乡建设/市政设施/路灯")
		if err != nil {
			t.Fatal(err)
		}
		code := fmt.Sprint(cat)
		base := startServer(t, db)
		key, err := (&georeport.Keys{Store: &store.Open311{DB: db}, Clock: app.SystemClock{}}).Create(ctx, "随手拍")
		if err != nil {
			t.Fatal(err)
		}
		resp, err := http.PostForm(base+"/open311/v2/requests.json", url.Values{"api_key": {key}, "service_code": {code},
			"attribute[TYPE]": {"complaint"}, "description": {"路灯不亮"}, "address_string": {"东门路 1 号"}, "phone": {"13800138000"}})
		if err != nil {
			t.Fatal(err)
		}
		var filed []map[string]any
		json.NewDecoder(resp.Body).Decode(&filed)
		resp.Body.Close()
		if resp.StatusCode != 200 || len(filed) != 1 {
			t.Fatalf("open311 POST = %d %v", resp.StatusCode, filed)
		}
		no1 := filed[0]["service_request_id"].(string)

		b := newBrowser(t)
		var no2 string
		if err := chromedp.Do(b,
			chromedp.Navigate(base+"/public/"),
			chromedp.WaitVisible(chromedp.ID("file-form")),
			chromedp.SetValue(chromedp.ID("service_code"), code),
			chromedp.SendKeys(chromedp.ID("description"), "小区门口路灯坏了一周"),
			chromedp.SendKeys(chromedp.ID("address"), "东门社区 5 栋"),
			chromedp.SendKeys(chromedp.ID("phone"), "13700137000"),
			chromedp.Sleep(2200*time.Millisecond), // the form must be open at least 2 s
			chromedp.Click(chromedp.ID("submit")),
			chromedp.WaitVisible(chromedp.ID("request-no")),
		); err != nil {
			t.Fatal(err)
		}
		no2 = strings.TrimSpace(textOf(t, b, chromedp.ID("request-no")))
		screenshot(t, b, "public-filed")

		tok := tokens(t, db, "operator", "dispatcher", "handler")
		do := func(user, method, path, body string) apiResp {
			t.Helper()
			return call(t, http.DefaultClient, method, base+path, tok[user], body, nil)
		}
		pool := do("dispatcher", "GET", "/api/v1/orders?status=received", "")
		ids := map[string]string{}
		for _, it := range pool.Body["items"].([]any) {
			o := it.(map[string]any)
			if o["source"] == "政务服务网" {
				ids[o["no"].(string)] = fmt.Sprint(o["id"])
			}
		}
		if ids[no1] == "" || ids[no2] == "" {
			t.Fatalf("pool lacks %s or %s: %v", no1, no2, pool.Body)
		}
		closeThroughAPI(t, do, ids[no1], "已更换灯泡")
		closeThroughAPI(t, do, ids[no2], "路灯已修复")

		for no, reply := range map[string]string{no1: "已更换灯泡", no2: "路灯已修复"} {
			resp, err := http.Get(base + "/open311/v2/requests/" + no + ".json")
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			var got []map[string]any
			json.Unmarshal(body, &got)
			if len(got) != 1 || got[0]["status"] != "closed" || got[0]["status_notes"] != reply || got[0]["agency_responsible"] == nil {
				t.Fatalf("%s: %s", no, body)
			}
		}

		if err := chromedp.Do(b,
			chromedp.Navigate(base+"/public/lookup"),
			chromedp.WaitVisible(chromedp.ID("lookup-form")),
			chromedp.SendKeys(chromedp.ID("no"), no2),
			chromedp.SendKeys(chromedp.ID("lookup-phone"), "13700137000"),
			chromedp.Click(chromedp.ID("lookup")),
			chromedp.WaitVisible(chromedp.ID("result")),
		); err != nil {
			t.Fatal(err)
		}
		screenshot(t, b, "public-lookup")
		if s, r := textOf(t, b, chromedp.ID("status")), textOf(t, b, chromedp.ID("reply")); s != "已办结" || r != "路灯已修复" {
			t.Fatalf("lookup shows %q %q", s, r)
		}
	})
}

// TestBrowser_Open311Admin: the admin hides a service on its page; Open311 stops listing it.
func TestBrowser_Open311Admin(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		cat, _, err := (&store.Accounts{DB: db}).EnsureCategory(context.Background(), "环境保护/噪音")
		if err != nil {
			t.Fatal(err)
		}
		code := fmt.Sprint(cat)
		base := startServer(t, db)
		services := func() string {
			resp, err := http.Get(base + "/open311/v2/services.json")
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			return string(b)
		}
		if !strings.Contains(services(), `"service_code":"`+code+`"`) {
			t.Fatalf("service not listed: %s", services())
		}
		b := newBrowser(t)
		if err := login(b, base, "admin", "demo"); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(b,
			chromedp.WaitVisible(chromedp.ID("welcome")),
			chromedp.Navigate(base+"/admin/open311"),
			chromedp.Click(chromedp.ID("toggle-"+code)),
			chromedp.WaitVisible(chromedp.ID("flash")),
		); err != nil {
			t.Fatal(err)
		}
		if row := textOf(t, b, chromedp.ID("open311-services")); !strings.Contains(row, "已隐藏") {
			t.Fatalf("page shows %q", row)
		}
		if strings.Contains(services(), `"service_code":"`+code+`"`) {
			t.Fatalf("hidden service listed: %s", services())
		}
	})
}
