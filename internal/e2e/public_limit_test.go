package e2e

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

// TestPublic_PolicyStatusIsRateLimited: the public policy-status look-up counts
// through the public look-up limiter (30 per address in 10 minutes), so application
// numbers and applicant names cannot be guessed at speed.
func TestPublic_PolicyStatusIsRateLimited(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		base := startServer(t, db)
		get := func(q string) (int, string) {
			res, err := http.Get(base + "/public/policy-status" + q)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			b, _ := io.ReadAll(res.Body)
			return res.StatusCode, string(b)
		}
		q := "?no=ZS-001&applicant=" + url.QueryEscape("甲科技公司")
		for i := 0; i < 30; i++ {
			if code, page := get(q); code != http.StatusOK || strings.Contains(page, "查询过于频繁") {
				t.Fatalf("look-up %d: %d", i+1, code)
			}
		}
		if code, page := get("?no=ZS-002&applicant=" + url.QueryEscape("乙公司")); code != http.StatusTooManyRequests || !strings.Contains(page, "查询过于频繁") {
			t.Fatalf("look-up 31: %d", code)
		}
		if code, _ := get(""); code != http.StatusOK {
			t.Fatalf("the empty form is not a look-up: %d", code)
		}
	})
}
