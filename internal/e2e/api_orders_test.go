package e2e

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"govdesk/internal/account"
	"govdesk/internal/app"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

// tokens issues an API token for each user name.
func tokens(t *testing.T, db *store.DB, names ...string) map[string]string {
	return tokensTB(t, db, names...)
}

func tokensTB(t testing.TB, db *store.DB, names ...string) map[string]string {
	t.Helper()
	acc := account.NewService(&store.Accounts{DB: db}, app.SystemClock{})
	out := map[string]string{}
	for _, n := range names {
		tok, err := acc.CreateToken(context.Background(), n, "test")
		if err != nil {
			t.Fatal(err)
		}
		out[n] = tok
	}
	return out
}

func TestAPI_OrderLifecycle(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		base := startServer(t, db)
		ctx := app.WithActor(context.Background(), app.System)
		acc := account.NewService(&store.Accounts{DB: db}, app.SystemClock{})
		if _, err := acc.CreateUnit(ctx, account.Unit{Code: "U002", Name: "市水务局"}); err != nil {
			t.Fatal(err)
		}
		if _, err := acc.AddUser(ctx, account.NewUser{Username: "h2", Password: "demo", Role: app.RoleHandler, UnitCode: "U002"}); err != nil {
			t.Fatal(err)
		}
		tok := tokens(t, db, "operator", "dispatcher", "handler", "leader", "h2")
		c := http.DefaultClient
		do := func(user, method, path, body string) apiResp {
			t.Helper()
			return call(t, c, method, base+path, tok[user], body, nil)
		}

		r := do("operator", "POST", "/api/v1/orders", `{"type":"投诉","urgent":false,"title":"噪音扰民","content":"夜间施工噪音","citizen_name":"李四","citizen_phone":"13900139000","town":"乐城街道","village":"上坑社区","address":"东门路1号","category":"环境保护/噪声污染","source":"12345热线"}`)
		if r.Status != 201 || r.Body["status"] != "received" || r.Body["version"].(float64) != 1 || len(r.Body["no"].(string)) != 14 {
			t.Fatalf("create: %+v", r)
		}
		id := fmt.Sprint(r.Body["id"])
		if bad := do("operator", "POST", "/api/v1/orders", `{"type":"吐槽","content":""}`); bad.Status != 400 || errCode(bad) != "invalid" {
			t.Errorf("bad create: %+v", bad)
		}
		if r := do("leader", "GET", "/api/v1/orders/"+id, ""); r.Body["citizen_phone"] != "139****9000" {
			t.Errorf("leader sees phone %v", r.Body["citizen_phone"])
		}

		steps := []struct {
			user, cmd, body string
			status          string
		}{
			{"dispatcher", "dispatch", `{"unit_code":"U001","co_units":[],"version":1}`, "dispatched"},
			{"handler", "accept", `{"version":2}`, "accepted"},
			{"handler", "extension", `{"days":2,"reason":"需现场核实"}`, "accepted"},
			{"dispatcher", "extension/decide", `{"approve":true,"note":"同意"}`, "accepted"},
			{"handler", "reply", `{"text":"已责令停工整改"}`, "replied"},
			{"dispatcher", "review", `{"approve":true}`, "callback"},
			{"operator", "callback", `{"result":"满意","resolved":true,"note":"群众满意"}`, "closed"},
		}
		for _, s := range steps {
			r := do(s.user, "POST", "/api/v1/orders/"+id+"/"+s.cmd, s.body)
			if r.Status != 200 || r.Body["status"] != s.status {
				t.Fatalf("%s by %s: %+v", s.cmd, s.user, r)
			}
		}
		ev := do("leader", "GET", "/api/v1/orders/"+id+"/events", "")
		events, _ := ev.Body["events"].([]any)
		if len(events) != 8 {
			t.Fatalf("events: %+v", ev)
		}
		first := events[1].(map[string]any)
		for _, k := range []string{"action", "at", "actor", "from", "to", "note"} {
			if _, ok := first[k]; !ok {
				t.Errorf("event lacks %q: %v", k, first)
			}
		}
		if first["action"] != "dispatch" || first["from"] != "received" || first["to"] != "dispatched" || first["actor"] != "dispatcher" {
			t.Errorf("dispatch event %v", first)
		}

		// errors: illegal transition, stale version, another unit, unknown order, bad filter.
		r = do("operator", "POST", "/api/v1/orders", `{"type":"求助","content":"水管爆裂","citizen_phone":"0751-5572223"}`)
		id2 := fmt.Sprint(r.Body["id"])
		if r := do("handler", "POST", "/api/v1/orders/"+id+"/reply", `{"text":"x"}`); r.Status != 409 || errCode(r) != "illegal_transition" {
			t.Errorf("reply to a closed order: %+v", r)
		}
		do("dispatcher", "POST", "/api/v1/orders/"+id2+"/dispatch", `{"unit_code":"U001"}`)
		if r := do("handler", "POST", "/api/v1/orders/"+id2+"/accept", `{"version":1}`); r.Status != 409 || errCode(r) != "conflict" {
			t.Errorf("stale version: %+v", r)
		}
		if r := do("h2", "GET", "/api/v1/orders/"+id2, ""); r.Status != 404 || errCode(r) != "not_found" {
			t.Errorf("another unit's order: %+v", r)
		}
		if r := do("h2", "POST", "/api/v1/orders/"+id2+"/accept", `{}`); r.Status != 404 {
			t.Errorf("another unit accepts: %+v", r)
		}
		// Another unit's order answers as a missing one, whatever the version says:
		// a stale version must not reveal that the order exists.
		missing := do("h2", "POST", "/api/v1/orders/999999/accept", `{"version":1}`)
		for _, body := range []string{`{"version":1}`, `{"version":2}`, `{"version":77}`} {
			r := do("h2", "POST", "/api/v1/orders/"+id2+"/accept", body)
			if r.Status != 404 || errCode(r) != errCode(missing) || fmt.Sprint(r.Body) != fmt.Sprint(missing.Body) {
				t.Errorf("another unit's order with %s: %d %v, a missing one %d %v", body, r.Status, r.Body, missing.Status, missing.Body)
			}
		}
		if r := do("operator", "GET", "/api/v1/orders/999999", ""); r.Status != 404 || errCode(r) != "not_found" {
			t.Errorf("unknown order: %+v", r)
		}
		if r := do("operator", "GET", "/api/v1/orders?status=flying", ""); r.Status != 400 || errCode(r) != "invalid" {
			t.Errorf("bad status filter: %+v", r)
		}
		list := do("leader", "GET", "/api/v1/orders?type=投诉&status=closed&page=1&per_page=10", "")
		if list.Status != 200 || list.Body["total"].(float64) != 1 || list.Body["page"].(float64) != 1 {
			t.Errorf("list: %+v", list)
		}
		if l := do("h2", "GET", "/api/v1/orders", ""); l.Body["total"].(float64) != 0 {
			t.Errorf("another unit lists %v orders", l.Body["total"])
		}
		n := do("handler", "GET", "/api/v1/notices/unread", "")
		if n.Status != 200 || n.Body["unread"].(float64) < 2 {
			t.Errorf("handler's unread notices: %+v", n)
		}
		if r := do("handler", "POST", "/api/v1/notices/read", `{}`); r.Body["unread"].(float64) != 0 {
			t.Errorf("after reading all: %+v", r)
		}
		today := time.Now().In(app.Shanghai).Format("2006-01-02")
		st := do("leader", "GET", "/api/v1/stats/hotline?from="+today+"&to="+today, "")
		byType, _ := st.Body["by_type"].(map[string]any)
		if st.Status != 200 || st.Body["received"].(float64) != 2 || st.Body["closed"].(float64) != 1 || st.Body["closure_rate"].(float64) != 50 || len(byType) != 7 {
			t.Errorf("stats: %+v", st)
		}
		if _, ok := st.Body["previous"].(map[string]any); !ok || st.Body["growth"].(map[string]any)["received"] != nil {
			t.Errorf("stats previous/growth: %+v", st.Body)
		}
		drill := do("leader", "GET", "/api/v1/stats/hotline/orders?from="+today+"&to="+today+"&figure=closure_rate.numerator", "")
		if drill.Status != 200 || drill.Body["total"].(float64) != 1 {
			t.Errorf("drill-down: %+v", drill)
		}
		if r := do("leader", "GET", "/api/v1/stats/hotline?from="+today, ""); r.Status != 400 || errCode(r) != "invalid" {
			t.Errorf("stats without to: %+v", r)
		}
		if r := do("handler", "GET", "/api/v1/stats/hotline?from="+today+"&to="+today, ""); r.Body["received"].(float64) != 2 {
			t.Errorf("handler's unit stats: %+v", r)
		}
		if !strings.HasPrefix(fmt.Sprint(list.Body["items"].([]any)[0].(map[string]any)["deadline_at"]), "20") {
			t.Errorf("deadline_at not a time: %v", list.Body["items"])
		}
	})
}
