package open311_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"govdesk/internal/georeport"
	"govdesk/internal/open311"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

type fixture struct {
	*storetest.Centre
	mux    *http.ServeMux
	h      *open311.Handler
	key    string
	lamp   string // service code of 城乡建设/市政设施/路灯
	noise  string
	parent string // a non-leaf category's id
}

func newFixture(t *testing.T, db *store.DB) *fixture {
	t.Helper()
	ctx := context.Background()
	c := storetest.NewCentre(t, db, storetest.At("2026-11-26T10:00:00+08:00"))
	acc := &store.Accounts{DB: db}
	lamp, _, err := acc.EnsureCategory(ctx, "城乡建设/市政设施/路灯")
	if err != nil {
		t.Fatal(err)
	}
	noise, _, _ := acc.EnsureCategory(ctx, "环境保护/噪音")
	parent, _, _ := acc.EnsureCategory(ctx, "城乡建设")
	st := &store.Open311{DB: db}
	h, err := open311.New(c.Orders, st, c.Clock)
	if err != nil {
		t.Fatal(err)
	}
	key, err := (&georeport.Keys{Store: st, Clock: c.Clock}).Create(ctx, "随手拍")
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	h.Routes(mux)
	return &fixture{Centre: c, mux: mux, h: h, key: key, lamp: itoa(lamp), noise: itoa(noise), parent: itoa(parent)}
}

func itoa(id int64) string { return jsonNum(id) }

func jsonNum(id int64) string { b, _ := json.Marshal(id); return string(b) }

func (f *fixture) do(t *testing.T, method, path string, form url.Values) (int, []byte, http.Header) {
	t.Helper()
	var r *http.Request
	if method == http.MethodPost {
		r = httptest.NewRequest(method, path, strings.NewReader(form.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	} else {
		r = httptest.NewRequest(method, path, nil)
	}
	w := httptest.NewRecorder()
	f.mux.ServeHTTP(w, r)
	return w.Code, w.Body.Bytes(), w.Header()
}

func (f *fixture) post(t *testing.T, ext string, form url.Values) string {
	t.Helper()
	code, body, _ := f.do(t, http.MethodPost, "/open311/v2/requests"+ext, form)
	if code != http.StatusOK {
		t.Fatalf("POST requests%s = %d %s", ext, code, body)
	}
	if ext == ".json" {
		sameJSONKeys(t, "07_json-service-request-post.json", body)
		var out []struct {
			ID string `json:"service_request_id"`
		}
		json.Unmarshal(body, &out)
		return out[0].ID
	}
	sameXMLShape(t, "06_xml-service-request-post.xml", body)
	s := string(body)
	return s[strings.Index(s, "<service_request_id>")+20 : strings.Index(s, "</service_request_id>")]
}

func (f *fixture) form(service string) url.Values {
	return url.Values{"api_key": {f.key}, "service_code": {service}, "attribute[TYPE]": {"complaint"},
		"description": {"东门社区路灯不亮已一周"}, "lat": {"29.5"}, "long": {"106.5"}, "address_string": {"东门社区 3 号楼"},
		"first_name": {"三"}, "last_name": {"张"}, "phone": {"13800138000"}, "email": {"zs@example.com"},
		"media_url": {"https://example.com/p/1.jpg"}}
}

func TestOpen311_ServicesAndDefinitions(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		code, body, hdr := f.do(t, "GET", "/open311/v2/services.json", nil)
		if code != 200 || !strings.HasPrefix(hdr.Get("Content-Type"), "application/json") || hdr.Get("Access-Control-Allow-Origin") != "*" {
			t.Fatalf("services.json = %d %s", code, hdr)
		}
		validate(t, "services.json", body)
		var svcs []map[string]any
		json.Unmarshal(body, &svcs)
		if len(svcs) != 2 || svcs[0]["service_code"] != f.lamp || svcs[0]["service_name"] != "路灯" || svcs[0]["group"] != "城乡建设" {
			t.Fatalf("services: %s", body)
		}
		for _, p := range []string{"/open311/v2/services", "/open311/v2/services.xml"} {
			code, body, hdr = f.do(t, "GET", p, nil)
			if code != 200 || !strings.HasPrefix(hdr.Get("Content-Type"), "text/xml") {
				t.Fatalf("%s = %d %s", p, code, hdr)
			}
			sameXMLShape(t, "01_xml-service-list.xml", body)
		}
		code, body, _ = f.do(t, "GET", "/open311/v2/services/"+f.lamp+".json", nil)
		if code != 200 {
			t.Fatalf("definition = %d %s", code, body)
		}
		validate(t, "service-definition.json", body)
		_, body, _ = f.do(t, "GET", "/open311/v2/services/"+f.lamp+".xml", nil)
		sameXMLShape(t, "03_xml-service-definition.xml", body)

		for _, p := range []string{"/open311/v2/services/999999.json", "/open311/v2/services/" + f.parent + ".json"} {
			code, body, _ = f.do(t, "GET", p, nil)
			if code != 404 {
				t.Fatalf("%s = %d", p, code)
			}
			sameJSONKeys(t, "15_json-errors.json", body)
		}
		// an admin hides a service
		if err := (&store.Open311{DB: db}).SetHidden(context.Background(), mustInt(f.noise), true); err != nil {
			t.Fatal(err)
		}
		_, body, _ = f.do(t, "GET", "/open311/v2/services.json", nil)
		if strings.Contains(string(body), "噪音") {
			t.Fatalf("hidden service listed: %s", body)
		}
		if code, _, _ := f.do(t, "GET", "/open311/v2/services/"+f.noise+".json", nil); code != 404 {
			t.Fatalf("hidden definition = %d", code)
		}
		code, body, _ = f.do(t, "GET", "/open311/discovery.json", nil)
		if code != 200 || !strings.Contains(string(body), `"url":"http://example.com/open311/v2"`) {
			t.Fatalf("discovery = %d %s", code, body)
		}
	})
}

