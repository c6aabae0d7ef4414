package e2e

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"govdesk/internal/demo"
	"govdesk/internal/knowledge"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

// valueOf reads the current value of a form field.
func valueOf(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[string](fmt.Sprintf(`document.querySelector(%q).value`, sel)))
	if err != nil {
		t.Fatalf("value of %s: %v", sel, err)
	}
	return v
}

// The operator picks places and categories from the registry; a refused form comes
// back filled in with the reason; a 无法回访 callback asks nothing about the problem.
func TestBrowser_IntakeForms(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		base := startServer(t, db)
		ctx := newBrowser(t)
		loginAs(t, ctx, base, "operator")

		// The new-order form: towns from the registry, villages of the chosen town.
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/orders/new"), chromedp.WaitVisible(chromedp.ID("order-form"))); err != nil {
			t.Fatal(err)
		}
		towns, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("#f-town option")).map(o => o.value).filter(v => v)`))
		if err != nil || strings.Join(towns, ",") != strings.Join(demo.Towns, ",") {
			t.Fatalf("town options %v (%v), want the registry's %v", towns, err, demo.Towns)
		}
		if err := chromedp.Do(ctx, choose("#f-town", "坪石镇")); err != nil {
			t.Fatal(err)
		}
		shown, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("#f-village optgroup:not([hidden]) option")).map(o => o.value)`))
		if want := demo.Villages()["坪石镇"]; err != nil || len(shown) != len(want) || shown[0] != want[0] {
			t.Fatalf("villages offered for 坪石镇: %v (%v), want %v", shown, err, want)
		}

		// A bad phone: the form comes back with everything typed and the reason.
		err = chromedp.Do(ctx, chromedp.SetValue(chromedp.ID("f-type"), "投诉"),
			chromedp.SendKeys(chromedp.ID("f-title"), "新塘村路口路灯不亮"),
			chromedp.SendKeys(chromedp.ID("f-content"), "新塘村路口路灯坏了一周，晚上看不见路。"),
			chromedp.SendKeys(chromedp.ID("f-name"), "王五"),
			chromedp.SendKeys(chromedp.ID("f-phone"), "1380013800"),
			choose("#f-village", "新塘村"),
			chromedp.SendKeys(chromedp.ID("f-category"), "城乡建设/市政设施/路灯"),
			chromedp.Click(chromedp.ID("order-submit")),
			chromedp.WaitVisible(chromedp.ID("form-error")))
		if err != nil {
			t.Fatal(err)
		}
		wantContains(t, "refused order", textOf(t, ctx, chromedp.ID("form-error")), "联系电话格式不正确")
		for sel, want := range map[string]string{"#f-title": "新塘村路口路灯不亮", "#f-content": "新塘村路口路灯坏了一周，晚上看不见路。",
			"#f-name": "王五", "#f-phone": "1380013800", "#f-town": "坪石镇", "#f-village": "新塘村", "#f-category": "城乡建设/市政设施/路灯", "#f-type": "投诉"} {
			if got := valueOf(t, ctx, sel); got != want {
				t.Errorf("after the refusal %s = %q, want %q", sel, got, want)
			}
		}
		screenshot(t, ctx, "order-new-refused")
		if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.ID("f-phone"), "13800138000"), chromedp.Click(chromedp.ID("order-submit")),
			chromedp.WaitVisible(chromedp.ID("flash"))); err != nil {
			t.Fatal(err)
		}
		wantContains(t, "corrected order", textOf(t, ctx, chromedp.ID("flash")), "已受理")
		wantContains(t, "registered place", textOf(t, ctx, chromedp.ID("order-fields")), "坪石镇", "新塘村")

		t.Run("ResolveCitesRetiredArticle", func(t *testing.T) {
			retired := saveArticle(t, db, "居住证怎么办理（旧）", knowledge.StatusRetired)
			msg := submit(t, ctx, createConsult(t, ctx, base), "form-resolve",
				chromedp.SendKeys(chromedp.CSS("#form-resolve textarea[name=answer]"), "携带身份证和租房合同到派出所办理。"),
				chromedp.SendKeys(chromedp.CSS("#form-resolve input[name=kb_article_id]"), fmt.Sprint(retired)),
				chromedp.Click(chromedp.CSS("#form-resolve input[name=confirm]")))
			wantContains(t, "refused resolve", msg, "未发布或已停用")
			if got := valueOf(t, ctx, "#form-resolve textarea[name=answer]"); got != "携带身份证和租房合同到派出所办理。" {
				t.Errorf("the refused answer came back as %q", got)
			}
			if got := valueOf(t, ctx, "#form-resolve input[name=kb_article_id]"); got != fmt.Sprint(retired) {
				t.Errorf("the refused article number came back as %q", got)
			}
			if s := textOf(t, ctx, chromedp.ID("order-status")); s != "待派发" {
				t.Errorf("after a refused resolve the order is %q", s)
			}
		})

		t.Run("CallbackUnreachable", func(t *testing.T) {
			order := orderAwaitingCallback(t, db, base)
			for try, want := range []string{"待回访", "已办结"} {
				if err := chromedp.Do(ctx, chromedp.Navigate(order), chromedp.WaitVisible(chromedp.ID("form-callback")),
					choose("#callback-result", "满意")); err != nil {
					t.Fatal(err)
				}
				if hidden, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById("callback-resolved").hidden`)); hidden {
					t.Fatal("a verdict does not ask whether the problem was resolved")
				}
				if err := chromedp.Do(ctx, choose("#callback-result", "无法回访")); err != nil {
					t.Fatal(err)
				}
				if hidden, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById("callback-resolved").hidden`)); !hidden {
					t.Fatal("无法回访 still asks whether the problem was resolved")
				}
				if try == 0 {
					screenshot(t, ctx, "callback-unreachable")
				}
				err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS("#form-callback textarea[name=note]"), "电话无人接听"),
					chromedp.Click(chromedp.CSS("#form-callback button[type=submit]")), chromedp.WaitVisible(chromedp.ID("flash")))
				if err != nil {
					t.Fatal(err)
				}
				wantContains(t, "unreachable flash", textOf(t, ctx, chromedp.ID("flash")), "回访已记录")
				if s := textOf(t, ctx, chromedp.ID("order-status")); s != want {
					t.Fatalf("after unreachable call %d the order is %q, want %q", try+1, s, want)
				}
			}
			if got := textOf(t, ctx, chromedp.ID("order-callback")); !strings.Contains(got, "无法回访") || strings.Contains(got, "解决") {
				t.Errorf("callback field %q", got)
			}
		})
	})
}

