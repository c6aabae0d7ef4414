package e2e

import (
	"bytes"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/document/documenttest"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

// getBytes reads a URL with an API token or a session client and returns the body.
func getBytes(t *testing.T, c *http.Client, u, token string) []byte {
	t.Helper()
	req, _ := http.NewRequest("GET", u, nil)
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s %s", u, res.Status, b)
	}
	return b
}

// An anonymous citizen stays anonymous, and the phones and identity numbers people
// write into an order's text stay hidden from the roles without the phone right, on
// every door: API list, search, single order and timeline, web list and page, the
// .xlsx export, notices, the statistics drill-down and the monthly brief; the log
// never holds them. The roles that call the citizen back still see everything.
func TestPersonalData_EveryDoor(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		var logged bytes.Buffer
		prev := slog.Default()
		slog.SetDefault(slog.New(slog.NewTextHandler(&logged, &slog.HandlerOptions{Level: slog.LevelDebug})))
		t.Cleanup(func() { slog.SetDefault(prev) })

		base := startServer(t, db)
		users := []string{"operator", "dispatcher", "admin", "handler", "unit_admin", "leader", "staff"}
		tok := tokens(t, db, users...)
		c := http.DefaultClient
		do := func(user, method, path, body string) apiResp {
			t.Helper()
			return call(t, c, method, base+path, tok[user], body, nil)
		}
		// The citizen's identity, and personal data typed into the texts.
		name, phone := "欧阳秘密", "13912345678"
		textPhone, idNo, mail := "13987654321", "110101199003071234", "ouyang.mimi@qq.com"
		secrets := []string{name, phone, textPhone, "8765-4321", idNo, mail}
		r := do("operator", "POST", "/api/v1/orders", fmt.Sprintf(`{"type":"投诉","title":"路灯不亮 回电139-8765-4321","content":"路灯坏了，我叫%s，电话%s，身份证%s，邮箱%s","citizen_name":"%s","citizen_phone":"%s","anonymous":true,"town":"乐城街道","category":"城乡建设/物业管理"}`,
			name, textPhone, idNo, mail, name, phone))
		if r.Status != 201 {
			t.Fatalf("create: %+v", r)
		}
		id := fmt.Sprint(r.Body["id"])
		no := fmt.Sprint(r.Body["no"])
		steps := []struct{ user, cmd, body string }{
			{"dispatcher", "dispatch", `{"unit_code":"U001","version":1}`},
			{"handler", "accept", `{"version":2}`},
			{"leader", "supervise", `{"note":"督办，核实后回电` + textPhone + `"}`},
			{"handler", "reply", `{"text":"已修复，已电话告知` + textPhone + `"}`},
		}
		for _, s := range steps {
			if r := do(s.user, "POST", "/api/v1/orders/"+id+"/"+s.cmd, s.body); r.Status != 200 {
				t.Fatalf("%s by %s: %+v", s.cmd, s.user, r)
			}
		}

		now := time.Now().In(app.Shanghai)
		day, month := now.Format("2006-01-02"), now.Format("2006-01")
		q := url.Values{"q": {"路灯坏了"}}.Encode()
		apiPaths := []string{"/api/v1/orders?" + q, "/api/v1/orders?per_page=5", "/api/v1/orders/" + id, "/api/v1/orders/" + id + "/events",
			"/api/v1/notices", "/api/v1/stats/hotline/orders?figure=received&from=" + day + "&to=" + day}
		webPaths := []string{"/orders?" + q, "/orders/" + id, "/notices", "/orders/export?" + q}

		// Who may not know the person: the handling unit, leaders, the centre's staff.
		for _, user := range []string{"handler", "unit_admin", "leader", "staff"} {
			var shown []string
			for _, p := range apiPaths {
				if user == "staff" && strings.HasPrefix(p, "/api/v1/notices") {
					continue
				}
				shown = append(shown, p+"\n"+string(getBytes(t, c, base+p, tok[user])))
			}
			web := loginHTTP(t, base, user)
			for _, p := range webPaths {
				b := getBytes(t, web, base+p, "")
				if strings.HasPrefix(p, "/orders/export") {
					var all []byte
					for _, part := range documenttest.Parts(t, b) {
						all = append(all, part...)
					}
					b = all
				}
				shown = append(shown, p+"\n"+string(b))
			}
			if user == "leader" || user == "staff" {
				docx := getBytes(t, web, base+"/reports/monthly/"+month+"/download/docx", "")
				text := strings.Join(documenttest.DocxText(t, docx), "\n")
				if !strings.Contains(text, no) {
					t.Fatalf("%s: the monthly brief does not list the supervised order %s", user, no)
				}
				shown = append(shown, "monthly brief\n"+text)
			}
			for _, s := range shown {
				for _, secret := range secrets {
					if at := strings.Index(s, secret); at >= 0 {
						where, _, _ := strings.Cut(s, "\n")
						t.Errorf("%s reads %q at %s: …%s…", user, secret, where, s[max(at-60, 0):min(at+60, len(s))])
					}
				}
			}
			d := do(user, "GET", "/api/v1/orders/"+id, "")
			if d.Body["citizen_name"] != "匿名" || d.Body["citizen_phone"] != "" || !strings.Contains(fmt.Sprint(d.Body["content"]), "139****4321") {
				t.Errorf("%s reads the order as %v / %v / %v", user, d.Body["citizen_name"], d.Body["citizen_phone"], d.Body["content"])
			}
		}

		// Who calls back knows the person and reads the text as written.
		for _, user := range []string{"operator", "dispatcher"} {
			d := string(getBytes(t, c, base+"/api/v1/orders/"+id, tok[user]))
			for _, s := range []string{name, phone, textPhone, idNo, mail} {
				if !strings.Contains(d, s) {
					t.Errorf("%s does not read %q in %s", user, s, d)
				}
			}
		}
		if d := do("admin", "GET", "/api/v1/orders/"+id, ""); d.Body["citizen_name"] != name || d.Body["citizen_phone"] != "139****5678" {
			t.Errorf("admin reads %v / %v", d.Body["citizen_name"], d.Body["citizen_phone"])
		}

		// An order that is not anonymous: the handler (phone right) reads the text in
		// full on its page, a leader never, and lists mask it for every role.
		r = do("operator", "POST", "/api/v1/orders", `{"type":"求助","content":"水管爆裂，请联系13911112222","citizen_name":"李四","citizen_phone":"13900139000"}`)
		id2 := fmt.Sprint(r.Body["id"])
		do("dispatcher", "POST", "/api/v1/orders/"+id2+"/dispatch", `{"unit_code":"U001","version":1}`)
		if d := do("handler", "GET", "/api/v1/orders/"+id2, ""); d.Body["citizen_name"] != "李四" || !strings.Contains(fmt.Sprint(d.Body["content"]), "13911112222") {
			t.Errorf("handler reads %v", d.Body)
		}
		if d := do("leader", "GET", "/api/v1/orders/"+id2, ""); d.Body["citizen_name"] != "李四" || fmt.Sprint(d.Body["content"]) != "水管爆裂，请联系139****2222" {
			t.Errorf("leader reads %v", d.Body)
		}
		for _, user := range []string{"operator", "handler", "leader"} {
			if l := string(getBytes(t, c, base+"/api/v1/orders?"+url.Values{"q": {"水管爆裂"}}.Encode(), tok[user])); strings.Contains(l, "13911112222") || !strings.Contains(l, "139****2222") {
				t.Errorf("%s's list: %s", user, l)
			}
		}

		for _, secret := range secrets {
			if strings.Contains(logged.String(), secret) {
				t.Errorf("the log holds %q", secret)
			}
		}
	})
}
