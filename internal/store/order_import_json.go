package store

import (
	"slices"
	"unicode/utf8"
)

// eventEncoder renders an event's data as the JSON object FindEvents reads, keys
// sorted, without encoding/json's reflection: an import writes millions of them.
type eventEncoder struct {
	buf  []byte
	keys []string
	memo map[string]string // a few data objects repeat endlessly ({"approve":"true"}): share their strings
}

func (e *eventEncoder) encode(data map[string]string) string {
	if len(data) == 0 {
		return "{}"
	}
	e.keys = e.keys[:0]
	for k := range data {
		e.keys = append(e.keys, k)
	}
	slices.Sort(e.keys)
	e.buf = append(e.buf[:0], '{')
	for i, k := range e.keys {
		if i > 0 {
			e.buf = append(e.buf, ',')
		}
		e.buf = appendJSONString(e.buf, k)
		e.buf = append(e.buf, ':')
		e.buf = appendJSONString(e.buf, data[k])
	}
	e.buf = append(e.buf, '}')
	if e.memo == nil {
		e.memo = map[string]string{}
	}
	if s, ok := e.memo[string(e.buf)]; ok {
		return s
	}
	s := string(e.buf)
	if len(e.memo) < 4096 {
		e.memo[s] = s
	}
	return s
}

// appendJSONString appends s as a JSON string: quotes, backslashes and control
// characters escaped, invalid UTF-8 replaced by U+FFFD.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c < 0x20:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, "\ufffd"...)
		} else {
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}