func mustInt(s string) int64 {
	var n int64
	json.Unmarshal([]byte(s), &n)
	return n
}

func TestOpen311_Errors(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		cases := []struct {
			name   string
			edit   func(url.Values)
			status int
			want   string
		}{
			{"NoKey", func(v url.Values) { v.Del("api_key") }, 403, "api_key"},
			{"BadKey", func(v url.Values) { v.Set("api_key", "o311_nope") }, 403, "api_key"},
			{"UnknownService", func(v url.Values) { v.Set("service_code", "999999") }, 404, "service_code"},
			{"NoService", func(v url.Values) { v.Del("service_code") }, 400, "service_code"},
			{"MissingAttribute", func(v url.Values) { v.Del("attribute[TYPE]") }, 400, "attribute[TYPE]"},
			{"BadAttribute", func(v url.Values) { v.Set("attribute[TYPE]", "nonsense") }, 400, "attribute[TYPE]"},
			{"NoLocation", func(v url.Values) { v.Del("lat"); v.Del("long"); v.Del("address_string") }, 400, "lat"},
			{"BadPhone", func(v url.Values) { v.Set("phone", "12") }, 400, "联系电话"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				for _, ext := range []string{".json", ".xml"} {
					v := f.form(f.lamp)
					c.edit(v)
					code, body, _ := f.do(t, "POST", "/open311/v2/requests"+ext, v)
					if code != c.status || !strings.Contains(string(body), c.want) {
						t.Fatalf("%s = %d %s", ext, code, body)
					}
					if ext == ".json" {
						sameJSONKeys(t, "15_json-errors.json", body)
					} else {
						sameXMLShape(t, "14_xml-errors.xml", body)
					}
				}
			})
		}
		for _, p := range []string{"/open311/v2/requests/20990101000001.json", "/open311/v2/tokens/nope.json"} {
			code, body, _ := f.do(t, "GET", p, nil)
			if code != 404 {
				t.Fatalf("%s = %d %s", p, code, body)
			}
			sameJSONKeys(t, "15_json-errors.json", body)
		}
		code, body, _ := f.do(t, "GET", "/open311/v2/requests/20990101000001", nil)
		if code != 404 {
			t.Fatalf("unknown request xml = %d", code)
		}
		sameXMLShape(t, "14_xml-errors.xml", body)
		for _, q := range []string{"status=pending", "start_date=yesterday", "start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z"} {
			if code, body, _ := f.do(t, "GET", "/open311/v2/requests.json?"+q, nil); code != 400 {
				t.Fatalf("%s = %d %s", q, code, body)
			}
		}
		// a revoked key is refused
		if err := (&georeport.Keys{Store: &store.Open311{DB: db}, Clock: f.Clock}).Revoke(context.Background(), "随手拍"); err != nil {
			t.Fatal(err)
		}
		if code, _, _ := f.do(t, "POST", "/open311/v2/requests.json", f.form(f.lamp)); code != 403 {
			t.Fatalf("revoked key = %d", code)
		}
	})
}

func TestOpen311_RateLimit(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		f.h.KeyLimit.Max = 2
		for i, want := range []int{200, 200, 429} {
			code, body, hdr := f.do(t, "POST", "/open311/v2/requests.json", f.form(f.lamp))
			if code != want {
				t.Fatalf("request %d = %d %s", i, code, body)
			}
			if code == 429 && hdr.Get("Retry-After") == "" {
				t.Fatal("no Retry-After")
			}
		}
	})
}

func TestOpen311_ScrubsPersonalData(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		v := f.form(f.lamp)
		v.Set("description", "我是张三，电话13800138000,13900139000，身份证110101199003071234，路灯坏了")
		no := f.post(t, ".json", v)
		_, body, _ := f.do(t, "GET", "/open311/v2/requests/"+no+".json", nil)
		validate(t, "requests.json", body)
		for _, secret := range []string{"张三", "13800138000", "13900139000", "110101199003071234"} {
			if strings.Contains(string(body), secret) {
				t.Fatalf("%q in %s", secret, body)
			}
		}
		if !strings.Contains(string(body), "我是张*，电话***********,***********，身份证******************，路灯坏了") {
			t.Fatalf("scrubbed text: %s", body)
		}
	})
}

// Every spelling of a phone, identity number or e-mail address people type is
// scrubbed from the public view; the order's own numbers and dates are not.
func TestOpen311_ScrubsEverySpelling(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		secrets := []string{"139-1111-0002", "139 1111 0003", "+8613911110004", "8613911110005", "１３９１１１１０００６",
			"139.1111.0007", "110101900307123", "11010119900307123X", "0797-1234567", "(0797)12345678", "07971234567",
			"zhang.san@qq.com"}
		v := f.form(f.lamp)
		v.Set("description", "路灯坏了，2026-12-03 晚上发现，工单20261203000001未办结，联系"+strings.Join(secrets, "、"))
		no := f.post(t, ".json", v)
		_, body, _ := f.do(t, "GET", "/open311/v2/requests/"+no+".json", nil)
		for _, s := range append(secrets, "1111", "１１１１", "1234567", "zhang", "900307") {
			if strings.Contains(string(body), s) {
				t.Errorf("%q in %s", s, body)
			}
		}
		for _, kept := range []string{"2026-12-03", "20261203000001"} {
			if !strings.Contains(string(body), kept) {
				t.Errorf("%q scrubbed from %s", kept, body)
			}
		}
	})
}
