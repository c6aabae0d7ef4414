// Package documenttest helps tests open generated office files: it unzips a
// .docx/.xlsx, reads the text of its XML parts, and checks LibreOffice is
// available for conversion tests.
package documenttest

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"sort"
	"strings"
	"testing"
)

// RequireOffice skips the test when soffice or pdftotext is missing, or
// fails it when GOVDESK_TEST_OFFICE_REQUIRED=1 (as in CI).
func RequireOffice(t testing.TB) {
	t.Helper()
	for _, bin := range []string{"soffice", "pdftotext"} {
		if _, err := exec.LookPath(bin); err != nil {
			if os.Getenv("GOVDESK_TEST_OFFICE_REQUIRED") == "1" {
				t.Fatalf("GOVDESK_TEST_OFFICE_REQUIRED=1 but %s is not installed", bin)
			}
			t.Skipf("%s not installed", bin)
		}
	}
}

// Parts unzips an office file and returns its parts by name.
func Parts(t testing.TB, data []byte) map[string][]byte {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a zip package: %v", err)
	}
	out := map[string][]byte{}
	for _, f := range z.File {
		r, err := f.Open()
		if err != nil {
			t.Fatalf("open %s: %v", f.Name, err)
		}
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatalf("read %s: %v", f.Name, err)
		}
		out[f.Name] = b
	}
	return out
}

// Names returns the sorted part names with a prefix.
func Names(parts map[string][]byte, prefix string) []string {
	var out []string
	for n := range parts {
		if strings.HasPrefix(n, prefix) {
			out = append(out, n)
		}
	}
	sort.Strings(out)
	return out
}

// Texts parses an XML part (failing the test if it is not well-formed) and
// returns the character data of every element with the given local name
// (e.g. "t" for Word text, "v" for chart values), in document order.
func Texts(t testing.TB, part []byte, local string) []string {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(part))
	var out []string
	var cur *strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("XML is not well-formed: %v", err)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			if el.Name.Local == local {
				cur = &strings.Builder{}
			}
		case xml.CharData:
			if cur != nil {
				cur.Write(el)
			}
		case xml.EndElement:
			if el.Name.Local == local && cur != nil {
				out = append(out, cur.String())
				cur = nil
			}
		}
	}
}

// DocxText returns the paragraphs of a .docx's document.xml, each the
// concatenation of its w:t runs.
func DocxText(t testing.TB, data []byte) []string {
	t.Helper()
	doc := Parts(t, data)["word/document.xml"]
	if doc == nil {
		t.Fatal("no word/document.xml")
	}
	dec := xml.NewDecoder(bytes.NewReader(doc))
	var out []string
	var para *strings.Builder
	inT := false
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("document.xml is not well-formed: %v", err)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			switch el.Name.Local {
			case "p":
				para = &strings.Builder{}
			case "t":
				inT = true
			}
		case xml.CharData:
			if inT && para != nil {
				para.Write(el)
			}
		case xml.EndElement:
			switch el.Name.Local {
			case "t":
				inT = false
			case "p":
				if para != nil && para.Len() > 0 {
					out = append(out, para.String())
				}
				para = nil
			}
		}
	}
}

// Contains reports whether any line contains s.
func Contains(lines []string, s string) bool {
	for _, l := range lines {
		if strings.Contains(l, s) {
			return true
		}
	}
	return false
}
