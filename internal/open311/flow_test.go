package open311_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
	"govdesk/internal/workorder"
)

// closeOrder runs the order through the normal workflow: dispatch, accept, reply,
// approve and callback.
func closeOrder(t *testing.T, c *storetest.Centre, id int64, reply string) {
	t.Helper()
	o, err := c.Orders.Get(c.Dispatcher, id)
	if err != nil {
		t.Fatal(err)
	}
	step := func(o workorder.Order, err error) workorder.Order {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return o
	}
	o = step(c.Orders.Dispatch(c.Dispatcher, o.ID, o.Version, workorder.DispatchInput{UnitCode: "U001"}))
	o = step(c.Orders.Accept(c.Handler1, o.ID, o.Version))
	o = step(c.Orders.Reply(c.Handler1, o.ID, o.Version, reply))
	o = step(c.Orders.Review(c.Dispatcher, o.ID, o.Version, true, ""))
	if o.Status != workorder.Closed {
		resolved := true
		step(c.Orders.Callback(c.Operator, o.ID, o.Version, workorder.Satisfied, &resolved, "市民满意"))
	}
}

type requestJSON struct {
	ID, Status, StatusNotes, Agency, Expected, Updated string
}

func parseRequests(t *testing.T, body []byte) []requestJSON {
	t.Helper()
	var raw []map[string]any
	if err := json.Unmarshal(body, &raw); err != nil {
		t.Fatalf("%v: %s", err, body)
	}
	out := make([]requestJSON, len(raw))
	for i, r := range raw {
		s := func(k string) string { v, _ := r[k].(string); return v }
		out[i] = requestJSON{s("service_request_id"), s("status"), s("status_notes"), s("agency_responsible"),
			s("expected_datetime"), s("updated_datetime")}
	}
	return out
}

func TestOpen311_RequestLifecycle(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		no := f.post(t, ".json", f.form(f.lamp))
		noXML := f.post(t, ".xml", f.form(f.noise))
		if no == "" || noXML == "" || no == noXML {
			t.Fatalf("ids %q %q", no, noXML)
		}
		// the request waits in the dispatcher's pool as a 政务服务网 order
		pool, _, err := f.Orders.List(f.Dispatcher, workorder.Filter{Statuses: []workorder.Status{workorder.Received}})
		if err != nil || len(pool) != 2 {
			t.Fatalf("pool = %d %v", len(pool), err)
		}
		var id int64
		for _, o := range pool {
			if o.Source != "政务服务网" || o.Type != "投诉" {
				t.Fatalf("order %+v", o)
			}
			if o.No == no {
				id = o.ID
				if o.CitizenName != "张三" || o.Category != "城乡建设/市政设施/路灯" || o.Address != "东门社区 3 号楼" {
					t.Fatalf("order fields %+v", o)
				}
			}
		}
		code, body, _ := f.do(t, "GET", "/open311/v2/requests/"+no+".json", nil)
		if code != 200 {
			t.Fatalf("GET one = %d %s", code, body)
		}
		validate(t, "requests.json", body)
		for _, secret := range []string{"13800138000", "张三", "zs@example.com", "138****8000"} {
			if strings.Contains(string(body), secret) {
				t.Fatalf("personal data %q in %s", secret, body)
			}
		}
		if r := parseRequests(t, body)[0]; r.Status != "open" || r.StatusNotes != "待派发" || r.Agency != "" {
			t.Fatalf("open request %+v", r)
		}
		_, body, _ = f.do(t, "GET", "/open311/v2/requests/"+no+".xml", nil)
		sameXMLShape(t, "12_xml-service-request.xml", body)
		if !strings.Contains(string(body), "<lat>29.5</lat>") || !strings.Contains(string(body), "<media_url>https://example.com/p/1.jpg</media_url>") {
			t.Fatalf("xml request: %s", body)
		}

		f.Clock.T = f.Clock.T.Add(time.Hour)
		closeOrder(t, f.Centre, id, "已更换灯泡，路灯恢复照明。")
		_, body, _ = f.do(t, "GET", "/open311/v2/requests/"+no+".json", nil)
		validate(t, "requests.json", body)
		r := parseRequests(t, body)[0]
		if r.Status != "closed" || r.StatusNotes != "已更换灯泡，路灯恢复照明。" || r.Agency != "市住建局" || r.Expected == "" {
			t.Fatalf("closed request %+v", r)
		}

		// lists: default window, status, service_code, ids
		list := func(q string) []requestJSON {
			t.Helper()
			code, body, _ := f.do(t, "GET", "/open311/v2/requests.json?"+q, nil)
			if code != 200 {
				t.Fatalf("%s = %d %s", q, code, body)
			}
			validate(t, "requests.json", body)
			_, xb, _ := f.do(t, "GET", "/open311/v2/requests.xml?"+q, nil)
			if strings.Contains(string(xb), "<request>") {
				sameXMLShape(t, "10_xml-service-requests.xml", xb)
			}
			return parseRequests(t, body)
		}
		if got := list(""); len(got) != 2 {
			t.Fatalf("default list %+v", got)
		}
		if got := list("status=closed"); len(got) != 1 || got[0].ID != no {
			t.Fatalf("closed list %+v", got)
		}
		if got := list("status=open"); len(got) != 1 || got[0].ID != noXML {
			t.Fatalf("open list %+v", got)
		}
		if got := list("service_code=" + f.noise); len(got) != 1 || got[0].ID != noXML {
			t.Fatalf("service list %+v", got)
		}
		if got := list("service_request_id=" + no + ",%20" + noXML + ",nope"); len(got) != 2 {
			t.Fatalf("ids list %+v", got)
		}
		if got := list("start_date=2026-01-01T00:00:00Z&end_date=2026-02-01T00:00:00Z"); len(got) != 0 {
			t.Fatalf("old window %+v", got)
		}
		if got := list("start_date=2026-11-26T00:00:00%2B08:00"); len(got) != 2 {
			t.Fatalf("from start %+v", got)
		}
		f.Clock.T = f.Clock.T.Add(91 * 24 * time.Hour)
		if got := list(""); len(got) != 0 {
			t.Fatalf("default window after 91 days %+v", got)
		}

		// a hotline order is not published
		hot, _, err := f.Orders.Create(f.Operator, workorder.NewOrder{Type: "投诉", Content: "热线诉求", CitizenPhone: "13900139000"})
		if err != nil {
			t.Fatal(err)
		}
		if code, _, _ := f.do(t, "GET", "/open311/v2/requests/"+hot.No+".json", nil); code != 404 {
			t.Fatalf("hotline order = %d", code)
		}
	})
}

func TestOpen311_Tokens(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		no := f.post(t, ".json", f.form(f.lamp))
		var token string
		if err := db.QueryRow(`SELECT token FROM open311_requests`).Scan(&token); err != nil {
			t.Fatal(err)
		}
		code, body, _ := f.do(t, "GET", "/open311/v2/tokens/"+token+".json", nil)
		if code != 200 || !strings.Contains(string(body), no) {
			t.Fatalf("token = %d %s", code, body)
		}
		sameJSONKeys(t, "09_json-request-from-token.json", body)
		_, body, _ = f.do(t, "GET", "/open311/v2/tokens/"+token, nil)
		sameXMLShape(t, "08_xml-request-from-token.xml", body)
	})
}
