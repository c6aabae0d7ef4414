package e2e

import (
	"net/http"
	"testing"

	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

// The year's self-evaluation over the API: scores, findings with their Chinese type, sources.
func TestAPI_SelfEvaluation(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		base := startServer(t, db)
		seedSelfeval(t, db)
		tok := tokens(t, db, "leader", "handler")
		c := http.DefaultClient
		r := call(t, c, "GET", base+"/api/v1/selfeval/2022", tok["leader"], "", nil)
		if r.Status != 200 {
			t.Fatalf("get: %+v", r)
		}
		if r.Body["total"] == "" || r.Body["grade"] != "差" || r.Body["open"] != float64(1) {
			t.Fatalf("summary: total %v grade %v open %v", r.Body["total"], r.Body["grade"], r.Body["open"])
		}
		fs := r.Body["findings"].([]any)
		f := fs[0].(map[string]any)
		if f["code"] != "target_claim_false" || f["name"] != "完成情况与实际不符" || f["stated"] != true || f["expected"] != false || f["accepted"] != nil {
			t.Fatalf("finding %v", f)
		}
		inds := r.Body["indicators"].([]any)
		if len(inds) != 32 {
			t.Fatalf("%d indicators", len(inds))
		}
		tg := r.Body["targets"].([]any)[0].(map[string]any)
		if src := tg["source"].(map[string]any); src["manual"] != true || src["module"] != "手工填报" || tg["met"] != false {
			t.Fatalf("target %v", tg)
		}
		if r := call(t, c, "GET", base+"/api/v1/selfeval/2022", tok["handler"], "", nil); r.Status != 403 || errCode(r) != "forbidden" {
			t.Fatalf("handler: %+v", r)
		}
		if r := call(t, c, "GET", base+"/api/v1/selfeval/20x2", tok["leader"], "", nil); r.Status != 400 || errCode(r) != "invalid" {
			t.Fatalf("bad year: %+v", r)
		}
	})
}
