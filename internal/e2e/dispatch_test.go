package e2e

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

// TestBrowser_DispatchReturnedOrder: on the demo, the handler of 市住房和城乡建设局
// (U001) returns an order as not its own; the dispatcher's form then shows the
// return with its reason, and neither suggests nor preselects U001 (SPEC §4.3).
func TestBrowser_DispatchReturnedOrder(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		base := startDemo(t, db)
		ctx := newBrowser(t)
		answerDialogs(ctx, true)
		loginAs(t, ctx, base, "handler")
		textOf(t, ctx, chromedp.ID("dash-inbox"))
		href, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("#dash-inbox a[href^='/orders/']").getAttribute("href")`))
		if err != nil {
			t.Fatal(err)
		}
		order := base + href
		if err := chromedp.Do(ctx, chromedp.Navigate(order)); err != nil {
			t.Fatal(err)
		}
		title, content := textOf(t, ctx, chromedp.ID("order-title")), textOf(t, ctx, chromedp.ID("order-content"))
		// The handler's unit is what the suggestion would name first for this order.
		tok := tokens(t, db, "dispatcher")["dispatcher"]
		body, _ := json.Marshal(map[string]string{"title": title, "content": content})
		r := call(t, &http.Client{}, "POST", base+"/api/v1/orders/suggest-units", tok, string(body), nil)
		list, _ := r.Body["suggestions"].([]any)
		if r.Status != 200 || len(list) == 0 || list[0].(map[string]any)["unit_code"] != "U001" {
			t.Fatalf("the order's own text does not point to U001, so the test proves nothing: %v", r.Body)
		}
		wantContains(t, "return", submit(t, ctx, order, "form-return",
			chromedp.SendKeys(chromedp.CSS("#form-return textarea"), "不属于本单位职责，应由所在镇街处理。")), "退单")

		loginAs(t, ctx, base, "dispatcher")
		if err := chromedp.Do(ctx, chromedp.Navigate(order), chromedp.WaitVisible(chromedp.ID("form-dispatch"))); err != nil {
			t.Fatal(err)
		}
		wantContains(t, "return history beside the dispatch form", textOf(t, ctx, chromedp.ID("dispatch-returns")),
			"市住房和城乡建设局", "不属于本单位职责，应由所在镇街处理。", "承办人小张")
		selected, err := chromedp.Run(ctx, chromedp.Value(chromedp.ID("dispatch-unit")))
		if err != nil {
			t.Fatal(err)
		}
		if selected == "U001" {
			t.Fatal("the dispatch form preselects the unit that returned the order")
		}
		suggest, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.getElementById("dispatch-suggest") || {textContent: ""}).textContent`))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(suggest, "市住房和城乡建设局") || strings.Contains(suggest, "100%") {
			t.Fatalf("suggestion %q names the returning unit or a certainty", suggest)
		}
		// The timeline names people, not their login names.
		by, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("#timeline .by")).map(e => e.textContent)`))
		if err != nil {
			t.Fatal(err)
		}
		if len(by) < 2 || by[len(by)-1] != "承办人小张" {
			t.Fatalf("timeline actors %q, want the last to be the handler's name", by)
		}
		for _, b := range by {
			if b == "handler" || b == "dispatcher" || b == "operator" {
				t.Fatalf("timeline shows the login name %q", b)
			}
		}
		screenshot(t, ctx, "dispatch-returned")
	})
}
