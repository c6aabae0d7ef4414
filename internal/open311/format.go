package open311

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"net/http"
	"strconv"
	"time"
)

// zone is the time zone of every datetime written (the standard requires an offset).
var zone = time.FixedZone("CST", 8*3600)

// w3 formats a time in the w3 subset of ISO 8601 the standard requires.
func w3(t time.Time) string { return t.In(zone).Format(time.RFC3339) }

// field is one element of a response object, in the standard's order. A nil value is
// written as JSON null and as an empty XML element.
type field struct {
	name  string
	value any // string, bool, int, float64, []any of objects, or nil
}

// object is an ordered list of fields: the standard's examples fix the element order.
type object []field

// MarshalJSON writes the fields in order.
func (o object) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, f := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(f.name)
		b.Write(k)
		b.WriteByte(':')
		v, err := json.Marshal(f.value)
		if err != nil {
			return nil, err
		}
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// list is a named XML list of objects: <root><item>…</item>…</root> in XML, an array in JSON.
type list struct {
	root, item string
	items      []object
}

func writeXMLText(b *bytes.Buffer, s string) { xml.EscapeText(b, []byte(s)) }

func writeXMLValue(b *bytes.Buffer, v any) {
	switch x := v.(type) {
	case nil:
	case string:
		writeXMLText(b, x)
	case bool:
		b.WriteString(strconv.FormatBool(x))
	case int:
		b.WriteString(strconv.Itoa(x))
	case float64:
		b.WriteString(strconv.FormatFloat(x, 'f', -1, 64))
	case list:
		for _, it := range x.items {
			writeXMLObject(b, x.item, it)
		}
	case []string:
		for _, s := range x {
			b.WriteString("<format>")
			writeXMLText(b, s)
			b.WriteString("</format>")
		}
	}
}

func writeXMLObject(b *bytes.Buffer, name string, o object) {
	b.WriteString("<" + name + ">")
	for _, f := range o {
		if f.value == nil {
			b.WriteString("<" + f.name + "/>")
			continue
		}
		b.WriteString("<" + f.name + ">")
		writeXMLValue(b, f.value)
		b.WriteString("</" + f.name + ">")
	}
	b.WriteString("</" + name + ">")
}

// MarshalJSON writes a list as a JSON array.
func (l list) MarshalJSON() ([]byte, error) {
	if l.items == nil {
		return []byte("[]"), nil
	}
	return json.Marshal(l.items)
}

const xmlHeader = `<?xml version="1.0" encoding="utf-8"?>` + "\n"

// write sends v (a list or an object named root) in the format: "json" or "xml".
func write(w http.ResponseWriter, format string, status int, root string, v any) {
	var b bytes.Buffer
	// the data is public and POST needs a key, so browser-based Open311 clients may read every response
	w.Header().Set("Access-Control-Allow-Origin", "*")
	if format == "json" {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		if err := json.NewEncoder(&b).Encode(v); err != nil {
			status = http.StatusInternalServerError
			b.Reset()
			b.WriteString(`[{"code":500,"description":"内部错误"}]`)
		}
	} else {
		w.Header().Set("Content-Type", "text/xml; charset=utf-8")
		b.WriteString(xmlHeader)
		switch x := v.(type) {
		case list:
			b.WriteString("<" + x.root + ">")
			writeXMLValue(&b, x)
			b.WriteString("</" + x.root + ">\n")
		case object:
			writeXMLObject(&b, root, x)
			b.WriteByte('\n')
		}
	}
	w.WriteHeader(status)
	w.Write(b.Bytes())
}

// writeErrors sends the standard error body: [{code, description}] / <errors><error>….
func writeErrors(w http.ResponseWriter, format string, status int, descriptions ...string) {
	l := list{root: "errors", item: "error"}
	for _, d := range descriptions {
		l.items = append(l.items, object{{"code", status}, {"description", d}})
	}
	write(w, format, status, "", l)
}

// nullable returns nil for the empty string, so that it is written as null.
func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}
