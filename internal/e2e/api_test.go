package e2e

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"govdesk/internal/account"
	"govdesk/internal/app"
	"govdesk/internal/demo"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

type apiResp struct {
	Status int
	Body   map[string]any
}

func call(t *testing.T, c *http.Client, method, u, token, body string, hdr map[string]string) apiResp {
	t.Helper()
	req, _ := http.NewRequest(method, u, strings.NewReader(body))
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	r := apiResp{Status: res.StatusCode}
	if err := json.Unmarshal(b, &r.Body); err != nil {
		t.Fatalf("%s %s: not JSON: %q", method, u, b)
	}
	return r
}

func errCode(r apiResp) string {
	e, _ := r.Body["error"].(map[string]any)
	if msg, _ := e["message"].(string); msg == "" {
		return "<no message>"
	}
	code, _ := e["code"].(string)
	return code
}

func TestAPI_UnitsAndAuth(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		base := startServer(t, db)
		acc := account.NewService(&store.Accounts{DB: db}, app.SystemClock{})
		ctx := context.Background()
		adminTok, err := acc.CreateToken(ctx, "admin", "test")
		if err != nil {
			t.Fatal(err)
		}
		handlerTok, _ := acc.CreateToken(ctx, "handler", "test")
		c := http.DefaultClient

		if r := call(t, c, "GET", base+"/api/v1/units", "", "", nil); r.Status != 401 || errCode(r) != "unauthorized" {
			t.Errorf("anonymous: %+v", r)
		}
		if r := call(t, c, "GET", base+"/api/v1/units", "gd_nope", "", nil); r.Status != 401 || errCode(r) != "unauthorized" {
			t.Errorf("bad token: %+v", r)
		}
		if r := call(t, c, "GET", base+"/api/v1/units", adminTok, "", nil); r.Status != 200 || r.Body["total"].(float64) != float64(demo.MemberUnits+2) {
			t.Errorf("list: %+v", r)
		}
		r := call(t, c, "POST", base+"/api/v1/units", adminTok, `{"code":"U009","name":"市水务局","kind":"市直部门","parent_code":"C001"}`, nil)
		if r.Status != 201 || r.Body["code"] != "U009" || r.Body["parent_code"] != "C001" {
			t.Errorf("create: %+v", r)
		}
		cases := []struct {
			name, token, body string
			status            int
			code              string
		}{
			{"ErrForbidden", handlerTok, `{"code":"U010","name":"x"}`, 403, "forbidden"},
			{"ErrInvalid", adminTok, `{"code":"","name":""}`, 400, "invalid"},
			{"ErrUnknownParent", adminTok, `{"code":"U011","name":"y","parent_code":"NOPE"}`, 400, "invalid"},
			{"ErrBadJSON", adminTok, `{"code":`, 400, "invalid"},
			{"ErrUnknownField", adminTok, `{"code":"U012","name":"z","colour":"red"}`, 400, "invalid"},
		}
		for _, tc := range cases {
			if r := call(t, c, "POST", base+"/api/v1/units", tc.token, tc.body, nil); r.Status != tc.status || errCode(r) != tc.code {
				t.Errorf("%s: %+v", tc.name, r)
			}
		}
		if r := call(t, c, "GET", base+"/api/v1/nothing", adminTok, "", nil); r.Status != 404 || errCode(r) != "not_found" {
			t.Errorf("unknown endpoint: %+v", r)
		}

		t.Run("SessionCSRF", func(t *testing.T) {
			jar, _ := cookiejar.New(nil)
			bc := &http.Client{Jar: jar}
			res, err := bc.Get(base + "/login")
			if err != nil {
				t.Fatal(err)
			}
			page, _ := io.ReadAll(res.Body)
			res.Body.Close()
			m := regexp.MustCompile(`name="csrf_token" value="([0-9a-f]+)"`).FindSubmatch(page)
			if m == nil {
				t.Fatal("login form has no CSRF token")
			}
			form := url.Values{"username": {"admin"}, "password": {"demo"}, "csrf_token": {"forged"}}
			res, _ = bc.PostForm(base+"/login", form)
			res.Body.Close()
			if res.StatusCode != 403 {
				t.Fatalf("login with a forged CSRF token: %d", res.StatusCode)
			}
			res, _ = bc.Get(base + "/login")
			page, _ = io.ReadAll(res.Body)
			res.Body.Close()
			m = regexp.MustCompile(`name="csrf_token" value="([0-9a-f]+)"`).FindSubmatch(page)
			form.Set("csrf_token", string(m[1]))
			res, _ = bc.PostForm(base+"/login", form)
			home, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if !strings.Contains(string(home), "系统管理员") {
				t.Fatalf("login failed: %d", res.StatusCode)
			}
			if r := call(t, bc, "GET", base+"/api/v1/me", "", "", nil); r.Status != 200 || r.Body["username"] != "admin" {
				t.Fatalf("me by cookie: %+v", r)
			}
			if r := call(t, bc, "POST", base+"/api/v1/units", "", `{"code":"U020","name":"w"}`, nil); r.Status != 403 || errCode(r) != "forbidden" {
				t.Fatalf("cookie POST without CSRF header: %+v", r)
			}
			res, _ = bc.PostForm(base+"/logout", url.Values{})
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != 403 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") || !strings.Contains(string(body), "页面已过期") {
				t.Fatalf("web form without CSRF token: %d %s %q", res.StatusCode, res.Header.Get("Content-Type"), body)
			}
			sess := regexp.MustCompile(`name="csrf_token" value="([0-9a-f]+)"`).FindSubmatch(home)
			if r := call(t, bc, "POST", base+"/api/v1/units", "", `{"code":"U020","name":"w"}`, map[string]string{"X-CSRF-Token": string(sess[1])}); r.Status != 201 {
				t.Fatalf("cookie POST with CSRF header: %+v", r)
			}
		})
	})
}
