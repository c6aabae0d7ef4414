package e2e

import (
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

// TestBrowser_LoginStaysOnSite: the return paths Chromium used to follow off site
// after login land on the home page; an ordinary path is kept.
func TestBrowser_LoginStaysOnSite(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		base := startServer(t, db)
		ctx := newBrowser(t)
		for _, c := range []struct{ next, want string }{
			{"/\t/evil.example", base + "/"},
			{"/./\\evil.example", base + "/"},
			{"/%2F%2Fevil.example", base + "/"},
			{"/orders?status=open", base + "/orders?status=open"},
		} {
			if err := chromedp.Do(ctx,
				chromedp.Navigate(base+"/login?next="+url.QueryEscape(c.next)),
				chromedp.WaitVisible(chromedp.ID("login-form")),
				chromedp.SendKeys(chromedp.ID("username"), "admin"),
				chromedp.SendKeys(chromedp.ID("password"), "demo"),
				chromedp.Click(chromedp.ID("login-submit")),
				chromedp.WaitVisible(chromedp.CSS("nav.main"))); err != nil {
				t.Fatalf("next=%q: %v", c.next, err)
			}
			if got := location(t, ctx); got != c.want || !strings.HasPrefix(got, base) {
				t.Errorf("after login with next=%q the browser is at %s, want %s", c.next, got, c.want)
			}
			// Sign out through the page's own form for the next case.
			if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("button.link")), chromedp.WaitVisible(chromedp.ID("login-form"))); err != nil {
				t.Fatal(err)
			}
		}
	})
}
