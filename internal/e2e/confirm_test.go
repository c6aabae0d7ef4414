package e2e

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"govdesk/internal/project"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

// answerDialogs answers every confirmation the page asks with the next of answers and
// sends each question it saw on the returned channel.
func answerDialogs(ctx context.Context, answers ...bool) <-chan string {
	asked := make(chan string, 8)
	go func() {
		i := 0
		for e, err := range chromedp.Events(ctx, page.JavascriptDialogOpening) {
			if err != nil {
				return
			}
			accept := i < len(answers) && answers[i]
			i++
			asked <- e.Message
			go chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
				_, err := cdp.Call(ctx, t, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: accept})
				return err
			}))
		}
	}()
	return asked
}

// TestBrowser_ConfirmReturn: a handler returning an order is asked first; saying no
// leaves the order as it was, saying yes returns it to the pool.
func TestBrowser_ConfirmReturn(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		base := startDemo(t, db)
		ctx := newBrowser(t)
		asked := answerDialogs(ctx, false, true)
		if err := login(ctx, base, "handler", "demo"); err != nil {
			t.Fatal(err)
		}
		textOf(t, ctx, chromedp.ID("dash-inbox"))
		href, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#dash-inbox a[href^='/orders/']").getAttribute("href")`))
		if err != nil {
			t.Fatal(err)
		}
		order := base + href
		if err := chromedp.Do(ctx, chromedp.Navigate(order), chromedp.WaitVisible(chromedp.ID("form-return")),
			chromedp.SendKeys(chromedp.CSS("#form-return textarea"), "不属于本单位职责。"),
			chromedp.Click(chromedp.CSS("#form-return button[type=submit]"))); err != nil {
			t.Fatal(err)
		}
		if q := <-asked; q == "" {
			t.Fatal("no question before returning")
		}
		if got := textOf(t, ctx, chromedp.ID("order-status")); got == "待派发" {
			t.Fatal("the order was returned although the handler said no")
		}
		msg := submit(t, ctx, order, "form-return", chromedp.SendKeys(chromedp.CSS("#form-return textarea"), "不属于本单位职责。"))
		<-asked
		wantContains(t, "return after yes", msg, "已退单")
		// the order left the unit: the handler lands on the inbox, with the success notice only
		if loc := location(t, ctx); !strings.HasSuffix(loc, "/orders/inbox") {
			t.Fatalf("after the return the handler is on %s, want the inbox", loc)
		}
		if n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("[role=alert]").length`)); err != nil || n != 0 {
			t.Fatalf("%d alerts beside the success notice, %v", n, err)
		}
	})
}

// TestBrowser_ConfirmPayoutAndProjectDone: paying a policy application and passing a
// project's last stage ask first, with the amount typed; saying no changes nothing.
// A payout above the approved amount is refused with the reason, and the last stage
// says the project is finished, not that it moves on.
func TestBrowser_ConfirmPayoutAndProjectDone(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		base := startServer(t, db)
		ctx0 := context.Background()
		ps := store.NewProjectStore(db)
		if _, _, err := ps.UpsertPolicies(ctx0, []project.Policy{{Code: "ZC2022002", Name: "新增规模以上工业企业奖励",
			Department: "工信局", Amount: "一次性奖励 10 万元"}}); err != nil {
			t.Fatal(err)
		}
		tok := tokens(t, db, "staff")
		c := &http.Client{}
		for _, step := range [][2]string{
			{"/api/v1/policy-applications", `{"no":"SQ-9","policy_code":"ZC2022002","applicant":"甲科技公司","amount":100000}`},
			{"/api/v1/policy-applications/SQ-9/decide", `{"approve":true,"version":1}`},
			{"/api/v1/projects", `{"code":"XM-1","name":"标准厂房","enterprise":"甲科技公司","stages":[{"name":"竣工验收","limit_days":20}]}`},
		} {
			if r := call(t, c, "POST", base+step[0], tok["staff"], step[1], nil); r.Status/100 != 2 {
				t.Fatalf("%s: %d %v", step[0], r.Status, r.Body)
			}
		}

		ctx := newBrowser(t)
		asked := answerDialogs(ctx, true, false, true, false, true)
		loginAs(t, ctx, base, "staff")
		queue := base + "/policies/applications"
		msg := submit(t, ctx, queue, "pay-SQ-9", chromedp.SetValue(chromedp.CSS("#pay-SQ-9 input[name=amount]"), "5000000"))
		wantContains(t, "question with the typed amount", <-asked, "向 甲科技公司 兑付 5000000 元？", "不能撤销")
		wantContains(t, "payout above the approved amount", msg, "兑付金额 5000000.00 元超过核定金额 100000.00 元")

		if err := chromedp.Do(ctx, chromedp.Navigate(queue), chromedp.WaitVisible(chromedp.ID("pay-SQ-9")),
			chromedp.Click(chromedp.CSS("#pay-SQ-9 button[type=submit]"))); err != nil {
			t.Fatal(err)
		}
		wantContains(t, "question", <-asked, "兑付 100000.00 元")
		if got := textOf(t, ctx, chromedp.CSS(`tr[data-no="SQ-9"] .status`)); got != "已通过" {
			t.Fatalf("status after saying no: %q", got)
		}
		msg = submit(t, ctx, queue, "pay-SQ-9")
		<-asked
		wantContains(t, "paid", msg, "申请 SQ-9 已兑付 100000.00 元")
		if got := textOf(t, ctx, chromedp.CSS(`tr[data-no="SQ-9"] .status`)); got != "已兑付" {
			t.Errorf("status after paying: %q", got)
		}

		page := base + "/projects/XM-1"
		if err := chromedp.Do(ctx, chromedp.Navigate(page), chromedp.WaitVisible(chromedp.ID("pass-form"))); err != nil {
			t.Fatal(err)
		}
		wantContains(t, "button", textOf(t, ctx, chromedp.ID("pass-stage")), "“竣工验收”阶段办结，项目办结")
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#pass-form button[type=submit]"))); err != nil {
			t.Fatal(err)
		}
		wantContains(t, "last stage question", <-asked, "项目办结", "不能撤销")
		if p, err := ps.Project(ctx0, "XM-1"); err != nil || p.Current() != 0 {
			t.Fatalf("the project moved although the agent said no: %+v %v", p, err)
		}
		msg = submit(t, ctx, page, "pass-form")
		<-asked
		wantContains(t, "last stage", msg, "“竣工验收”阶段办结，项目全部阶段办结")
		if strings.Contains(msg, "转入") {
			t.Errorf("the last stage moves on: %q", msg)
		}
		wantContains(t, "done", textOf(t, ctx, chromedp.ID("project-done")), "已办结")
		wantContains(t, "ledger", textOf(t, ctx, chromedp.ID("ledger")), "办结", "项目全部阶段办结")
	})
}
