package e2e

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"govdesk/internal/account"
	"govdesk/internal/app"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

// matrixRow is one row of the authorisation matrix in docs/security.md.
type matrixRow struct {
	resource, action string
	method, path     string
	body             string
	shows            string            // the fixture whose marker the answer shows when allowed; "" none
	cells            map[string]string // role → ✓, ✗ or 本单位
}

var placeholderRe = regexp.MustCompile(`\{[a-z_.]+\}`)

const (
	cellAllow   = "✓"
	cellDeny    = "✗"
	cellOwnUnit = "本单位"
)

// parseAccessMatrix reads the matrix between its markers in docs/security.md.
func parseAccessMatrix(t *testing.T) []matrixRow {
	t.Helper()
	src, err := os.ReadFile("../../docs/security.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(src), "<!-- access-matrix:begin -->")
	table, _, ok2 := strings.Cut(rest, "<!-- access-matrix:end -->")
	if !ok || !ok2 {
		t.Fatal("docs/security.md has no access-matrix markers")
	}
	var header []string
	var rows []matrixRow
	for _, line := range strings.Split(strings.TrimSpace(table), "\n") {
		cols := strings.Split(strings.Trim(strings.TrimSpace(line), "|"), "|")
		for i := range cols {
			cols[i] = strings.TrimSpace(cols[i])
		}
		switch {
		case header == nil:
			header = cols
			if strings.Join(header[4:], ",") != strings.Join(app.Roles, ",") {
				t.Fatalf("matrix columns %v, want the roles %v", header[4:], app.Roles)
			}
			continue
		case strings.HasPrefix(cols[0], "---"):
			continue
		case len(cols) != len(header):
			t.Fatalf("matrix row %q has %d columns, want %d", line, len(cols), len(header))
		}
		req := strings.Trim(cols[2], "`")
		method, target, _ := strings.Cut(req, " ")
		path, body, _ := strings.Cut(target, " ")
		r := matrixRow{resource: cols[0], action: cols[1], method: method, path: path, body: body, shows: cols[3], cells: map[string]string{}}
		for i, role := range app.Roles {
			c := cols[4+i]
			if c != cellAllow && c != cellDeny && c != cellOwnUnit {
				t.Fatalf("matrix row %q: cell %q for %s is none of ✓ ✗ 本单位", line, c, role)
			}
			r.cells[role] = c
		}
		rows = append(rows, r)
	}
	return rows
}

// fixture is a record of the demo data a matrix request names: ref goes into the
// request, marker is the value its answer carries (and a leak would).
type fixture struct{ ref, marker string }

// accessFixtures picks the records the matrix names from the demo centre.
func accessFixtures(t *testing.T, db *store.DB, base string, tok map[string]string) map[string]fixture {
	t.Helper()
	ctx := context.Background()
	fx := map[string]fixture{}
	one := func(name, q string) {
		var id, marker string
		if err := db.QueryRowContext(ctx, q).Scan(&id, &marker); err != nil {
			t.Fatalf("fixture %s: %v", name, err)
		}
		fx[name] = fixture{id, marker}
	}
	one("order_own", `SELECT CAST(o.id AS TEXT), o.no FROM orders o JOIN units u ON u.id = o.unit_id
		WHERE u.code = 'U001' ORDER BY o.id LIMIT 1`)
	one("order_other", `SELECT CAST(o.id AS TEXT), o.no FROM orders o JOIN units u ON u.id = o.unit_id
		WHERE u.code <> 'U001' AND o.co_units = '' ORDER BY o.id LIMIT 1`)
	one("project", `SELECT code, phone FROM projects WHERE phone <> '' ORDER BY id LIMIT 1`)
	one("application", `SELECT no, applicant FROM policy_applications ORDER BY id LIMIT 1`)
	ev := call(t, &http.Client{}, "POST", base+"/api/v1/evaluations", tok[app.RoleStaff],
		`{"channel":"窗口评价器","target_kind":"窗口","target":"3号窗口","unit_code":"U001","level":4}`, nil)
	if ev.Status != http.StatusCreated {
		t.Fatalf("evaluation of U001: %d %v", ev.Status, ev.Body)
	}
	fx["evaluation_own"] = fixture{fmt.Sprint(ev.Body["id"]), fmt.Sprint(ev.Body["no"])}
	one("rect_other", `SELECT CAST(e.id AS TEXT), e.no FROM evaluations e JOIN rectifications r ON r.evaluation_id = e.id
		WHERE r.unit_id NOT IN (SELECT unit_id FROM users) AND r.closed_at IS NULL ORDER BY e.id LIMIT 1`)
	one("evaluation_other", `SELECT CAST(e.id AS TEXT), e.no FROM evaluations e JOIN units u ON u.id = e.unit_id WHERE u.code <> 'U001' ORDER BY e.id LIMIT 1`)
	// The newest case heads the cases page's default period; it must be another
	// unit's, with an applicant none of U001's cases names.
	one("case_other", `SELECT u.code, c.applicant FROM cases c JOIN items i ON i.id = c.item_id JOIN units u ON u.id = i.unit_id
		ORDER BY c.accepted_at DESC, c.id DESC LIMIT 1`)
	if fx["case_other"].ref == "U001" {
		t.Fatal("the newest demo case is U001's: pick another case for the matrix")
	}
	var n int
	if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM cases c JOIN items i ON i.id = c.item_id JOIN units u ON u.id = i.unit_id
		WHERE u.code = 'U001' AND c.applicant = $1`, fx["case_other"].marker).Scan(&n); err != nil || n != 0 {
		t.Fatalf("the case applicant %q is also U001's (%d, %v)", fx["case_other"].marker, n, err)
	}
	draft := fmt.Sprintf("权限矩阵草稿正文-%d", time.Now().UnixNano())
	r := call(t, &http.Client{}, "POST", base+"/api/v1/kb/articles", tok[app.RoleDispatcher],
		`{"title":"权限矩阵：另一单位的草稿","answer":"`+draft+`","unit_code":"U002"}`, nil)
	if r.Status != 200 {
		t.Fatalf("draft: %d %v", r.Status, r.Body)
	}
	fx["draft_other"] = fixture{fmt.Sprint(r.Body["id"]), draft}
	// A handler of U001 the account rows switch off and on, holding a token named after it.
	acc := account.NewService(&store.Accounts{DB: db}, app.SystemClock{})
	if _, err := acc.AddUser(app.WithActor(ctx, app.System), account.NewUser{Username: "acl_target", Name: "权限矩阵用户",
		Role: app.RoleHandler, UnitCode: "U001", Password: "acl-target-pass"}); err != nil {
		t.Fatal(err)
	}
	if _, err := acc.CreateToken(ctx, "acl_target", "矩阵令牌"); err != nil {
		t.Fatal(err)
	}
	fx["user_target"] = fixture{"acl_target", "矩阵令牌"}
	return fx
}

// TestAccessMatrix walks the authorisation matrix of docs/security.md over the
// real API and pages, every role against every row, on the demo centre.
func TestAccessMatrix(t *testing.T) {
	rows := parseAccessMatrix(t)
	if len(rows) < 30 {
		t.Fatalf("the matrix has %d rows", len(rows))
	}
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		base := startDemo(t, db)
		tok := tokens(t, db, app.Roles...)
		fx := accessFixtures(t, db, base, tok)
		web := map[string]*http.Client{}
		for _, role := range app.Roles {
			web[role] = loginHTTP(t, base, role)
		}
		api := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		cells := 0
		for _, row := range rows {
			for _, role := range app.Roles {
				fill := func(s string) string {
					for name, f := range fx {
						s = strings.ReplaceAll(s, "{"+name+"}", f.ref)
						s = strings.ReplaceAll(s, "{"+name+".marker}", url.QueryEscape(f.marker))
					}
					return strings.ReplaceAll(s, "{role}", role)
				}
				path, body := fill(row.path), fill(row.body)
				if m := placeholderRe.FindString(path + body); m != "" {
					t.Fatalf("%s: unknown placeholder %s", row.action, m)
				}
				var res rawResp
				if strings.HasPrefix(path, "/api/") {
					res = sendRaw(t, api, row.method, base+path, tok[role], body)
				} else {
					res = sendRaw(t, web[role], row.method, base+path, "", body)
				}
				cells++
				what := fmt.Sprintf("%s %s (%s %s) as %s", row.resource, row.action, row.method, path, role)
				ok2xx := res.status >= 200 && res.status < 300
				switch want := row.cells[role]; want {
				case cellAllow:
					if !ok2xx {
						t.Errorf("%s: %d, want 2xx: %.300s", what, res.status, res.body)
					} else if row.shows != "" && !strings.Contains(res.body, fx[row.shows].marker) {
						t.Errorf("%s: the answer lacks %s (%q)", what, row.shows, fx[row.shows].marker)
					}
				case cellOwnUnit:
					if !ok2xx {
						t.Errorf("%s: %d, want 2xx: %.300s", what, res.status, res.body)
					} else if row.shows != "" && strings.Contains(res.body, fx[row.shows].marker) {
						t.Errorf("%s: shows another unit's %s (%q)", what, row.shows, fx[row.shows].marker)
					}
				case cellDeny:
					if res.status != http.StatusForbidden && res.status != http.StatusNotFound {
						t.Errorf("%s: %d, want 403 or 404: %.300s", what, res.status, res.body)
					}
					for name, f := range fx {
						if strings.Contains(res.body, f.marker) {
							t.Errorf("%s: the refusal carries %s (%q)", what, name, f.marker)
						}
					}
				}
			}
		}
		t.Logf("%d rows × %d roles = %d cells checked", len(rows), len(app.Roles), cells)
	})
}
