package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"unicode/utf8"

	"govdesk/internal/app"
)

// bulkCacheKiB is the page cache of a bulk import's SQLite connection: at a million
// orders the indexes outgrow SQLite's default 2 000 pages many times over.
var bulkCacheKiB = 256 << 10

// bulkTx runs fn in one transaction like DB.Tx; on SQLite over a connection given a
// large page cache for the transaction's time.
func bulkTx(ctx context.Context, db *DB, fn func(tx *sql.Tx) error) error {
	if db.Engine != SQLite {
		return db.Tx(ctx, fn)
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return dbErr(err, "bulk connection")
	}
	defer conn.Close()
	var cache int
	if err := conn.QueryRowContext(ctx, `PRAGMA cache_size`).Scan(&cache); err != nil {
		return dbErr(err, "read cache size")
	}
	if _, err := conn.ExecContext(ctx, fmt.Sprintf(`PRAGMA cache_size = -%d`, bulkCacheKiB)); err != nil {
		return dbErr(err, "bulk cache size")
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), fmt.Sprintf(`PRAGMA cache_size = %d`, cache))
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return dbErr(err, "begin")
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return dbErr(tx.Commit(), "commit")
}

// flushOrders inserts the buffered new orders in one statement.
func (w *bulkWriter) flushOrders() error {
	if w.newOrders == 0 {
		return nil
	}
	st, err := w.stmt(stmtKey{"orders", w.newOrders})
	if err != nil {
		return err
	}
	if _, err := st.ExecContext(w.ctx, w.orderArgs...); err != nil {
		return importInsertErr(err)
	}
	clear(w.orderArgs) // drop references to the texts of the rows written
	w.orderArgs, w.newOrders = w.orderArgs[:0], 0
	return nil
}

// flushEvents writes the buffered events (all refer to written orders) in full batches,
// and with all also the rest.
func (w *bulkWriter) flushEvents(all bool) error {
	const full = eventBatch * nEventCols
	done := 0
	for len(w.events)-done >= full || (all && len(w.events) > done) {
		n := min(len(w.events)-done, full)
		st, err := w.stmt(stmtKey{"events", n / nEventCols})
		if err != nil {
			return err
		}
		if _, err := st.ExecContext(w.ctx, w.events[done:done+n]...); err != nil {
			return dbErr(err, "insert imported events")
		}
		done += n
	}
	rest := copy(w.events, w.events[done:])
	clear(w.events[rest:])
	w.events = w.events[:rest]
	return nil
}

func importInsertErr(err error) error {
	err = dbErr(err, "insert imported orders")
	if app.ErrorCode(err) == app.EConflict {
		return &app.Error{Code: app.EConflict, Message: "工单编号已存在（可能有另一个导入同时在进行），请重新导入", Err: err}
	}
	return err
}

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
