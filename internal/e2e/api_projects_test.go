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
			Name: "技改补助", Department: "工信局", Amount: "按投资额 5% 补助，最高 10 万元", Materials: []string{"营业执照", "申请表"}}}); err != nil {
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
		if r := do("POST", "/api/v1/projects/XM-1/pass", `{"version":7}`); r.Status != 409 {
			t.Errorf("stale project version: %d %v", r.Status, r.Body)
		}
		if r := do("POST", "/api/v1/projects/XM-1/pass", `{"version":1}`); r.Status != 200 || r.Body["version"] != 2.0 ||
			r.Body["note"] != "“立项用地规划许可”阶段办结，转入“工程建设许可”阶段" || r.Body["done"] != false {
			t.Fatalf("pass: %d %v", r.Status, r.Body)
		}
		r := do("GET", "/api/v1/projects/XM-1", "")
		stages, _ := r.Body["stages"].([]any)
		if r.Status != 200 || len(stages) != 4 || stages[0].(map[string]any)["status"] != "done" ||
			stages[1].(map[string]any)["status"] != "normal" || len(r.Body["ledger"].([]any)) != 1 {
			t.Fatalf("project: %d %v", r.Status, r.Body)
		}
		for body, want := range map[string]string{
			`{"no":"A0","policy_code":"ZC99","applicant":"甲"}`:                                            "政策编码“ZC99”不存在",
			`{"no":"A0","policy_code":"ZC01","applicant":"甲","materials":["申请表"]}`:                        "缺少必需材料：营业执照",
			`{"no":"A0","policy_code":"ZC01","applicant":"甲","materials":["营业执照","申请表"],"amount":-1}`:     "申请金额不能为负数",
			`{"no":"A0","policy_code":"ZC01","applicant":"甲","materials":["营业执照","申请表"],"amount":400282}`: "申请金额 400282.00 元超过政策“技改补助”的扶持上限 100000.00 元",
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
		if r := do("POST", "/api/v1/policy-applications/A1/decide", `{"approve":true,"amount":6000}`); r.Status != 400 {
			t.Errorf("approved more than applied: %d %v", r.Status, r.Body)
		}
		if r := do("POST", "/api/v1/policy-applications/A1/decide", `{"approve":true,"amount":4000.5,"version":1}`); r.Status != 200 ||
			r.Body["approved"] != 4000.5 || r.Body["version"] != 2.0 || r.Body["status"] != "approved" {
			t.Fatalf("decide: %d %v", r.Status, r.Body)
		}
		for _, c := range []struct {
			body   string
			status int
			code   string
			msg    string
		}{
			{`{"amount":5000000}`, 400, "invalid", "兑付金额 5000000.00 元超过核定金额 4000.50 元"},
			{`{"amount":0}`, 400, "invalid", "兑付金额须大于 0"},
			{`{"amount":4000.5,"version":1}`, 409, "conflict", "已被他人修改，请刷新后重试"},
		} {
			r := do("POST", "/api/v1/policy-applications/A1/pay", c.body)
			e, _ := r.Body["error"].(map[string]any)
			if r.Status != c.status || e["code"] != c.code || !strings.Contains(e["message"].(string), c.msg) {
				t.Errorf("pay %s: %d %v", c.body, r.Status, r.Body)
			}
		}
		if r := do("POST", "/api/v1/policy-applications/A1/pay", `{"amount":4000.5,"version":2}`); r.Status != 200 || r.Body["paid"] != 4000.5 {
			t.Fatalf("pay: %d %v", r.Status, r.Body)
		}
		if r := do("POST", "/api/v1/policy-applications/A1/pay", `{"amount":4000.5}`); r.Status != 409 ||
			r.Body["error"].(map[string]any)["code"] != "illegal_transition" {
			t.Errorf("paid twice: %d %v", r.Status, r.Body)
		}
		r = do("GET", "/api/v1/stats/policies?from=2000-01-01&to=2099-12-31", "")
		if r.Status != 200 || r.Body["approved"] != 1.0 || r.Body["amount_paid"] != 4000.5 || r.Body["policies"] != 1.0 {
			t.Errorf("stats: %d %v", r.Status, r.Body)
		}
		if r := do("GET", "/api/v1/stats/projects?from=2000-01-01&to=2099-12-31", ""); r.Status != 200 || r.Body["stages_finished"] != 1.0 {
			t.Errorf("project stats: %d %v", r.Status, r.Body)
		}
	})
}
