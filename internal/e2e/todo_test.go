package e2e

import (
	"fmt"
	"html"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

// TestTodoCounts_MatchTheirLists: on the demo, the handler's home counts as many
// overdue and warned orders as the lists its tiles open and as the inbox shows,
// also once the unit has replied late to an order (which stays 超期 in the
// statistics but is no longer the unit's to do).
func TestTodoCounts_MatchTheirLists(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		base := startDemo(t, db)
		tok := tokens(t, db, "handler")["handler"]
		api := &http.Client{}
		r := call(t, api, "GET", base+"/api/v1/orders?status=accepted&overdue=1", tok, "", nil)
		items, _ := r.Body["items"].([]any)
		if r.Status != 200 || len(items) < 2 {
			t.Fatalf("the demo handler has too few overdue orders to test with: %d %v", r.Status, r.Body)
		}
		late := items[0].(map[string]any)
		if r := call(t, api, "POST", fmt.Sprintf("%s/api/v1/orders/%v/reply", base, late["id"]), tok,
			fmt.Sprintf(`{"text":"已现场核实处理。","version":%v}`, late["version"]), nil); r.Status != 200 {
			t.Fatalf("late reply: %d %v", r.Status, r.Body)
		}

		c := loginHTTP(t, base, "handler")
		home := fetchPage(t, c, base, "/")
		inbox := fetchPage(t, c, base, "/orders/inbox")
		if strings.Contains(inbox, `rel="next"`) || strings.Contains(inbox, "查看全部") {
			t.Fatal("the inbox does not show the whole to-do on one page, so its rows cannot be counted")
		}
		for _, c2 := range []struct{ label, tone, summaryID string }{
			{"已超期", "overdue", "queue-overdue"}, {"即将超期（预警）", "warning", "queue-warning"},
		} {
			m := regexp.MustCompile(`<a class="tile num[^"]*" href="([^"]+)"><span class="label">` + regexp.QuoteMeta(c2.label) + `</span><strong>(\d+)</strong>`).FindStringSubmatch(home)
			if m == nil {
				t.Fatalf("home has no %s tile", c2.label)
			}
			n, _ := strconv.Atoi(m[2])
			list := fetchPage(t, c, base, html.UnescapeString(m[1]))
			total := regexp.MustCompile(`id="orders-total">共 <strong>(\d+)</strong>`).FindStringSubmatch(list)
			if total == nil || total[1] != m[2] {
				t.Errorf("%s: home counts %d, the list it opens has %v", c2.label, n, total)
			}
			if s := regexp.MustCompile(`id="` + c2.summaryID + `" href="[^"]+">[^<]*?(\d+) 件`).FindStringSubmatch(inbox); n > 0 && (s == nil || s[1] != m[2]) {
				t.Errorf("%s: home counts %d, the inbox summary says %v", c2.label, n, s)
			}
			rowsOfTone := strings.Count(inbox, `class="tag tag-`+c2.tone+`"`)
			if rowsOfTone != n {
				t.Errorf("%s: home counts %d, the inbox shows %d such rows", c2.label, n, rowsOfTone)
			}
		}
	})
}
