package store

import (
	"encoding/json"
	"testing"
	"time"
)

// The preparer formats times as the SQLite driver does, so stored texts compare alike.
func TestPreparer_Time(t *testing.T) {
	p := &preparer{sqlite: true}
	for _, tm := range []time.Time{time.Date(2022, 3, 21, 9, 5, 7, 0, time.UTC), time.Date(1999, 12, 31, 23, 59, 59, 0, time.UTC)} {
		if got, want := p.time(tm), tm.Format("2006-01-02 15:04:05.999999999-07:00"); got != want {
			t.Errorf("%v: %q, driver writes %q", tm, got, want)
		}
	}
	odd := time.Date(2022, 3, 21, 9, 5, 7, 1000, time.UTC)
	if _, ok := p.time(odd).(time.Time); !ok {
		t.Error("a time with microseconds is left to the driver")
	}
	if _, ok := (&preparer{}).time(odd).(time.Time); !ok {
		t.Error("PostgreSQL gets times")
	}
}

func TestBulkWriter_Positional(t *testing.T) {
	w := &bulkWriter{engine: SQLite}
	if got := w.positional(`UPDATE t SET a = $1, b = $12 WHERE c = '$x' AND id = $13`); got != `UPDATE t SET a = ?, b = ? WHERE c = '$x' AND id = ?` {
		t.Errorf("sqlite: %s", got)
	}
	if got := (&bulkWriter{engine: Postgres}).positional(`a = $1`); got != `a = $1` {
		t.Errorf("postgres: %s", got)
	}
}

func TestEventEncoder(t *testing.T) {
	var e eventEncoder
	for _, data := range []map[string]string{nil, {"b": "2", "a": "引号\"\\\n\t\x01<&>"}, {"bad": "\xff"}} {
		var back map[string]string
		s := e.encode(data)
		if err := json.Unmarshal([]byte(s), &back); err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		for k, v := range data {
			if back[k] != v && !(k == "bad" && back[k] == "\ufffd") {
				t.Errorf("%s: %q, want %q", k, back[k], v)
			}
		}
	}
	if s := e.encode(map[string]string{"b": "2", "a": "1"}); s != `{"a":"1","b":"2"}` {
		t.Errorf("keys not sorted: %s", s)
	}
}
