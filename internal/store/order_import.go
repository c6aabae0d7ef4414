package store

import (
	"context"
	"database/sql"

	"govdesk/internal/app"
	"govdesk/internal/workorder"
)

// ImportOrders writes an import batch in one transaction: regions and categories first
// met are created, new orders inserted with their events, known ones updated (their
// earlier imported events replaced). A number that exists although the batch creates it
// (an import running at the same time) is a conflict.
func (s *Orders) ImportOrders(ctx context.Context, b workorder.ImportBatch) (workorder.ImportResult, error) {
	var res workorder.ImportResult
	err := bulkTx(ctx, s.DB, func(tx *sql.Tx) error {
		tree, err := loadTreeRefs(ctx, tx)
		if err != nil {
			return err
		}
		w := newBulkWriter(ctx, tx, s.DB.Engine, tree)
		defer w.close()
		for item := range b.Orders {
			if err := w.add(item); err != nil {
				return err
			}
		}
		if err := w.flushOrders(); err != nil {
			return err
		}
		if err := w.flushEvents(true); err != nil {
			return err
		}
		res = w.tree.created
		res.Created, res.Updated = w.created, w.updated
		return nil
	})
	if err != nil {
		return workorder.ImportResult{}, err
	}
	return res, nil
}

// bulkWriter buffers the orders and events of an import and writes them in multi-row
// statements. New orders get their ids before they are written (newID), so their events
// refer to them at once; events are written after the orders they refer to.
type bulkWriter struct {
	ctx              context.Context
	tx               *sql.Tx
	engine           string
	tree             *treeRefs
	stmts            map[stmtKey]*sql.Stmt // prepared on first use
	orderBatch       int                   // new orders per INSERT
	orderArgs        []any                 // id and orderArgs of the new orders not yet written
	newOrders        int
	idPool           []int64 // ids reserved for new orders
	lastID           int64   // SQLite: the last id reserved
	events           []any   // rows of nEventCols values
	created, updated int
	enc              eventEncoder
}

// Rows per multi-row INSERT. On SQLite orders go one by one: a multi-row INSERT into
// a table with a unique index keeps a statement journal, which costs more than the
// statement saves; on PostgreSQL a hundred at a time save the round trips. Events have
// 8 columns: eventBatch of them stay far below both engines' limits on parameters.
const (
	pgOrderBatch = 100
	eventBatch   = 100
	nEventCols   = 8
)

func newBulkWriter(ctx context.Context, tx *sql.Tx, engine string, tree *treeRefs) *bulkWriter {
	w := &bulkWriter{ctx: ctx, tx: tx, engine: engine, tree: tree, orderBatch: 1}
	if engine == Postgres {
		w.orderBatch = pgOrderBatch
	}
	return w
}

// add queues one order: a new one joins the insert batch, a known one is updated at once.
func (w *bulkWriter) add(item *workorder.ImportedOrder) error {
	o := &item.Order
	if err := w.tree.resolve(w.ctx, o); err != nil {
		return err
	}
	if o.ID != 0 {
		if err := w.update(item); err != nil {
			return err
		}
	} else {
		id, err := w.newID()
		if err != nil {
			return err
		}
		o.ID = id
		w.orderArgs = append(append(w.orderArgs, id), orderArgs(o)...)
		w.newOrders++
		w.created++
	}
	for i := range item.Events {
		w.addEvent(o.ID, &item.Events[i])
	}
	if item.Audit != nil {
		w.addEvent(o.ID, item.Audit)
	}
	if w.newOrders == w.orderBatch || len(w.events) >= 4*eventBatch*nEventCols {
		if err := w.flushOrders(); err != nil {
			return err
		}
		return w.flushEvents(false)
	}
	return nil
}

// update rewrites a known order from its row and drops the events earlier imports wrote.
func (w *bulkWriter) update(item *workorder.ImportedOrder) error {
	upd, err := w.stmt(stmtKey{kind: "update"})
	if err != nil {
		return err
	}
	res, err := upd.ExecContext(w.ctx, importUpdateArgs(&item.Order, item.PhoneMasked)...)
	if err != nil {
		return dbErr(err, "update imported order")
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return app.Conflict("工单 %s 在导入过程中被删除，请重新导入", item.Order.No)
	}
	del, err := w.stmt(stmtKey{kind: "delete-events"})
	if err != nil {
		return err
	}
	if _, err := del.ExecContext(w.ctx, item.Order.ID); err != nil {
		return dbErr(err, "replace imported events")
	}
	w.updated++
	return nil
}

func (w *bulkWriter) addEvent(orderID int64, ev *workorder.Event) {
	w.events = append(w.events, orderID, ev.Action, utc(ev.At), ev.Actor, string(ev.From), string(ev.To), ev.Note, w.enc.encode(ev.Data))
}

// newID returns the id of the next new order. On SQLite the import's transaction holds
// the write lock from its start, so ids simply continue from the largest one; on
// PostgreSQL they are drawn from the table's identity sequence, a batch at a time.
func (w *bulkWriter) newID() (int64, error) {
	if w.engine == SQLite {
		if w.lastID == 0 {
			if err := w.tx.QueryRowContext(w.ctx, `SELECT COALESCE(MAX(id), 0) FROM orders`).Scan(&w.lastID); err != nil {
				return 0, dbErr(err, "last order id")
			}
		}
		w.lastID++
		return w.lastID, nil
	}
	if len(w.idPool) == 0 {
		ids, err := queryAll(w.ctx, w.tx, "reserve order ids", func(sc rowScanner) (id int64, err error) {
			err = sc.Scan(&id)
			return id, err
		}, `SELECT nextval(pg_get_serial_sequence('orders', 'id')) FROM generate_series(1, $1)`, w.orderBatch)
		if err != nil {
			return 0, err
		}
		w.idPool = ids
	}
	id := w.idPool[0]
	w.idPool = w.idPool[1:]
	return id, nil
}
