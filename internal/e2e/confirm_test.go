package e2e

import (
	"context"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

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
		wantContains(t, "return after yes", msg, "退单")
	})
}
