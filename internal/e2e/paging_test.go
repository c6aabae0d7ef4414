package e2e

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

// TestPaging_HostilePageNumbers: every paged list, page and API, answers a page
// number far beyond the list, a negative one and text without a 500 (the parser
// app.ParsePage clamps; a negative OFFSET never reaches PostgreSQL): the pages show
// a list, the API a 200 for a number it can clamp and a 400 for one that is none.
func TestPaging_HostilePageNumbers(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		base := startDemo(t, db)
		tok := tokens(t, db, "admin", "handler", "leader")
		webLists := []string{"/orders", "/orders?status=open", "/notices", "/kb/articles", "/catalog", "/cases", "/evaluations"}
		apiLists := []string{"/api/v1/orders", "/api/v1/notices", "/api/v1/stats/hotline/orders?from=2020-01-01&to=2030-12-31&figure=received"}
		pages := map[string]bool{"9223372036854775807": true, "-9223372036854775808": false, "-1": false, "0": false, "abc": false, "1e9": false}
		with := func(u, page string) string {
			sep := "?"
			if strings.Contains(u, "?") {
				sep = "&"
			}
			return u + sep + "page=" + url.QueryEscape(page)
		}
		admin := loginHTTP(t, base, "admin")
		for _, l := range webLists {
			for p := range pages {
				if r := getRaw(t, admin, base+with(l, p), ""); r.status != http.StatusOK {
					t.Errorf("GET %s: %d", with(l, p), r.status)
				}
			}
		}
		c := &http.Client{}
		for _, l := range apiLists {
			for _, who := range []string{"admin", "handler", "leader"} {
				for p, clamps := range pages {
					r := getRaw(t, c, base+with(l, p), tok[who])
					want := http.StatusBadRequest
					if clamps {
						want = http.StatusOK
					}
					if r.status != want {
						t.Errorf("GET %s as %s: %d, want %d: %.200s", with(l, p), who, r.status, want, r.body)
					}
				}
				if r := getRaw(t, c, base+with(l, "1")+"&per_page=9223372036854775807", tok[who]); r.status != http.StatusOK {
					t.Errorf("GET %s with a huge per_page as %s: %d", l, who, r.status)
				}
			}
		}
	})
}
