package store

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strconv"
	"time"
)

// timeLayouts are the forms a time may take in a backup or in a SQLite text column.
var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02 15:04:05.999999999-07:00",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02",
}

func parseBackupTime(s string) (time.Time, bool) {
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// encodeValue turns a scanned value into its engine-neutral JSON form: booleans
// as true/false, times as RFC 3339 in UTC, bytes as base64.
func encodeValue(k colKind, v any) any {
	if b, ok := v.([]byte); ok && k != kindBytes {
		v = string(b)
	}
	switch k {
	case kindBool:
		switch x := v.(type) {
		case int64:
			return x != 0
		case string:
			return x == "1" || x == "true" || x == "t"
		}
	case kindTime:
		switch x := v.(type) {
		case time.Time:
			return x.UTC().Format(time.RFC3339Nano)
		case string:
			if t, ok := parseBackupTime(x); ok {
				return t.UTC().Format(time.RFC3339Nano)
			}
		}
	case kindBytes:
		if b, ok := v.([]byte); ok {
			return base64.StdEncoding.EncodeToString(b)
		}
	}
	return v
}

// decodeValue turns a backup's JSON value (decoded with UseNumber) into the value
// to bind for a column of kind k on the target engine.
func decodeValue(k colKind, v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	switch k {
	case kindBool:
		switch x := v.(type) {
		case bool:
			return x, nil
		case json.Number:
			return x.String() != "0", nil
		}
	case kindTime:
		if s, ok := v.(string); ok {
			if t, ok := parseBackupTime(s); ok {
				return utc(t), nil
			}
			return nil, fmt.Errorf("bad time %q", s)
		}
	case kindInt:
		switch x := v.(type) {
		case json.Number:
			if i, err := x.Int64(); err == nil {
				return i, nil
			}
			f, err := x.Float64()
			if err != nil || f != float64(int64(f)) {
				return nil, fmt.Errorf("bad integer %s", x)
			}
			return int64(f), nil
		case bool:
			if x {
				return int64(1), nil
			}
			return int64(0), nil
		}
	case kindFloat:
		if x, ok := v.(json.Number); ok {
			return x.Float64()
		}
	case kindBytes:
		if s, ok := v.(string); ok {
			return base64.StdEncoding.DecodeString(s)
		}
	case kindText:
		switch x := v.(type) {
		case string:
			return x, nil
		case json.Number:
			return x.String(), nil
		case bool:
			return strconv.FormatBool(x), nil
		}
	}
	if s, ok := v.(string); ok {
		return s, nil
	}
	return nil, fmt.Errorf("value %v (%T) does not fit the column", v, v)
}
