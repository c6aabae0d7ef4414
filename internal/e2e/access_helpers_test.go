package e2e

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// rawResp is a response as status and body text, for checks that look for leaked data.
type rawResp struct {
	status int
	body   string
}

// sendRaw sends a request (with a bearer token when token is set, a JSON body when
// body is set) and returns the status and body, whatever their form.
func sendRaw(t *testing.T, c *http.Client, method, u, token, body string) rawResp {
	t.Helper()
	req, err := http.NewRequest(method, u, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return rawResp{res.StatusCode, string(b)}
}

// getRaw is sendRaw for a GET.
func getRaw(t *testing.T, c *http.Client, u, token string) rawResp {
	t.Helper()
	return sendRaw(t, c, "GET", u, token, "")
}
