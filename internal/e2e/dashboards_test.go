package e2e

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"govdesk/internal/app"
	"govdesk/internal/cli"
	"govdesk/internal/config"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
	"govdesk/internal/workorder"
)

// demoRoles are the demo users, one per role, and the element their dashboard shows.
var demoRoles = []struct{ user, dash string }{
	{"operator", "dash-operator"}, {"dispatcher", "dash-dispatcher"}, {"handler", "dash-unit"}, {"unit_admin", "dash-unit"},
	{"staff", "dash-staff"}, {"leader", "dash-leader"}, {"admin", "dash-admin"},
}

// startDemo serves the whole demo centre (orders, catalogue, devices…) over db.
func startDemo(t *testing.T, db *store.DB) string {
	t.Helper()
	if err := cli.LoadDemoCentre(context.Background(), db, config.Default(), io.Discard); err != nil {
		t.Fatalf("load demo centre: %v", err)
	}
	return startServer(t, db)
}

// TestBrowser_RoleDashboards: every demo user logs in with the password demo and
// meets its own dashboard, with live numbers that link to their lists. With
// GOVDESK_DOCS_IMG set, each dashboard is saved there at 1366×768, and the leader's
// also at phone width.
func TestBrowser_RoleDashboards(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		base := startDemo(t, db)
		for _, r := range demoRoles {
			t.Run(r.user, func(t *testing.T) {
				ctx := newBrowser(t)
				if err := login(ctx, base, r.user, "demo"); err != nil {
					t.Fatal(err)
				}
				if got := textOf(t, ctx, chromedp.ID(r.dash)); !regexp.MustCompile(`\d`).MatchString(got) {
					t.Fatalf("%s dashboard shows no number: %q", r.user, got)
				}
				hrefs, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("#`+r.dash+` a.tile")).map(a => a.getAttribute("href"))`))
				if err != nil {
					t.Fatal(err)
				}
				if len(hrefs) < 3 {
					t.Fatalf("%s dashboard has %d linked numbers, want every number linked", r.user, len(hrefs))
				}
				if r.user == "leader" {
					year := time.Now().In(app.Shanghai).Year() // the demo has live orders this year
					if got := textOf(t, ctx, chromedp.ID("dash-key-figures")); !strings.Contains(got, "受理量") || !strings.Contains(got, "%") {
						t.Fatalf("leader key figures: %q", got)
					}
					textOf(t, ctx, chromedp.ID("dash-units"))
					// the ranking sorts by a column when its heading is clicked
					const received = `Array.from(document.querySelectorAll("#dash-units tbody tr")).map(tr => +tr.children[2].textContent)`
					if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#dash-units thead th:nth-child(3)"))); err != nil {
						t.Fatal(err)
					}
					got, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](received))
					if err != nil || len(got) < 2 || !sort.IntsAreSorted(got) {
						t.Fatalf("ranking sorted by 受理: %v %v", got, err)
					}
					// the whole ranking: every unit handling orders of the year, the weakest included
					if want := unitsWithOrders(t, db, year); len(got) != want {
						t.Fatalf("the ranking lists %d units, %d handle orders of %d", len(got), want, year)
					}
					if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#dash-units thead th:nth-child(3)"))); err != nil {
						t.Fatal(err)
					}
					if got, err = chromedp.Run(ctx, chromedp.Evaluate[[]int](received)); err != nil || got[0] < got[len(got)-1] {
						t.Fatalf("ranking sorted by 受理 the other way: %v %v", got, err)
					}
					if err := chromedp.Do(ctx, chromedp.Reload()); err != nil {
						t.Fatal(err)
					}
					textOf(t, ctx, chromedp.ID("dash-units"))
				}
				saveDocImage(t, ctx, "dashboard-"+r.user, 1366, 768, true)
				if r.user == "leader" {
					saveDocImage(t, ctx, "dashboard-leader-phone", 390, 844, false)
				}
			})
		}
	})
}

// unitsWithOrders counts the units currently handling orders received in year.
func unitsWithOrders(t *testing.T, db *store.DB, year int) int {
	t.Helper()
	from := time.Date(year, 1, 1, 0, 0, 0, 0, app.Shanghai)
	units := map[int64]bool{}
	for page := 1; ; page++ {
		list, total, err := (&store.Orders{DB: db}).FindOrders(context.Background(),
			workorder.Filter{From: from, To: from.AddDate(1, 0, 0), Page: app.Page{Page: page, PerPage: 500}})
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range list {
			if o.UnitID != 0 {
				units[o.UnitID] = true
			}
		}
		if page*500 >= total {
			return len(units)
		}
	}
}

// saveDocImage saves the page (full, or the screen only) as docs/img/NAME.png in a
// window of w×h when GOVDESK_DOCS_IMG names the directory.
func saveDocImage(t *testing.T, ctx context.Context, name string, w, h int64, full bool) {
	dir := os.Getenv("GOVDESK_DOCS_IMG")
	if dir == "" {
		return
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(w, h)); err != nil {
		t.Fatal(err)
	}
	shot := chromedp.CaptureScreenshot()
	if full {
		shot = chromedp.FullScreenshot(100)
	}
	png, err := chromedp.Run(ctx, shot)
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// englishAllowed are the Latin words a Chinese page may show: names of products,
// formats and protocols, the demo users' login names (data, typed at login) and the
// demo loader's (demo), and the key Ctrl. Commands in <code>, configuration keys (assets.headcount) and codes with digits
// (C001, ZD001) are not checked; makeup and holiday are the calendar file's keywords.
var englishAllowed = map[string]bool{"govdesk": true, "open311": true, "api": true, "xlsx": true, "csv": true, "docx": true,
	"excel": true, "wps": true, "operator": true, "dispatcher": true, "handler": true, "unit_admin": true, "staff": true,
	"leader": true, "admin": true, "system": true, "makeup": true, "holiday": true, "word": true, "iso": true,
	"pdf": true, "utc": true, "url": true, "token": true, "json": true, "id": true, "gbk": true, "gb18030": true, "utf": true,
	"bom": true, "ctrl": true, "demo": true, "pc": true, "cpu": true, "ip": true, "sla": true, "png": true, "jpg": true, "http": true, "https": true}

var (
	tagRe    = regexp.MustCompile(`(?s)<script.*?</script>|<style.*?</style>|<code>.*?</code>|<[^>]*>`)
	wordRe   = regexp.MustCompile(`[A-Za-z][A-Za-z0-9_]{2,}`)
	keyRe    = regexp.MustCompile(`[a-z_]+(/[a-z_]+)*\.[a-z_.]+`)
	hrefRe   = regexp.MustCompile(`href="([^"#]+)"`)
	errorRe  = regexp.MustCompile(`<p class="error" role="alert">`)
	entityRe = regexp.MustCompile(`&[a-z]+;|&#\d+;`)
	tileRe   = regexp.MustCompile(`<a class="tile num[^"]*" href="([^"]+)"><span class="label">([^<]+)</span><strong>(\d+)</strong>`)
	totalRe  = regexp.MustCompile(`id="orders-total">共 <strong>(\d+)</strong>`)
)

// loginHTTP logs a demo user in over HTTP and returns the client with the session.
func loginHTTP(t *testing.T, base, user string) *http.Client {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	page := fetchRaw(t, c, base+"/login")
	m := regexp.MustCompile(`name="csrf_token" value="([^"]+)"`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("login form has no csrf token")
	}
	res, err := c.PostForm(base+"/login", url.Values{"csrf_token": {m[1]}, "username": {user}, "password": {"demo"}, "next": {"/"}})
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("login %s: %s", user, res.Status)
	}
	return c
}

func fetchRaw(t *testing.T, c *http.Client, u string) string {
	t.Helper()
	res, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK {
		t.Errorf("GET %s: %s", u, res.Status)
	}
	return string(b)
}

// fetchPage gets a page and checks it is no error page and shows no stray English.
func fetchPage(t *testing.T, c *http.Client, base, path string) string {
	t.Helper()
	page := fetchRaw(t, c, base+path)
	checkPage(t, path, page)
	return page
}

// TestBrowser_NavGroups: the bar's groups open on a click and lead to their pages;
// a tap elsewhere closes them.
func TestBrowser_NavGroups(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		base := startServer(t, db)
		ctx := newBrowser(t)
		if err := login(ctx, base, "leader", "demo"); err != nil {
			t.Fatal(err)
		}
		textOf(t, ctx, chromedp.ID("welcome"))
		heads, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("nav.main .navhead")).map(b => b.textContent.trim())`))
		if err != nil || len(heads) < 3 {
			t.Fatalf("group headings %v %v", heads, err)
		}
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.Search(`//button[contains(., "系统管理")]`)),
			chromedp.WaitVisible(chromedp.CSS(`nav.main .navgroup.open .menu a[href="/admin/units"]`)),
			chromedp.Click(chromedp.CSS(`nav.main .navgroup.open .menu a[href="/admin/units"]`)),
			chromedp.WaitVisible(chromedp.ID("units"))); err != nil {
			t.Fatal(err)
		}
		if u := location(t, ctx); !strings.HasSuffix(u, "/admin/units") {
			t.Fatalf("the menu led to %s", u)
		}
		// the current page's group is marked in the bar
		if n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("nav.main .navgroup.active").length`)); err != nil || n != 1 {
			t.Fatalf("%d active groups, %v", n, err)
		}
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.Search(`//button[contains(., "热线工单")]`)),
			chromedp.WaitVisible(chromedp.CSS(`nav.main .navgroup.open .menu`)), chromedp.Click(chromedp.CSS("main h1"))); err != nil {
			t.Fatal(err)
		}
		if n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("nav.main .navgroup.open").length`)); err != nil || n != 0 {
			t.Fatalf("%d groups left open after a click elsewhere, %v", n, err)
		}
	})
}
