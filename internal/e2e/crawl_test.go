package e2e

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

// crawlSamples is how many links of one route shape the crawl follows.
const crawlSamples = 3

var (
	anchorRe  = regexp.MustCompile(`<a\b[^>]*?\bhref="([^"]*)"`)
	digitRe   = regexp.MustCompile(`[0-9]`)
	getFormRe = regexp.MustCompile(`(?s)<form\b([^>]*\bmethod="get"[^>]*)>(.*?)</form>`)
	fieldRe   = regexp.MustCompile(`(?s)<input\b[^>]*>|<select\b[^>]*>.*?</select>|<textarea\b[^>]*>.*?</textarea>`)
	optionRe  = regexp.MustCompile(`<option\b([^>]*)>([^<]*)`)
)

// attr is the value of an attribute in a tag's text ("" when absent).
func attr(tag, name string) string {
	m := regexp.MustCompile(`\b` + name + `="([^"]*)"`).FindStringSubmatch(tag)
	if m == nil {
		return ""
	}
	return strings.ReplaceAll(m[1], "&amp;", "&")
}

// getForms turns each GET form of a page into the address a browser would open
// when the form is sent as filled in: the pickers of reports, periods and filters.
// A form with an empty required field is left out, as a browser refuses to send it.
func getForms(page string) []string {
	var out []string
forms:
	for _, f := range getFormRe.FindAllStringSubmatch(page, -1) {
		q := url.Values{}
		for _, field := range fieldRe.FindAllString(f[2], -1) {
			open := field
			if i := strings.Index(field, ">"); i >= 0 {
				open = field[:i]
			}
			name := attr(open, "name")
			required := regexp.MustCompile(`\brequired\b`).MatchString(open)
			var value string
			switch {
			case strings.HasPrefix(field, "<select"):
				opts := optionRe.FindAllStringSubmatch(field, -1)
				for i, o := range opts {
					v := o[2]
					if strings.Contains(o[1], "value=") {
						v = attr(o[1], "value")
					}
					if i == 0 || strings.Contains(o[1], "selected") {
						value = v
					}
				}
			case strings.HasPrefix(field, "<textarea"):
				value = field[strings.Index(field, ">")+1 : strings.LastIndex(field, "<")]
			default:
				typ := attr(open, "type")
				if (typ == "checkbox" || typ == "radio") && !strings.Contains(open, "checked") || typ == "submit" || typ == "file" {
					continue
				}
				value = attr(open, "value")
			}
			if required && value == "" {
				continue forms
			}
			if name != "" {
				q.Add(name, value)
			}
		}
		out = append(out, attr(f[1], "action")+"?"+q.Encode())
	}
	return out
}

// routeShape is a link with its ids, numbers and query values left out:
// /orders/123 and /orders/456 are /orders/#, /orders?status=open&page=2 is
// /orders?page&status.
func routeShape(u *url.URL) string {
	segs := strings.Split(u.Path, "/")
	for i, s := range segs {
		if digitRe.MatchString(s) {
			ext := "" // an extension stays: /orders/#.xlsx
			if j := strings.LastIndex(s, "."); j >= 0 && !digitRe.MatchString(s[j:]) {
				ext = s[j:]
			}
			segs[i] = "#" + ext
		}
	}
	shape := strings.Join(segs, "/")
	if u.RawQuery != "" {
		keys := []string{}
		for k := range u.Query() {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		shape += "?" + strings.Join(keys, "&")
	}
	return shape
}

// crawlStats is what one role's crawl checked.
type crawlStats struct {
	pages, downloads int
	shapes           map[string]int // shape → links of it seen (followed or not)
}

// crawl visits, breadth first from the home page, every same-site link of every page
// reached, checks that each answers 200 with no error page (and no stray English), and
// opens each download. Links of one route shape are followed up to crawlSamples times
// (the first ones met), so ~20 000 demo orders stay a finite crawl; no shape is ever
// dropped. Links are <a href> and GET forms sent as filled in (the period and report
// pickers); POST forms are not followed, and a link that would log out is skipped.
func crawl(t *testing.T, c *http.Client, base string) (crawlStats, string) {
	t.Helper()
	root, _ := url.Parse(base)
	st := crawlStats{shapes: map[string]int{}}
	seen := map[string]bool{"/": true}
	queue := []string{"/"}
	var home string
	for len(queue) > 0 {
		path := queue[0]
		queue = queue[1:]
		body, html := crawlFetch(t, c, base, path)
		if html {
			st.pages++
		} else {
			st.downloads++
		}
		if path == "/" {
			home = body
		}
		if !html {
			continue
		}
		from, _ := url.Parse(path)
		var links []string
		for _, m := range anchorRe.FindAllStringSubmatch(body, -1) {
			links = append(links, strings.ReplaceAll(m[1], "&amp;", "&"))
		}
		for _, raw := range append(links, getForms(body)...) {
			if raw == "" || strings.HasPrefix(raw, "#") || strings.HasPrefix(raw, "mailto:") || strings.HasPrefix(raw, "tel:") {
				continue
			}
			ref, err := url.Parse(raw)
			if err != nil {
				t.Errorf("%s links to a malformed address %q", path, raw)
				continue
			}
			u := root.ResolveReference(from.ResolveReference(ref))
			if u.Host != root.Host || strings.HasPrefix(u.Path, "/static/") || strings.Contains(u.Path, "logout") {
				continue
			}
			u.Fragment = ""
			link := u.RequestURI()
			if seen[link] {
				continue
			}
			seen[link] = true
			shape := routeShape(u)
			st.shapes[shape]++
			if st.shapes[shape] <= crawlSamples {
				queue = append(queue, link)
			}
		}
	}
	return st, home
}

// crawlFetch gets one link and checks it: a page answers 200 with no error and no
// stray English, a download opens as what it says it is. It reports whether the
// answer was a page.
func crawlFetch(t *testing.T, c *http.Client, base, path string) (string, bool) {
	t.Helper()
	res, err := c.Get(base + path)
	if err != nil {
		t.Errorf("GET %s: %v", path, err)
		return "", false
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Errorf("GET %s: %v", path, err)
	}
	if res.StatusCode != http.StatusOK {
		t.Errorf("GET %s: %s", path, res.Status)
	}
	ct, _, _ := mime.ParseMediaType(res.Header.Get("Content-Type"))
	if ct == "text/html" {
		if res.StatusCode == http.StatusOK {
			checkPage(t, path, string(b))
		}
		return string(b), true
	}
	if res.StatusCode == http.StatusOK {
		if err := openDownload(ct, res.Header.Get("Content-Disposition"), b); err != nil {
			t.Errorf("download %s does not open: %v", path, err)
		}
	}
	return "", false
}

// openDownload opens a file as the program its type names would: a workbook with
// excelize, a Word document as a zip with word/document.xml, a CSV as CSV.
func openDownload(ct, disposition string, b []byte) error {
	name := ""
	if _, p, err := mime.ParseMediaType(disposition); err == nil {
		name = p["filename"]
	}
	switch {
	case len(b) == 0:
		return fmt.Errorf("empty (%s)", ct)
	case strings.Contains(ct, "spreadsheetml") || strings.HasSuffix(name, ".xlsx"):
		f, err := excelize.OpenReader(bytes.NewReader(b))
		if err != nil {
			return err
		}
		defer f.Close()
		if len(f.GetSheetList()) == 0 {
			return fmt.Errorf("workbook without sheets")
		}
	case strings.Contains(ct, "wordprocessingml") || strings.HasSuffix(name, ".docx"):
		z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			return err
		}
		f, err := z.Open("word/document.xml")
		if err != nil {
			return err
		}
		f.Close()
	case ct == "text/csv" || strings.HasSuffix(name, ".csv"):
		r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))))
		r.FieldsPerRecord = -1
		rows, err := r.ReadAll()
		if err != nil {
			return err
		}
		if len(rows) == 0 {
			return fmt.Errorf("csv without a header")
		}
	}
	return nil
}

