package e2e

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

// loginAs drops the current session and logs in as user (password demo).
func loginAs(t *testing.T, ctx context.Context, base, user string) {
	t.Helper()
	if _, err := chromedp.Call(ctx, network.ClearBrowserCookies, cdp.Empty{}); err != nil {
		t.Fatalf("clear cookies: %v", err)
	}
	if err := login(ctx, base, user, "demo"); err != nil {
		t.Fatalf("login %s: %v", user, err)
	}
	textOf(t, ctx, chromedp.ID("welcome"))
}

// submit opens page, runs the steps that fill a form, clicks its button and returns
// the flash message of the page the browser lands on.
func submit(t *testing.T, ctx context.Context, page, form string, fill ...chromedp.Action[chromedp.Void]) string {
	t.Helper()
	steps := append([]chromedp.Action[chromedp.Void]{chromedp.Navigate(page), chromedp.WaitVisible(chromedp.ID(form))}, fill...)
	steps = append(steps, chromedp.Click(chromedp.CSS("#"+form+" button[type=submit]")))
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s on %s: %v", form, page, err)
	}
	return textOf(t, ctx, chromedp.ID("flash"))
}

// choose picks an option of a select as a person would, so the page hears the change.
func choose(sel, value string) chromedp.Action[chromedp.Void] {
	eval := chromedp.Evaluate[bool](fmt.Sprintf(`(() => { const el = document.querySelector(%q); if (!el) return false;
		el.value = %q; el.dispatchEvent(new Event("change", {bubbles: true})); return el.value === %q; })()`, sel, value, value))
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		ok, err := eval(ctx, t)
		if err == nil && !ok {
			err = fmt.Errorf("%s has no option %q", sel, value)
		}
		return chromedp.Void{}, err
	}
}

func wantContains(t *testing.T, what, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Fatalf("%s: %q lacks %q", what, got, w)
		}
	}
}

var orderPath = regexp.MustCompile(`/orders/(\d+)$`)

// createOrder fills the intake form as the logged-in operator and returns the new order's page.
func createOrder(t *testing.T, ctx context.Context, base, title, phone string) string {
	t.Helper()
	msg := submit(t, ctx, base+"/orders/new", "order-form",
		chromedp.SetValue(chromedp.ID("f-type"), "投诉"),
		chromedp.SendKeys(chromedp.ID("f-title"), title),
		chromedp.SendKeys(chromedp.ID("f-content"), title+"，已持续三天，影响居民夜间出行，请尽快处理。"),
		chromedp.SendKeys(chromedp.ID("f-name"), "张三"),
		chromedp.SendKeys(chromedp.ID("f-phone"), phone),
		choose("#f-town", "乐城街道"),
		choose("#f-village", "上坑社区"),
		chromedp.SendKeys(chromedp.ID("f-category"), "城乡建设/市政设施/路灯"),
	)
	wantContains(t, "create flash", msg, "已受理")
	u := location(t, ctx)
	if !orderPath.MatchString(u) {
		t.Fatalf("after create the browser is at %s", u)
	}
	return u
}

