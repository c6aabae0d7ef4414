package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"govdesk/internal/app"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

// firstLink opens page and returns the address of the first link of the element id
// that starts with prefix; it fails the test when there is none.
func firstLink(t *testing.T, ctx context.Context, base, page, id, prefix string) string {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(base+page), chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
		t.Fatal(err)
	}
	href, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { const a = document.querySelector("#`+id+` a[href^='`+prefix+`']");
		return a ? a.getAttribute("href") : ""; })()`))
	if err != nil || href == "" {
		t.Fatalf("%s: no link to %s in #%s (%v)", page, prefix, id, err)
	}
	return base + href
}

// status returns the order page's status after opening it.
func orderStatus(t *testing.T, ctx context.Context, order string) string {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Navigate(order)); err != nil {
		t.Fatal(err)
	}
	return textOf(t, ctx, chromedp.ID("order-status"))
}

// TestBrowser_DemoDailyJobs: on the demo centre, exactly as `serve --demo` loads it,
// every role does its daily job through the pages, in the order a day brings it: the
// operator takes a call right after start-up, a citizen files on the public page, the
// handler signs for, replies and returns, the dispatcher re-dispatches the returned
// order and reviews a reply, the operator makes a callback nobody answers, the leader
// supervises, the staff pays a policy application, the unit admin and the
// administrator open their pages.
func TestBrowser_DemoDailyJobs(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		base := startDemo(t, db)
		ctx := newBrowser(t)
		yes := make([]bool, 40)
		for i := range yes {
			yes[i] = true
		}
		answerDialogs(ctx, yes...)
		today := time.Now().In(app.Shanghai).Format("20060102")

		// 话务员: the first order of the day saves, numbered today, and a second one too.
		loginAs(t, ctx, base, "operator")
		first := createOrder(t, ctx, base, "上坑社区路灯不亮", "13800138001")
		screenshot(t, ctx, "daily-first-order")
		if no := textOf(t, ctx, chromedp.ID("order-no")); !strings.HasPrefix(no, today) {
			t.Fatalf("the new order's number %q is not of today %s", no, today)
		}
		createOrder(t, ctx, base, "上坑社区路灯又灭了", "13800138002")

		// 群众: files on the public page and gets a number.
		pub := newBrowserTab(t, ctx)
		if err := chromedp.Do(pub, chromedp.Navigate(base+"/public/"), chromedp.WaitVisible(chromedp.ID("file-form"))); err != nil {
			t.Fatal(err)
		}
		svc, err := chromedp.Run(pub, chromedp.Evaluate[string](`[...document.querySelectorAll("#service_code option")].map(o => o.value).find(v => v) || ""`))
		if err != nil || svc == "" {
			t.Fatalf("the public page offers no service (%v)", err)
		}
		if err := chromedp.Do(pub, chromedp.SetValue(chromedp.ID("service_code"), svc),
			chromedp.SendKeys(chromedp.ID("description"), "村口的路灯坏了一个星期，晚上看不见路。"),
			chromedp.SendKeys(chromedp.ID("address"), "上坑社区 3 号"),
			chromedp.SendKeys(chromedp.ID("phone"), "13700137009"),
			chromedp.Sleep(2200*time.Millisecond), // the form must be open at least 2 s
			chromedp.Click(chromedp.ID("submit")), chromedp.WaitVisible(chromedp.ID("request-no"))); err != nil {
			t.Fatalf("public filing: %v", err)
		}
		if no := strings.TrimSpace(textOf(t, pub, chromedp.ID("request-no"))); !strings.HasPrefix(no, today) {
			t.Fatalf("the citizen's number %q is not of today", no)
		}

		// 派单员: dispatches the operator's order as suggested.
		loginAs(t, ctx, base, "dispatcher")
		wantContains(t, "dispatch", submit(t, ctx, first, "form-dispatch"), "派单成功")

		// 承办人: signs for an order, replies to it, returns another.
		loginAs(t, ctx, base, "handler")
		mine := firstLink(t, ctx, base, "/orders/inbox", "inbox-dispatched", "/orders/")
		wantContains(t, "accept", submit(t, ctx, mine, "form-accept"), "已签收")
		wantContains(t, "reply", submit(t, ctx, mine, "form-reply",
			chromedp.SendKeys(chromedp.CSS("#form-reply textarea"), "已派人到现场处理完毕，并电话告知诉求人。")), "答复已提交")
		returned := firstLink(t, ctx, base, "/orders?status=accepted", "orders", "/orders/")
		wantContains(t, "return", submit(t, ctx, returned, "form-return",
			chromedp.SendKeys(chromedp.CSS("#form-return textarea"), "不属于本单位职责，应由所在镇街处理。")), "已退单")

		// 派单员: the returned order goes to another unit; the reply is reviewed.
		loginAs(t, ctx, base, "dispatcher")
		if err := chromedp.Do(ctx, chromedp.Navigate(returned), chromedp.WaitVisible(chromedp.ID("form-dispatch"))); err != nil {
			t.Fatal(err)
		}
		wantContains(t, "order figures", textOf(t, ctx, chromedp.ID("order-fields")), "退单 1 次")
		wantContains(t, "return reason", textOf(t, ctx, chromedp.ID("dispatch-returns")), "不属于本单位职责")
		screenshot(t, ctx, "daily-dispatch-returned")
		other, err := chromedp.Run(ctx, chromedp.Evaluate[string](`[...document.querySelectorAll("#dispatch-unit option")].map(o => o.value).find(v => v && v !== "U001") || ""`))
		if err != nil || other == "" {
			t.Fatalf("no other unit to dispatch to (%v)", err)
		}
		wantContains(t, "re-dispatch", submit(t, ctx, returned, "form-dispatch", chromedp.SetValue(chromedp.ID("dispatch-unit"), other)), "派单成功")
		wantContains(t, "review", submit(t, ctx, mine, "form-review",
			chromedp.Click(chromedp.CSS(`#form-review input[name=approve][value="1"]`))), "审核")
		if s := orderStatus(t, ctx, mine); s != "待回访" {
			t.Fatalf("after review the order is %q", s)
		}

		// 话务员: nobody answers the callback, twice; the order closes as 无法回访.
		loginAs(t, ctx, base, "operator")
		for try := 1; try <= 2; try++ {
			if err := chromedp.Do(ctx, chromedp.Navigate(mine), chromedp.WaitVisible(chromedp.ID("form-callback")),
				choose("#callback-result", "无法回访"), chromedp.WaitNotVisible(chromedp.ID("callback-resolved")),
				chromedp.SendKeys(chromedp.CSS("#form-callback textarea"), "电话无人接听。"),
				chromedp.Click(chromedp.CSS("#form-callback button[type=submit]"))); err != nil {
				t.Fatalf("callback try %d: %v", try, err)
			}
			wantContains(t, "callback", textOf(t, ctx, chromedp.ID("flash")), "回访")
		}
		if s := orderStatus(t, ctx, mine); s != "已办结" {
			screenshot(t, ctx, "daily-callback-unreachable")
			t.Fatalf("after two unanswered callbacks the order is %q", s)
		}

		// 领导: supervises an order in hand.
		loginAs(t, ctx, base, "leader")
		open := firstLink(t, ctx, base, "/orders?status=accepted", "orders", "/orders/")
		wantContains(t, "supervise", submit(t, ctx, open, "form-supervise"), "督办")

		// 中心工作人员: pays an approved policy application after confirming.
		loginAs(t, ctx, base, "staff")
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/policies/applications"), chromedp.WaitVisible(chromedp.ID("applications"))); err != nil {
			t.Fatal(err)
		}
		pay, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector("form[id^='pay-']") || {id: ""}).id`))
		if err != nil || pay == "" {
			t.Fatalf("the demo has no approved application to pay (%v)", err)
		}
		wantContains(t, "pay", submit(t, ctx, base+"/policies/applications", pay), "已兑付")
		screenshot(t, ctx, "daily-policy-paid")

		// 单位管理员 and 系统管理员: their pages open on data.
		loginAs(t, ctx, base, "unit_admin")
		wantContains(t, "unit admin's orders", textOf(t, ctx, chromedp.ID("dash-unit")), "市住房和城乡建设局")
		loginAs(t, ctx, base, "admin")
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/admin/users"), chromedp.WaitReady(chromedp.CSS("body"))); err != nil {
			t.Fatal(err)
		}
		wantContains(t, "users", textOf(t, ctx, chromedp.CSS("main")), "承办人小张")
	})
}

// newBrowserTab opens another tab of the browser (the public pages need no login).
func newBrowserTab(t *testing.T, ctx context.Context) context.Context {
	t.Helper()
	tab, cancel := chromedp.NewContext(ctx)
	t.Cleanup(cancel)
	return tab
}