// checkPage fails a page that is an error page, the login form, or shows English
// words beyond a few names (Open311, API, xlsx…).
func checkPage(t *testing.T, path, page string) {
	t.Helper()
	if errorRe.MatchString(page) {
		main := page
		if i := strings.Index(page, "<main>"); i >= 0 {
			main = page[i:]
		}
		t.Errorf("%s shows an error page: %.200s", path, tagRe.ReplaceAllString(main, " "))
	}
	if strings.Contains(page, `id="login-form"`) {
		t.Errorf("%s sends a logged-in user to the login form", path)
	}
	text := keyRe.ReplaceAllString(entityRe.ReplaceAllString(tagRe.ReplaceAllString(page, " "), " "), " ")
	var bad []string
	for _, w := range wordRe.FindAllString(text, -1) {
		if !englishAllowed[strings.ToLower(w)] && !strings.ContainsAny(w, "0123456789") {
			bad = append(bad, w)
		}
	}
	if len(bad) > 0 {
		t.Errorf("%s shows English words: %v", path, bad[:min(len(bad), 10)])
	}
}

// TestCrawl_RolePages: for every demo role, every link on every page reachable from
// its home page answers 200 with no error page and no stray English, and every
// download opens; every count on the dashboard is the length of the list it links to.
func TestCrawl_RolePages(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		base := startDemo(t, db)
		for _, r := range demoRoles {
			t.Run(r.user, func(t *testing.T) {
				start := time.Now()
				c := loginHTTP(t, base, r.user)
				st, home := crawl(t, c, base)
				if len(st.shapes) < 10 {
					t.Fatalf("%s reaches only %d kinds of page from the home page", r.user, len(st.shapes))
				}
				matched := 0
				for _, m := range tileRe.FindAllStringSubmatch(home, -1) {
					h := strings.ReplaceAll(m[1], "&amp;", "&")
					if !strings.HasPrefix(h, "/orders?") {
						continue
					}
					matched++
					total := totalRe.FindStringSubmatch(fetchPage(t, c, base, h))
					if total == nil || total[1] != m[3] {
						t.Errorf("%s: tile %s shows %s, its list %s counts %v", r.user, m[2], m[3], h, total)
					}
				}
				if matched < 3 && r.user != "staff" && r.user != "admin" {
					t.Errorf("%s: %d order counts checked against their lists, want the dashboard's", r.user, matched)
				}
				links := 0
				for _, n := range st.shapes {
					links += n
				}
				t.Logf("%s: %d pages and %d downloads checked, %d route shapes (of %d distinct links seen), %.1f s",
					r.user, st.pages, st.downloads, len(st.shapes), links, time.Since(start).Seconds())
			})
		}
	})
}
