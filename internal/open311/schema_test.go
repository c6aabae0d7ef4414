package open311_test

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// validate checks a JSON document against a schema of testdata/schema, for the
// subset the Open311 schemas use: type, required, properties, items, enum, anyOf,
// $ref, maxLength, format date-time and uri. It also rejects properties the schema
// does not name, since responses must carry exactly the standard's fields.
func validate(t *testing.T, schemaFile string, body []byte) {
	t.Helper()
	var doc any
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatalf("response is not JSON: %v\n%s", err, body)
	}
	if errs := check(loadSchema(t, schemaFile), doc, "$"); len(errs) > 0 {
		t.Fatalf("%s: %s\n%s", schemaFile, strings.Join(errs, "; "), body)
	}
}

var schemaDir = filepath.Join("testdata", "schema")

func loadSchema(t *testing.T, name string) map[string]any {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(schemaDir, name))
	if err != nil {
		t.Fatal(err)
	}
	var s map[string]any
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return s
}

func check(s map[string]any, v any, at string) []string {
	if ref, ok := s["$ref"].(string); ok {
		b, err := os.ReadFile(filepath.Join(schemaDir, ref))
		if err != nil {
			return []string{at + ": $ref " + ref + ": " + err.Error()}
		}
		var rs map[string]any
		json.Unmarshal(b, &rs)
		return check(rs, v, at)
	}
	if alts, ok := s["anyOf"].([]any); ok {
		var all []string
		for _, alt := range alts {
			errs := check(alt.(map[string]any), v, at)
			if len(errs) == 0 {
				return nil
			}
			all = append(all, errs...)
		}
		return []string{at + ": matches no anyOf alternative (" + strings.Join(all, ", ") + ")"}
	}
	var errs []string
	if typ, ok := s["type"].(string); ok && !hasType(typ, v) {
		return []string{fmt.Sprintf("%s: want %s, got %T %v", at, typ, v, v)}
	}
	if enum, ok := s["enum"].([]any); ok && !slices.Contains(enum, v) {
		errs = append(errs, fmt.Sprintf("%s: %v not in %v", at, v, enum))
	}
	if str, ok := v.(string); ok {
		if ml, ok := s["maxLength"].(float64); ok && utf8.RuneCountInString(str) > int(ml) {
			errs = append(errs, at+": longer than maxLength")
		}
		switch s["format"] {
		case "date-time":
			if _, err := time.Parse(time.RFC3339, str); err != nil {
				errs = append(errs, at+": not a date-time: "+str)
			}
		case "uri":
			if u, err := url.Parse(str); err != nil || u.Scheme == "" {
				errs = append(errs, at+": not a uri: "+str)
			}
		}
	}
	if arr, ok := v.([]any); ok {
		if items, ok := s["items"].(map[string]any); ok {
			for i, it := range arr {
				errs = append(errs, check(items, it, fmt.Sprintf("%s[%d]", at, i))...)
			}
		}
	}
	if obj, ok := v.(map[string]any); ok {
		props, _ := s["properties"].(map[string]any)
		if req, ok := s["required"].([]any); ok {
			for _, r := range req {
				if _, ok := obj[r.(string)]; !ok {
					errs = append(errs, at+": missing required "+r.(string))
				}
			}
		}
		for k, pv := range obj {
			ps, ok := props[k].(map[string]any)
			if !ok {
				if props != nil {
					errs = append(errs, at+": property "+k+" is not in the schema")
				}
				continue
			}
			errs = append(errs, check(ps, pv, at+"."+k)...)
		}
	}
	return errs
}

func hasType(typ string, v any) bool {
	switch typ {
	case "string":
		_, ok := v.(string)
		return ok
	case "number":
		_, ok := v.(float64)
		return ok
	case "integer":
		f, ok := v.(float64)
		return ok && f == float64(int64(f))
	case "boolean":
		_, ok := v.(bool)
		return ok
	case "array":
		_, ok := v.([]any)
		return ok
	case "object":
		_, ok := v.(map[string]any)
		return ok
	case "null":
		return v == nil
	}
	return false
}

// xmlShape maps each element path of an XML document to the sorted names of its
// children; repeated elements (list items) merge into one path.
func xmlShape(t *testing.T, b []byte) map[string]string {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(string(b)))
	kids := map[string]map[string]bool{}
	var path []string
	for {
		tok, err := d.Token()
		if err != nil {
			if err.Error() == "EOF" {
				break
			}
			t.Fatalf("XML does not parse: %v\n%s", err, b)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			p := strings.Join(path, "/")
			if kids[p] == nil {
				kids[p] = map[string]bool{}
			}
			kids[p][e.Name.Local] = true
			path = append(path, e.Name.Local)
		case xml.EndElement:
			path = path[:len(path)-1]
		}
	}
	out := map[string]string{}
	for p, k := range kids {
		names := make([]string, 0, len(k))
		for n := range k {
			names = append(names, n)
		}
		sort.Strings(names)
		out[p] = strings.Join(names, ",")
	}
	return out
}

// sameXMLShape checks that an XML response has exactly the elements of a standard example.
func sameXMLShape(t *testing.T, example string, got []byte) {
	t.Helper()
	want, err := os.ReadFile(filepath.Join("testdata", "examples", example))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(got), `<?xml version="1.0" encoding="utf-8"?>`) {
		t.Fatalf("no XML declaration: %s", got)
	}
	ws, gs := xmlShape(t, want), xmlShape(t, got)
	for p, w := range ws {
		if gs[p] != w {
			t.Errorf("%s: element %q has children [%s], the standard's example [%s]\n%s", example, p, gs[p], w, got)
		}
	}
	for p := range gs {
		if _, ok := ws[p]; !ok {
			t.Errorf("%s: element %q is not in the standard's example\n%s", example, p, got)
		}
	}
}

// sameJSONKeys checks that a JSON array response has objects with exactly the keys
// of a standard example (for the responses without a schema: POST, token, errors).
func sameJSONKeys(t *testing.T, example string, got []byte) {
	t.Helper()
	want, err := os.ReadFile(filepath.Join("testdata", "examples", example))
	if err != nil {
		t.Fatal(err)
	}
	keys := func(b []byte) string {
		var arr []map[string]any
		if err := json.Unmarshal(b, &arr); err != nil || len(arr) == 0 {
			t.Fatalf("not a non-empty JSON array of objects: %v\n%s", err, b)
		}
		var ks []string
		for k := range arr[0] {
			ks = append(ks, k)
		}
		sort.Strings(ks)
		return strings.Join(ks, ",")
	}
	if w, g := keys(want), keys(got); w != g {
		t.Fatalf("%s: keys [%s], the standard's example [%s]", example, g, w)
	}
}
