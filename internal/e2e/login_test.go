package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

// login fills and submits the login form.
func login(ctx context.Context, base, user, pw string) error {
	return chromedp.Do(ctx,
		chromedp.Navigate(base+"/"),
		chromedp.WaitVisible(chromedp.ID("login-form")),
		chromedp.SendKeys(chromedp.ID("username"), user),
		chromedp.SendKeys(chromedp.ID("password"), pw),
		chromedp.Click(chromedp.ID("login-submit")),
	)
}

// textOf waits for an element and returns its text.
func textOf[S chromedp.Selectable](t *testing.T, ctx context.Context, sel S) string {
	t.Helper()
	var err error
	// A node found while a navigation is still settling can be replaced before its
	// text is read ("No node with given id found"); read it again then.
	for try := 0; try < 5; try++ {
		if err = chromedp.Do(ctx, chromedp.WaitVisible(sel)); err != nil {
			t.Fatalf("wait for %v: %v", sel, err)
		}
		var s string
		if s, err = chromedp.Run(ctx, chromedp.Text(sel)); err == nil {
			return s
		}
		if !strings.Contains(err.Error(), "No node") {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatalf("text of %v: %v", sel, err)
	return ""
}

// navText is the text of every entry of the navigation bar, those inside its closed
// drop-downs included.
func navText(t *testing.T, ctx context.Context) string {
	t.Helper()
	textOf(t, ctx, chromedp.CSS("nav.main"))
	s, err := chromedp.Run(ctx, chromedp.TextContent(chromedp.CSS("nav.main")))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func location(t *testing.T, ctx context.Context) string {
	t.Helper()
	u, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestBrowser_Login(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		base := startServer(t, db)
		ctx := newBrowser(t)

		t.Run("ErrWrongPassword", func(t *testing.T) {
			if err := login(ctx, base, "admin", "wrong"); err != nil {
				t.Fatal(err)
			}
			if msg := textOf(t, ctx, chromedp.ID("login-error")); !strings.Contains(msg, "用户名或密码错误") {
				t.Fatalf("error message %q", msg)
			}
		})

		t.Run("OK", func(t *testing.T) {
			if err := login(ctx, base, "admin", "demo"); err != nil {
				t.Fatal(err)
			}
			welcome := textOf(t, ctx, chromedp.ID("welcome"))
			nav := navText(t, ctx)
			screenshot(t, ctx, "home-admin")
			if url := location(t, ctx); !strings.Contains(welcome, "系统管理员") || url != base+"/" {
				t.Fatalf("welcome %q at %s", welcome, url)
			}
			if watch := textOf(t, ctx, chromedp.ID("watch")); !strings.Contains(watch, "未办结的敏感工单") || !strings.Contains(watch, "督办中的工单") {
				t.Errorf("admin's watch list %q", watch)
			}
			for _, want := range []string{"工作台", "单位管理", "用户管理", "工作日历", "办理时限"} {
				if !strings.Contains(nav, want) {
					t.Errorf("admin navigation %q lacks %s", nav, want)
				}
			}
		})

		t.Run("CalendarPage", func(t *testing.T) {
			if err := chromedp.Do(ctx, chromedp.Navigate(base+"/admin/calendar?year=2022")); err != nil {
				t.Fatal(err)
			}
			table := textOf(t, ctx, chromedp.ID("holidays"))
			screenshot(t, ctx, "calendar-2022")
			if !strings.Contains(table, "2022-10-08") || !strings.Contains(table, "调休上班") {
				t.Fatalf("2022 calendar lacks the 2022-10-08 makeup day: %q", table)
			}
		})

		t.Run("Logout", func(t *testing.T) {
			if err := chromedp.Do(ctx, chromedp.Navigate(base+"/"),
				chromedp.Click(chromedp.CSS("button.link")),
				chromedp.WaitVisible(chromedp.ID("login-form")),
				chromedp.Navigate(base+"/admin/users"),
				chromedp.WaitVisible(chromedp.ID("login-form"))); err != nil {
				t.Fatal(err)
			}
			if url := location(t, ctx); !strings.Contains(url, "/login?next=") {
				t.Fatalf("after logout /admin/users went to %s", url)
			}
		})

		t.Run("RoleNavigation", func(t *testing.T) {
			if err := login(ctx, base, "handler", "demo"); err != nil {
				t.Fatal(err)
			}
			textOf(t, ctx, chromedp.ID("welcome"))
			nav := navText(t, ctx)
			screenshot(t, ctx, "home-handler")
			if strings.Contains(nav, "用户管理") || strings.Contains(nav, "单位管理") {
				t.Fatalf("handler sees admin sections: %q", nav)
			}
		})
	})
}