func TestBrowser_OrderLifecycle(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		base := startServer(t, db)
		ctx := newBrowser(t)

		loginAs(t, ctx, base, "operator")
		order := createOrder(t, ctx, base, "东门社区路灯不亮", "13800138000")
		if s := textOf(t, ctx, chromedp.ID("order-status")); s != "待派发" {
			t.Fatalf("new order status %q", s)
		}
		other := createOrder(t, ctx, base, "东门社区路灯不亮又一处", "13800138000")
		wantContains(t, "duplicate hints", textOf(t, ctx, chromedp.ID("duplicate-hints")), "东门社区路灯不亮")
		screenshot(t, ctx, "order-new-hints")

		loginAs(t, ctx, base, "dispatcher")
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/orders/pool")); err != nil {
			t.Fatal(err)
		}
		wantContains(t, "pool", textOf(t, ctx, chromedp.ID("pool-received")), "东门社区路灯不亮", "东门社区路灯不亮又一处")
		screenshot(t, ctx, "pool")
		msg := submit(t, ctx, order, "form-dispatch", chromedp.SetValue(chromedp.ID("dispatch-unit"), "U001"))
		wantContains(t, "dispatch flash", msg, "派单成功")
		wantContains(t, "unit", textOf(t, ctx, chromedp.ID("order-unit")), "市住房和城乡建设局")
		msg = submit(t, ctx, other, "form-dispatch", chromedp.SetValue(chromedp.ID("dispatch-unit"), "C001"))
		wantContains(t, "dispatch other flash", msg, "派单成功")

		loginAs(t, ctx, base, "handler")
		wantContains(t, "handler badge", textOf(t, ctx, chromedp.ID("unread-badge")), "1")
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/orders/inbox")); err != nil {
			t.Fatal(err)
		}
		inbox := textOf(t, ctx, chromedp.ID("inbox-dispatched"))
		screenshot(t, ctx, "inbox")
		if !strings.Contains(inbox, "东门社区路灯不亮") || strings.Contains(inbox, "又一处") {
			t.Fatalf("handler inbox %q", inbox)
		}
		wantContains(t, "accept flash", submit(t, ctx, order, "form-accept"), "已签收")
		wantContains(t, "reply flash", submit(t, ctx, order, "form-reply",
			chromedp.SendKeys(chromedp.CSS("#form-reply textarea"), "已更换路灯灯泡，经现场核实恢复照明。")), "答复已提交")
		if s := textOf(t, ctx, chromedp.ID("order-status")); s != "待审核" {
			t.Fatalf("after reply status %q", s)
		}

		t.Run("ErrOtherUnitNotFound", func(t *testing.T) {
			if err := chromedp.Do(ctx, chromedp.Navigate(other)); err != nil {
				t.Fatal(err)
			}
			wantContains(t, "other unit's order", textOf(t, ctx, chromedp.CSS("p.error")), "工单不存在")
			if err := chromedp.Do(ctx, chromedp.Navigate(base+"/orders")); err != nil {
				t.Fatal(err)
			}
			if list := textOf(t, ctx, chromedp.ID("orders")); strings.Contains(list, "又一处") {
				t.Fatalf("handler's list shows another unit's order: %q", list)
			}
		})

		loginAs(t, ctx, base, "dispatcher")
		t.Run("ErrConflictAndInvalid", func(t *testing.T) {
			stale, cancel := chromedp.NewContext(ctx) // a second tab, opened before someone else acts
			defer cancel()
			if err := chromedp.Do(stale, chromedp.Navigate(order), chromedp.WaitVisible(chromedp.ID("form-review"))); err != nil {
				t.Fatal(err)
			}
			wantContains(t, "remind flash", submit(t, ctx, order, "form-remind"), "已催办")
			if err := chromedp.Do(stale, chromedp.Click(chromedp.CSS(`#form-review input[name=approve][value="1"]`)),
				chromedp.Click(chromedp.CSS("#form-review button[type=submit]"))); err != nil {
				t.Fatal(err)
			}
			wantContains(t, "stale review", textOf(t, stale, chromedp.ID("flash")), "工单已被他人修改", "您填写的内容已保留")
			if kept, err := chromedp.Run(stale, chromedp.Evaluate[bool](`document.querySelector('#form-review input[name=approve][value="1"]').checked`)); err != nil || !kept {
				t.Errorf("the refused review form lost its choice (%v, %v)", kept, err)
			}
			msg := submit(t, ctx, order, "form-review", chromedp.Click(chromedp.CSS(`#form-review input[name=approve][value="0"]`)))
			wantContains(t, "reject without reason", msg, "退回理由不能为空")
		})
		wantContains(t, "review flash", submit(t, ctx, order, "form-review",
			chromedp.Click(chromedp.CSS(`#form-review input[name=approve][value="1"]`))), "审核已完成")
		if s := textOf(t, ctx, chromedp.ID("order-status")); s != "待回访" {
			t.Fatalf("after review status %q", s)
		}

		loginAs(t, ctx, base, "operator")
		msg = submit(t, ctx, order, "form-callback",
			chromedp.SetValue(chromedp.CSS("#form-callback select[name=result]"), "满意"),
			chromedp.Click(chromedp.CSS(`#form-callback input[name=resolved][value="1"]`)),
			chromedp.SendKeys(chromedp.CSS("#form-callback textarea"), "群众表示路灯已修好，满意。"))
		wantContains(t, "callback flash", msg, "回访已记录", "已办结")
		if s := textOf(t, ctx, chromedp.ID("order-status")); s != "已办结" {
			t.Fatalf("after callback status %q", s)
		}
		timeline := textOf(t, ctx, chromedp.ID("timeline"))
		wantContains(t, "timeline", timeline, "受理", "派单", "市住房和城乡建设局", "签收", "答复", "催办", "审核通过", "回访", "回访结果：满意", "待回访 → 已办结")
		wantContains(t, "callback field", textOf(t, ctx, chromedp.ID("order-callback")), "满意")
		if n, err := chromedp.Run(ctx, chromedp.Nodes(chromedp.ID("actions"), chromedp.AtLeast(0))); err != nil || len(n) != 0 {
			t.Fatalf("a closed order offers actions (%d, %v)", len(n), err)
		}
		screenshot(t, ctx, "order-closed")

		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/orders?status=closed")); err != nil {
			t.Fatal(err)
		}
		list := textOf(t, ctx, chromedp.ID("orders"))
		wantContains(t, "closed list", list, "东门社区路灯不亮", "已办结", "138****8000")
		screenshot(t, ctx, "orders-list")
	})
}

