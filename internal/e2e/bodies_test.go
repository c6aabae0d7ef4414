package e2e

import (
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

// countingServer serves govdesk over db (demo data loaded) and counts the
// request body bytes the server reads, all requests together.
func countingServer(t *testing.T, db *store.DB) (string, *atomic.Int64) {
	t.Helper()
	h := demoHandler(t, db)
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = countingBody{r.Body, &n}
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv.URL, &n
}

type countingBody struct {
	io.ReadCloser
	n *atomic.Int64
}

func (c countingBody) Read(p []byte) (int, error) {
	k, err := c.ReadCloser.Read(p)
	c.n.Add(int64(k))
	return k, err
}

// webSession signs user in through the login form and returns the client
// (cookies kept, redirects not followed) and the session's CSRF token.
func webSession(t *testing.T, base, user string) (*http.Client, string) {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	token := func(path string) string {
		resp, err := c.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		m := regexp.MustCompile(`name="csrf_token" value="([^"]+)"`).FindSubmatch(b)
		if m == nil {
			t.Fatalf("no csrf_token on %s (%d)", path, resp.StatusCode)
		}
		return string(m[1])
	}
	resp, err := c.PostForm(base+"/login", url.Values{"username": {user}, "password": {"demo"}, "csrf_token": {token("/login")}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("login %s: %d", user, resp.StatusCode)
	}
	return c, token("/orders/import")
}

// multipartBody streams a form: the csrf_token field first (as the pages send
// it), then a file of size bytes generated on the fly; read counts what the
// client took from the generator.
func multipartBody(csrf, name string, size int64, read *atomic.Int64) (io.Reader, string) {
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go func() {
		if err := mw.WriteField("csrf_token", csrf); err != nil {
			pw.CloseWithError(err)
			return
		}
		fw, err := mw.CreateFormFile("file", name)
		if err != nil {
			pw.CloseWithError(err)
			return
		}
		chunk := append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{7}, 64<<10-8)...)
		for left := size; left > 0; {
			k := min(left, int64(len(chunk)))
			if _, err := fw.Write(chunk[:k]); err != nil {
				pw.CloseWithError(err)
				return
			}
			read.Add(k)
			left -= k
			chunk = chunk[:cap(chunk)]
			chunk[0] = 7
		}
		pw.CloseWithError(mw.Close())
	}()
	return pr, mw.FormDataContentType()
}

func post(t *testing.T, c *http.Client, u, ctype string, body io.Reader, length int64, hdr map[string]string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest("POST", u, body)
	req.Header.Set("Content-Type", ctype)
	req.ContentLength = length
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := c.Do(req)
	if err != nil {
		return 0, err.Error() // the server may close the connection on a refused body
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// multipartTemps lists the multipart-* temporary files in dir.
func multipartTemps(dir string) []string {
	m, _ := filepath.Glob(filepath.Join(dir, "multipart-*"))
	return m
}

// orderToUpload files an order as the operator through the API and returns the
// operator's token and the order's id, for the upload tests to attach files to.
func orderToUpload(t *testing.T, db *store.DB, base string) (map[string]string, string) {
	t.Helper()
	tok := tokens(t, db, "operator")
	r := call(t, http.DefaultClient, "POST", base+"/api/v1/orders", tok["operator"],
		`{"type":"投诉","content":"小区门口路面塌陷","citizen_phone":"13900139000","town":"乐城街道"}`, nil)
	if r.Status != 201 {
		t.Fatalf("create: %+v", r)
	}
	return tok, fmt.Sprint(r.Body["id"])
}

// TestUpload_LeavesNoTempFiles uploads files over the 8 MB that net/http keeps
// in memory through every door that takes a file — an attachment on the page
// and through the API, an import on the page — and finds no multipart-*
// temporary file left once each request is answered.
func TestUpload_LeavesNoTempFiles(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		base, _ := countingServer(t, db)
		tok, id := orderToUpload(t, db, base)
		web, csrf := webSession(t, base, "operator")
		dispatcher, dcsrf := webSession(t, base, "dispatcher")
		const size = 9 << 20
		for _, c := range []struct {
			door   string
			client *http.Client
			url    string
			csrf   string
			hdr    map[string]string
			want   int
		}{
			{"page attachment", web, base + "/orders/" + id + "/attachments", csrf, nil, http.StatusSeeOther},
			{"API attachment", http.DefaultClient, base + "/api/v1/orders/" + id + "/attachments", "", map[string]string{"Authorization": "Bearer " + tok["operator"]}, http.StatusCreated},
			{"page import", dispatcher, base + "/orders/import", dcsrf, nil, http.StatusBadRequest},
		} {
			var read atomic.Int64
			body, ctype := multipartBody(c.csrf, "照片.png", size, &read)
			status, out := post(t, c.client, c.url, ctype, body, -1, c.hdr)
			if status != c.want {
				t.Fatalf("%s: %d, want %d: %.300s", c.door, status, c.want, out)
			}
			deadline := time.Now().Add(3 * time.Second)
			for len(multipartTemps(tmp)) > 0 && time.Now().Before(deadline) {
				time.Sleep(20 * time.Millisecond)
			}
			if left := multipartTemps(tmp); len(left) > 0 {
				t.Fatalf("%s: temporary files left behind: %v", c.door, left)
			}
		}
	})
}

// TestCSRF_CheckedBeforeTheBody sends a 600 MB multipart body, streamed from a
// generator, with a wrong CSRF token: it is refused having read at most the
// first 64 KB of it. With the right token, a body announced over the route's cap
// is refused with 413 before any of it is read, and one streamed without a
// length stops at the cap.
func TestCSRF_CheckedBeforeTheBody(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		base, served := countingServer(t, db)
		_, id := orderToUpload(t, db, base)
		web, csrf := webSession(t, base, "operator")
		attach := base + "/orders/" + id + "/attachments"
		const huge = 600 << 20

		var read atomic.Int64
		served.Store(0)
		body, ctype := multipartBody("not-the-token", "x.png", huge, &read)
		status, out := post(t, web, attach, ctype, body, -1, nil)
		if status != http.StatusForbidden || !strings.Contains(out, "CSRF") {
			t.Fatalf("wrong token: %d %.300s", status, out)
		}
		if n := served.Load(); n > 128<<10 {
			t.Errorf("the server read %d bytes before refusing a wrong CSRF token, want at most 128 KB", n)
		}
		if n := read.Load(); n > 64<<20 {
			t.Errorf("the client sent %d MB of a refused body", n>>20)
		}

		for _, length := range []int64{huge, -1} {
			read.Store(0)
			served.Store(0)
			body, ctype = multipartBody(csrf, "x.png", huge, &read)
			// With a length announced the client waits for the server's go-ahead
			// (as curl does for large bodies), so it reads the refusal.
			status, out = post(t, web, attach, ctype, body, length, map[string]string{"Expect": "100-continue"})
			if length > 0 && (status != http.StatusRequestEntityTooLarge || !strings.Contains(out, "超过 11 MB 的上限") || served.Load() != 0) {
				t.Errorf("announced 600 MB: %d, read %d bytes: %.300s", status, served.Load(), out)
			}
			if length < 0 && (status != http.StatusRequestEntityTooLarge || !strings.Contains(out, "上传的文件超过 10 MB 的上限") || served.Load() > 12<<20) {
				t.Errorf("streamed 600 MB: %d, read %d MB: %.300s", status, served.Load()>>20, out)
			}
		}
		if left := multipartTemps(tmp); len(left) > 0 {
			t.Errorf("temporary files left behind: %v", left)
		}
	})
}
