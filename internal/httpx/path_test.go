package httpx

import (
	"net/http/httptest"
	"testing"

	"govdesk/internal/app"
)

func TestPathID(t *testing.T) {
	for v, ok := range map[string]bool{"12": true, "0": false, "-3": false, "abc": false, "9223372036854775808": false, "": false} {
		r := httptest.NewRequest("GET", "/x", nil)
		r.SetPathValue("id", v)
		id, err := PathID(r, "id", "工单")
		if ok != (err == nil) || (ok && id != 12) {
			t.Errorf("%q: %d %v", v, id, err)
		}
		if !ok && (app.ErrorCode(err) != app.ENotFound || app.ErrorMessage(err) != "工单不存在") {
			t.Errorf("%q: %v, want not_found 工单不存在", v, err)
		}
	}
}