// rowClasses returns the class of each row of an order table.
func rowClasses(t *testing.T, ctx context.Context, table string) []string {
	t.Helper()
	attrs, err := chromedp.Run(ctx, chromedp.AttributesAll(chromedp.CSSAll("#"+table+" tbody tr")))
	if err != nil {
		t.Fatalf("rows of %s: %v", table, err)
	}
	var out []string
	for _, a := range attrs {
		out = append(out, a["class"])
	}
	return out
}

func TestBrowser_OrderQueues(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		base := startServer(t, db)
		seedOrders(t, db, 26)
		ctx := newBrowser(t)

		loginAs(t, ctx, base, "dispatcher")
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/orders?status=open&sort=deadline")); err != nil {
			t.Fatal(err)
		}
		wantContains(t, "total", textOf(t, ctx, chromedp.ID("orders-total")), "共 26 件")
		rows := rowClasses(t, ctx, "orders")
		screenshot(t, ctx, "orders-deadline")
		if len(rows) != 20 || rows[0] != "row-overdue" || !strings.Contains(strings.Join(rows, " "), "row-normal") {
			t.Fatalf("deadline colours, soonest first: %v", rows)
		}
		wantContains(t, "overdue row", textOf(t, ctx, chromedp.CSS("#orders tbody tr")), "超期", "已超期")
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`nav.pager a[rel=next]`)), chromedp.WaitVisible(chromedp.CSS(`nav.pager a[rel=prev]`))); err != nil {
			t.Fatalf("next page: %v", err)
		}
		if rows := rowClasses(t, ctx, "orders"); len(rows) != 6 {
			t.Fatalf("second page rows %v", rows)
		}

		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/orders/pool")); err != nil {
			t.Fatal(err)
		}
		pool := textOf(t, ctx, chromedp.ID("pool-received"))
		screenshot(t, ctx, "pool-seeded")
		var nos []string
		for _, m := range regexp.MustCompile(`\d{14}`).FindAllString(pool, -1) {
			nos = append(nos, m)
		}
		if len(nos) != 5 || nos[0] > nos[len(nos)-1] {
			t.Fatalf("pool not oldest first: %v", nos)
		}
		wantContains(t, "extensions", textOf(t, ctx, chromedp.ID("pool-extensions")), "延期待批")
		wantContains(t, "replies", textOf(t, ctx, chromedp.ID("pool-replied")), "待审核")

		loginAs(t, ctx, base, "handler")
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/orders/inbox")); err != nil {
			t.Fatal(err)
		}
		if rows := rowClasses(t, ctx, "inbox-accepted"); len(rows) == 0 || rows[0] != "row-overdue" {
			t.Fatalf("inbox in hand: %v", rows)
		}
		if err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(1), chromedp.EmulateMobile),
			chromedp.Reload(), chromedp.WaitVisible(chromedp.ID("inbox-dispatched"))); err != nil {
			t.Fatal(err)
		}
		screenshot(t, ctx, "inbox-phone")
	})
}
