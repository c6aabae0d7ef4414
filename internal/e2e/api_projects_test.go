package e2e

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"govdesk/internal/project"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

func TestAPI_ProjectsAndPolicies(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		base := startServer(t, db)
		if _, _, err := store.NewProjectStore(db).UpsertPolicies(context.Background(), []project.Policy{{Code: "ZC01",
			Name: "技改补助", Department: "工信局", Materials: []string{"营业执照", "申请表"}}}); err != nil {
			t.Fatal(err)
		}
		tok := tokens(t, db, "staff", "handler")
		c := &http.Client{}
		do := func(method, path, body string) apiResp { return call(t, c, method, base+path, tok["staff"], body, nil) }
		if r := do("POST", "/api/v1/projects", `{"code":"XM-1","name":"标准厂房","enterprise":"甲公司","agent":"staff"}`); r.Status != 201 {
			t.Fatalf("create: %d %v", r.Status, r.Body)
		}
		if r := call(t, c, "POST", base+"/api/v1/projects/XM-1/pass", tok["handler"], "", nil); r.Status != 403 {
			t.Errorf("handler passes a stage: %d", r.Status)
		}
		if r := do("POST", "/api/v1/projects/XM-1/pass", ""); r.Status != 200 {
			t.Fatalf("pass: %d %v", r.Status, r.Body)
		}
		r := do("GET", "/api/v1/projects/XM-1", "")
		stages, _ := r.Body["stages"].([]any)
		if r.Status != 200 || len(stages) != 4 || stages[0].(map[string]any)["status"] != "done" ||
			stages[1].(map[string]any)["status"] != "normal" || len(r.Body["ledger"].([]any)) != 1 {
			t.Fatalf("project: %d %v", r.Status, r.Body)
		}
		for body, want := range map[string]string{
			`{"no":"A0","policy_code":"ZC99","applicant":"甲"}`:                                        "政策编码“ZC99”不存在",
			`{"no":"A0","policy_code":"ZC01","applicant":"甲","materials":["申请表"]}`:                    "缺少必需材料：营业执照",
			`{"no":"A0","policy_code":"ZC01","applicant":"甲","materials":["营业执照","申请表"],"amount":-1}`: "申请金额不能为负数",
		} {
			r := do("POST", "/api/v1/policy-applications", body)
			msg, _ := r.Body["error"].(map[string]any)["message"].(string)
			if r.Status != 400 || !strings.Contains(msg, want) {
				t.Errorf("%s: %d %v", body, r.Status, r.Body)
			}
		}
		if r := do("POST", "/api/v1/policy-applications", `{"no":"A1","policy_code":"ZC01","applicant":"甲","materials":["营业执照","申请表"],"amount":5000}`); r.Status != 201 {
			t.Fatalf("submit: %d %v", r.Status, r.Body)
		}
		if r := do("POST", "/api/v1/policy-applications/A1/decide", `{"approve":true}`); r.Status != 200 {
			t.Fatalf("decide: %d %v", r.Status, r.Body)
		}
		if r := do("POST", "/api/v1/policy-applications/A1/pay", `{"amount":5000.5}`); r.Status != 200 {
			t.Fatalf("pay: %d %v", r.Status, r.Body)
		}
		r = do("GET", "/api/v1/stats/policies?from=2000-01-01&to=2099-12-31", "")
		if r.Status != 200 || r.Body["approved"] != 1.0 || r.Body["amount_paid"] != 5000.5 || r.Body["policies"] != 1.0 {
			t.Errorf("stats: %d %v", r.Status, r.Body)
		}
		if r := do("GET", "/api/v1/stats/projects?from=2000-01-01&to=2099-12-31", ""); r.Status != 200 || r.Body["stages_finished"] != 1.0 {
			t.Errorf("project stats: %d %v", r.Status, r.Body)
		}
	})
}
