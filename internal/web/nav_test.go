package web

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"govdesk/internal/app"
)

var (
	getRouteRe  = regexp.MustCompile(`mux\.HandleFunc\("GET ([^"]+)", (?:ui\.section\("([^"]+)"|(s)\()`)
	sectionFnRe = regexp.MustCompile(`s := func\(h http\.HandlerFunc\) http\.HandlerFunc \{ return ui\.section\("([^"]+)", h\) \}`)
	wildcardRe  = regexp.MustCompile(`\{[^}]+\}`)
)

// TestSectionOf_MatchesRouteGuards: every GET page's route is guarded by the section
// its path falls under, so may (which the templates ask before linking) gives the
// answer the route will give.
func TestSectionOf_MatchesRouteGuards(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		short := ""
		if m := sectionFnRe.FindSubmatch(src); m != nil {
			short = string(m[1])
		}
		for _, m := range getRouteRe.FindAllSubmatch(src, -1) {
			path := strings.TrimSuffix(wildcardRe.ReplaceAllString(string(m[1]), "7"), "{$}")
			guard := string(m[2])
			if len(m[3]) > 0 {
				guard = short
			}
			if guard == "" {
				t.Errorf("%s: GET %s has no section to check", f, m[1])
				continue
			}
			n++
			if got := sectionOf(path); got != guard {
				t.Errorf("%s: GET %s is guarded as %s, but its links are judged as %s", f, m[1], guard, got)
			}
		}
	}
	if n < 40 {
		t.Fatalf("found %d guarded GET routes, want them all", n)
	}
}

func TestMay(t *testing.T) {
	for _, c := range []struct {
		role, href string
		want       bool
	}{
		{app.RoleOperator, "/policies/applications", false},
		{app.RoleStaff, "/policies/applications", true},
		{app.RoleUnitAdmin, "/orders/new?title=x", false},
		{app.RoleOperator, "/orders/new?title=x", true},
		{app.RoleLeader, "/kb/a/12", false},
		{app.RoleLeader, "/kb/expiring", true},
		{app.RoleHandler, "/orders/12", true},
		{app.RoleHandler, "/orders/pool", false},
		{app.RoleHandler, "/public/policy-status", true},
	} {
		if got := may(app.Actor{Role: c.role}, c.href); got != c.want {
			t.Errorf("may(%s, %s) = %v, want %v", c.role, c.href, got, c.want)
		}
	}
}
