package web

import "testing"

// TestSafeNext_KnownBypasses walks the open-redirect spellings of the OWASP and
// PortSwigger lists: each must fall back to "/", and paths on this site are kept.
func TestSafeNext_KnownBypasses(t *testing.T) {
	for _, bad := range []string{
		"", "evil", "//evil", "///evil", "////evil", "/\\evil", "\\/evil", "\\\\evil", "/\t/evil", "/\n/evil", "/\r/evil",
		"/%09/evil", "/%0a/evil", "/%0d/evil", "/%00/evil", "/%2F%2Fevil", "/%2f%2fevil", "/%5Cevil", "/%5cevil",
		"/%252F%252Fevil", "/%25252F%25252Fevil", "/%2525252F%2525252Fevil", "https:evil", "https://evil", "http:/evil",
		"javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x", "/.//evil", "/./\\evil", "/.\\/evil",
		"/../evil", "/a/../..//evil", "/./evil", "  /evil", " //evil", "/ /evil", "/\u3000/evil", "/\u00a0/evil",
		"/%E3%80%80/evil", "/%zz", "/\x7f/evil", "/\xff/evil", "//evil/%2e%2e", "/%2e/%2e%2e//evil", "/%2e%2e/evil",
		"//user@evil", "/orders\\..\\..\\evil", "/orders?next=\\evil", "/orders#\t",
	} {
		if got := safeNext(bad); got != "/" {
			t.Errorf("safeNext(%q) = %q, want /", bad, got)
		}
	}
	for _, good := range []string{"/", "/orders?status=open", "/orders/12", "/orders/12/", "/kb/articles?q=%E5%B1%B1",
		"/policies/applications", "/orders?status=open&page=2#top"} {
		if got := safeNext(good); got != good {
			t.Errorf("safeNext(%q) = %q, want it kept", good, got)
		}
	}
}