// createConsult files a 咨询 through the intake form and returns its page.
func createConsult(t *testing.T, ctx context.Context, base string) string {
	t.Helper()
	msg := submit(t, ctx, base+"/orders/new", "order-form", chromedp.SetValue(chromedp.ID("f-type"), "咨询"),
		chromedp.SendKeys(chromedp.ID("f-content"), "居住证怎么办理？"), chromedp.SendKeys(chromedp.ID("f-phone"), "13800138001"))
	wantContains(t, "consult flash", msg, "已受理")
	return location(t, ctx)
}

// orderAwaitingCallback runs a new order over the API to 待回访 and returns its page.
func orderAwaitingCallback(t *testing.T, db *store.DB, base string) string {
	t.Helper()
	tok := tokens(t, db, "operator", "dispatcher", "handler")
	r := call(t, http.DefaultClient, "POST", base+"/api/v1/orders", tok["operator"], `{"type":"投诉","content":"楼下餐馆油烟扰民","citizen_phone":"13900139003"}`, nil)
	id := fmt.Sprint(r.Body["id"])
	for _, s := range []struct{ user, cmd, body string }{
		{"dispatcher", "dispatch", `{"unit_code":"U001"}`}, {"handler", "accept", `{}`},
		{"handler", "reply", `{"text":"已责令安装油烟净化器"}`}, {"dispatcher", "review", `{"approve":true}`},
	} {
		if r := call(t, http.DefaultClient, "POST", base+"/api/v1/orders/"+id+"/"+s.cmd, tok[s.user], s.body, nil); r.Status != 200 {
			t.Fatalf("%s: %+v", s.cmd, r)
		}
	}
	return base + "/orders/" + url.PathEscape(id)
}

// A failure inside the system does not cost the operator the typed form: it comes
// back filled in with a plain sentence, and the log alone has the detail.
func TestWeb_NewOrderSurvivesInternalFailure(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		base := startServer(t, db)
		c := loginHTTP(t, base, "operator")
		m := regexp.MustCompile(`name="csrf_token" value="([^"]+)"`).FindStringSubmatch(fetchRaw(t, c, base+"/orders/new"))
		if m == nil {
			t.Fatal("the form has no csrf token")
		}
		if _, err := db.ExecContext(context.Background(), `ALTER TABLE order_events RENAME TO order_events_away`); err != nil {
			t.Fatal(err)
		}
		res, err := c.PostForm(base+"/orders", url.Values{"csrf_token": {m[1]}, "type": {"投诉"}, "title": {"新塘村路口路灯不亮"},
			"content": {"路灯坏了一周"}, "citizen_phone": {"13800138000"}, "town": {"坪石镇"}, "village": {"新塘村"}})
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		page := string(body)
		if res.StatusCode != http.StatusInternalServerError || !strings.Contains(page, `id="order-form"`) || !strings.Contains(page, "系统暂时无法完成操作") {
			t.Fatalf("failed create = %s %.300s", res.Status, page)
		}
		for _, kept := range []string{`value="新塘村路口路灯不亮"`, "路灯坏了一周", `value="13800138000"`, "<option selected>坪石镇</option>", "<option selected>新塘村</option>"} {
			if !strings.Contains(page, kept) {
				t.Errorf("the form lost %s", kept)
			}
		}
		for _, internal := range []string{"order_events", "出错了", "系统内部错误"} {
			if strings.Contains(page, internal) {
				t.Errorf("the page shows %q", internal)
			}
		}
	})
}
