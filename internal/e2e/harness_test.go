package e2e

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"govdesk/internal/cli"
	"govdesk/internal/config"
	"govdesk/internal/store"
)

// startServer serves govdesk over db with the demo users loaded and returns its base URL.
func startServer(t *testing.T, db *store.DB) string { return startServerTB(t, db) }

// startServerTB is startServer for tests and benchmarks.
func startServerTB(t testing.TB, db *store.DB) string {
	t.Helper()
	srv := httptest.NewServer(demoHandler(t, db))
	t.Cleanup(srv.Close)
	return srv.URL
}

// demoHandler is govdesk's whole handler, as serve builds it, over db with the demo's
// units and users loaded.
func demoHandler(t testing.TB, db *store.DB) http.Handler {
	t.Helper()
	c := config.Default()
	if err := cli.LoadDemo(context.Background(), db, c); err != nil {
		t.Fatalf("load demo: %v", err)
	}
	h, err := cli.NewHandler(db, c)
	if err != nil {
		t.Fatalf("handler: %v", err)
	}
	return h
}

// chromiumPath finds Debian's chromium.
func chromiumPath() string {
	for _, p := range []string{"/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	return ""
}

// newBrowser starts a headless Chromium with a fresh profile and returns a tab context.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	path := chromiumPath()
	if path == "" {
		if os.Getenv("GOVDESK_TEST_BROWSER_REQUIRED") == "1" {
			t.Fatal("chromium not found but GOVDESK_TEST_BROWSER_REQUIRED=1")
		}
		t.Skip("chromium not installed (apt-get install chromium)")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.WindowSize(1366, 768),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	ctx, cancelT := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(func() { cancelT(); cancelC(); cancelA() })
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// screenshot saves a full-page PNG under GOVDESK_TEST_SCREENSHOTS when that is set.
func screenshot(t *testing.T, ctx context.Context, name string) {
	dir := os.Getenv("GOVDESK_TEST_SCREENSHOTS")
	if dir == "" {
		return
	}
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Logf("screenshot %s: %v", name, err)
		return
	}
	os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644)
}
