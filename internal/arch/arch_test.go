package arch

import (
	"encoding/json"
	"io"
	"os/exec"
	"strings"
	"testing"
)

// domain packages: plain Go over values, no HTTP, no SQL, no store.
var domain = []string{"app", "config", "workday", "zhtext", "sheet", "account", "workorder", "knowledge", "catalog",
	"evaluation", "asset", "stats", "selfeval", "document", "project", "demo", "report", "privacy", "georeport"}

// rings of the architecture, inner to outer (docs/architecture.md). A package may
// depend on packages of its own ring or an inner one, never on an outer one; every
// package of the module must be placed, so a new one cannot slip past the rule.
var rings = [][]string{
	domain,
	{"store"},
	{"httpx", "web", "api", "open311"},
	{"server"},
	{"cli", "cmd"},
	{"e2e", "arch"},
}

// ringOf places an import path (a sub-package such as store/storetest belongs to
// its parent's ring); -1 when the path is not placed.
func ringOf(path string) int {
	rest, ok := strings.CutPrefix(path, mod)
	if !ok {
		rest, ok = strings.CutPrefix(path, "govdesk/")
		if !ok {
			return -2 // outside the module
		}
	}
	top := strings.SplitN(rest, "/", 2)[0]
	for i, ring := range rings {
		for _, name := range ring {
			if name == top {
				return i
			}
		}
	}
	return -1
}

// forbidden for a domain package to import directly.
var forbiddenDirect = []string{"net/http", "database/sql"}

// outer layers no domain package may reach, directly or not.
var outer = []string{"store", "httpx", "web", "api", "open311", "server", "cli", "e2e"}

type pkg struct {
	ImportPath string
	Imports    []string
	Deps       []string
	Standard   bool
}

const mod = "govdesk/internal/"

// violations returns every breach of the layering rule among pkgs.
func violations(pkgs []pkg) []string {
	isDomain := map[string]bool{}
	for _, d := range domain {
		isDomain[mod+d] = true
	}
	var out []string
	for _, p := range pkgs {
		r := ringOf(p.ImportPath)
		if r == -1 {
			out = append(out, p.ImportPath+" is in no ring of the architecture (place it in rings)")
		}
		for _, dep := range p.Deps {
			if d := ringOf(dep); r >= 0 && d > r {
				out = append(out, p.ImportPath+" depends on the outer "+dep)
			}
		}
		if isDomain[p.ImportPath] {
			for _, imp := range p.Imports {
				for _, f := range forbiddenDirect {
					if imp == f {
						out = append(out, p.ImportPath+" imports "+imp)
					}
				}
			}
			for _, dep := range p.Deps {
				for _, o := range outer {
					if dep == mod+o || strings.HasPrefix(dep, mod+o+"/") {
						out = append(out, p.ImportPath+" depends on "+dep)
					}
				}
			}
		}
		if p.ImportPath == mod+"app" {
			for _, imp := range p.Imports {
				if strings.Contains(strings.SplitN(imp, "/", 2)[0], ".") || strings.HasPrefix(imp, "govdesk/") {
					out = append(out, "app imports non-standard "+imp)
				}
			}
		}
		if p.ImportPath != mod+"cli" && !strings.HasPrefix(p.ImportPath, mod+"store") {
			for _, imp := range p.Imports {
				if imp == mod+"store" {
					out = append(out, p.ImportPath+" imports the store (only cli and tests may)")
				}
			}
		}
	}
	return out
}

func listPackages(t *testing.T) []pkg {
	t.Helper()
	cmd := exec.Command("go", "list", "-json", "govdesk/...")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	var pkgs []pkg
	for {
		var p pkg
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs
}

func TestLayering(t *testing.T) {
	pkgs := listPackages(t)
	if len(pkgs) < 10 {
		t.Fatalf("go list found only %d packages", len(pkgs))
	}
	for _, v := range violations(pkgs) {
		t.Error(v)
	}
}

// TestLayering_Detects shows the rule catches what it must.
func TestLayering_Detects(t *testing.T) {
	bad := []pkg{
		{ImportPath: mod + "workorder", Imports: []string{"net/http", "govdesk/internal/app"}},
		{ImportPath: mod + "account", Imports: []string{"database/sql"}},
		{ImportPath: mod + "workday", Deps: []string{mod + "store"}},
		{ImportPath: mod + "web", Imports: []string{mod + "store"}},
		{ImportPath: mod + "app", Imports: []string{"github.com/x/y"}},
		{ImportPath: mod + "store", Deps: []string{mod + "open311"}},
		{ImportPath: mod + "web", Deps: []string{mod + "server"}},
		{ImportPath: mod + "newthing"},
	}
	if got := violations(bad); len(got) != 9 {
		t.Fatalf("violations found %d of 9: %v", len(got), got)
	}
	if got := violations([]pkg{{ImportPath: mod + "cli", Imports: []string{mod + "store", "net/http"}}}); len(got) != 0 {
		t.Fatalf("cli may import the store: %v", got)
	}
}
