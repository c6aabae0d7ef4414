package e2e

import (
	"testing"

	"github.com/chromedp/chromedp"

	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

// The centre's staff adds an item in the editor, publishes it in a second edit, and the
// rates dashboard counts it, drilling down to it; the item page keeps both versions.
func TestBrowser_ItemEditorAndRates(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		base := startServer(t, db)
		ctx := newBrowser(t)
		loginAs(t, ctx, base, "staff")
		msg := submit(t, ctx, base+"/catalog/new", "item-form",
			chromedp.SendKeys(chromedp.CSS(`#item-form input[name="实施编码"]`), "E2E001"),
			chromedp.SendKeys(chromedp.CSS(`#item-form input[name="事项名称"]`), "城市道路挖掘许可"),
			chromedp.SendKeys(chromedp.CSS(`#item-form input[name="实施主体"]`), "U001"),
			chromedp.Click(chromedp.CSS(`#item-form input[name="是否进驻大厅"]`)),
			chromedp.Click(chromedp.CSS(`#item-form input[name="是否依申请"]`)),
			chromedp.SendKeys(chromedp.CSS(`#item-form input[name="法定时限"]`), "20"),
			chromedp.SendKeys(chromedp.CSS(`#item-form input[name="承诺时限"]`), "5"),
			chromedp.SendKeys(chromedp.CSS(`#item-form textarea[name="申请材料"]`), "申请书；营业执照[电子证照]"))
		wantContains(t, "create", msg, "事项已保存")
		wantContains(t, "item", textOf(t, ctx, chromedp.ID("item")), "E2E001", "行政许可", "草稿")
		wantContains(t, "materials", textOf(t, ctx, chromedp.ID("materials")), "营业执照", "可用电子证照")

		msg = submit(t, ctx, base+"/catalog/items/E2E001/edit", "item-form", chromedp.SetValue(chromedp.CSS(`#item-form select[name="状态"]`), "已发布"))
		wantContains(t, "publish", msg, "事项已保存")
		wantContains(t, "history", textOf(t, ctx, chromedp.ID("history")), "草稿", "已发布")

		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/catalog"), chromedp.WaitVisible(chromedp.ID("rates"))); err != nil {
			t.Fatal(err)
		}
		wantContains(t, "hall entry", textOf(t, ctx, chromedp.ID("rate-hall_entry")), "100.00%")
		wantContains(t, "compression", textOf(t, ctx, chromedp.ID("rate-promise_compression")), "75.00%")
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#rate-one_window a[href*="denominator"]`)), chromedp.WaitVisible(chromedp.ID("items"))); err != nil {
			t.Fatal(err)
		}
		wantContains(t, "drill", textOf(t, ctx, chromedp.ID("items")), "E2E001")

		// A bad edit is refused with the field named, nothing saved.
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/catalog/items/E2E001/edit"), chromedp.WaitVisible(chromedp.ID("item-form")),
			chromedp.SetValue(chromedp.CSS(`#item-form input[name="承诺时限"]`), "30"), chromedp.Click(chromedp.CSS("#item-form button[type=submit]"))); err != nil {
			t.Fatal(err)
		}
		wantContains(t, "bad edit", textOf(t, ctx, chromedp.ID("form-error")), "承诺时限", "不能长于法定时限")
	})
}
