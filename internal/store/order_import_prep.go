package store

import (
	"context"
	"database/sql"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/workorder"
)

// chunk is a run of prepared orders: the arguments of their statements.
type chunk struct {
	inserts [][]any // per new order: importInsertArgs
	updates [][]any // per updated order: importUpdateArgs
	events  []any   // nEventCols per event, of the orders above
	pool    []any   // backing store of inserts, reused
}

func (c *chunk) orders() int { return len(c.inserts) + len(c.updates) }

func (c *chunk) reset() {
	clear(c.pool)
	clear(c.events)
	c.inserts, c.updates, c.events, c.pool = c.inserts[:0], c.updates[:0], c.events[:0], c.pool[:0]
}

// preparer turns imported orders into statement arguments; it touches no database.
type preparer struct {
	tree             *treeRefs
	ids              []int64 // reserved for the new orders
	sqlite           bool
	enc              eventEncoder
	created, updated int
}

// prepare adds one order, its events and its audit event to c.
func (p *preparer) prepare(c *chunk, item *workorder.ImportedOrder) error {
	o := &item.Order
	if err := p.tree.lookup(o); err != nil {
		return err
	}
	if o.ID != 0 {
		c.updates = append(c.updates, p.times(importUpdateArgs(o, item)))
		p.updated++
	} else {
		if len(p.ids) == 0 {
			return app.Internal(nil, "import: more new orders than ids reserved")
		}
		o.ID, p.ids = p.ids[0], p.ids[1:]
		n := len(c.pool)
		var ok bool
		if c.pool, ok = importInsertArgs(c.pool, o); !ok {
			return app.Internal(nil, "import: order "+o.No+" sets a column the bulk insert leaves to its default")
		}
		p.times(c.pool[n:])
		c.inserts = append(c.inserts, c.pool[n:len(c.pool):len(c.pool)])
		p.created++
	}
	for i := range item.Events {
		c.events = p.event(c.events, o.ID, &item.Events[i])
	}
	if item.Audit != nil {
		c.events = p.event(c.events, o.ID, item.Audit)
	}
	return nil
}

func (p *preparer) event(args []any, orderID int64, ev *workorder.Event) []any {
	return append(args, orderID, ev.Action, p.time(utc(ev.At)), ev.Actor, string(ev.From), string(ev.To), ev.Note, p.enc.encode(ev.Data))
}

// times replaces the times among args by p.time's form and returns args.
func (p *preparer) times(args []any) []any {
	if p.sqlite {
		for i, v := range args {
			if t, ok := v.(time.Time); ok {
				args[i] = p.time(t)
			}
		}
	}
	return args
}

// time returns t as the SQLite driver would store it ("2006-01-02 15:04:05.999999999-07:00"
// in UTC), formatted here once rather than by the driver in the writer's goroutine; on
// PostgreSQL t itself.
func (p *preparer) time(t time.Time) any {
	if !p.sqlite || t.Nanosecond() != 0 || t.Location() != time.UTC || t.Year() < 1000 || t.Year() > 9999 {
		return t
	}
	var b [25]byte
	y, mo, d := t.Date()
	h, mi, s := t.Clock()
	put := func(i, v, n int) {
		for j := i + n - 1; j >= i; j-- {
			b[j] = byte('0' + v%10)
			v /= 10
		}
	}
	put(0, y, 4)
	b[4], b[7], b[10], b[13], b[16] = '-', '-', ' ', ':', ':'
	put(5, int(mo), 2)
	put(8, d, 2)
	put(11, h, 2)
	put(14, mi, 2)
	put(17, s, 2)
	copy(b[19:], "+00:00")
	return string(b[:])
}

// reserveOrderIDs returns n ids for new orders. On SQLite the import's transaction holds
// the write lock from its start, so ids simply continue from the largest one; on
// PostgreSQL they are drawn from the table's identity sequence.
func reserveOrderIDs(ctx context.Context, tx *sql.Tx, engine string, n int) ([]int64, error) {
	if n == 0 {
		return nil, nil
	}
	if engine == SQLite {
		var last int64
		if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM orders`).Scan(&last); err != nil {
			return nil, dbErr(err, "last order id")
		}
		ids := make([]int64, n)
		for i := range ids {
			ids[i] = last + int64(i) + 1
		}
		return ids, nil
	}
	return queryAll(ctx, tx, "reserve order ids", func(sc rowScanner) (id int64, err error) {
		err = sc.Scan(&id)
		return id, err
	}, `SELECT nextval(pg_get_serial_sequence('orders', 'id')) FROM generate_series(1, $1)`, n)
}
