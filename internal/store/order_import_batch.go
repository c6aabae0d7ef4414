package store

import (
	"context"
	"database/sql"
	"fmt"

	"govdesk/internal/app"
)

// bulkCacheKiB is the page cache of a bulk import's SQLite connection: at a million
// orders the indexes outgrow SQLite's default 2 000 pages many times over.
var bulkCacheKiB = 256 << 10

// BeforeBulkCommit, when set, runs inside every bulk import's transaction after all
// its writes and just before the commit. It is nil in the product; the crash tests'
// helper process sets it to hold an import there while the test kills the process,
// so that the kill lands inside the transaction by construction, not by timing.
var BeforeBulkCommit func()

// bulkTx runs fn in one transaction like DB.Tx; on SQLite over a connection given a
// large page cache for the transaction's time.
func bulkTx(ctx context.Context, db *DB, write func(tx *sql.Tx) error) error {
	fn := func(tx *sql.Tx) error {
		if err := write(tx); err != nil {
			return err
		}
		if BeforeBulkCommit != nil {
			BeforeBulkCommit()
		}
		return nil
	}
	if db.Engine != SQLite {
		return db.Tx(ctx, fn)
	}
	defer db.lockWrite()() // this process's other writers wait for the import, as for any write
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

// bulkWriter runs the statements of an import: orders first, then the events that
// refer to them, in multi-row statements prepared once.
type bulkWriter struct {
	ctx    context.Context
	tx     *sql.Tx
	engine string
	stmts  map[stmtKey]*sql.Stmt // prepared on first use
	events []any                 // rows of nEventCols values, of written orders
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

// write runs the statements of one chunk; events wait for full batches.
func (w *bulkWriter) write(c *chunk) error {
	step := 1
	if w.engine == Postgres {
		step = pgOrderBatch
	}
	for i := 0; i < len(c.inserts); i += step {
		rows := c.inserts[i:min(i+step, len(c.inserts))]
		st, err := w.stmt(stmtKey{"orders", len(rows)})
		if err != nil {
			return err
		}
		args := rows[0]
		if len(rows) > 1 {
			args = make([]any, 0, len(rows)*nImportInsertCols)
			for _, r := range rows {
				args = append(args, r...)
			}
		}
		if _, err := st.ExecContext(w.ctx, args...); err != nil {
			return importInsertErr(err)
		}
	}
	for _, args := range c.updates {
		if err := w.update(args); err != nil {
			return err
		}
	}
	w.events = append(w.events, c.events...)
	return w.flushEvents(false)
}

// update rewrites a known order from its row and drops the events earlier imports wrote.
func (w *bulkWriter) update(args []any) error {
	upd, err := w.stmt(stmtKey{kind: "update"})
	if err != nil {
		return err
	}
	res, err := upd.ExecContext(w.ctx, args...)
	if err != nil {
		return dbErr(err, "update imported order")
	}
	id := args[len(args)-1]
	if n, _ := res.RowsAffected(); n != 1 {
		return &app.Error{Code: app.EConflict, Message: "有工单在导入过程中被删除，请重新导入", Detail: fmt.Sprintf("order %v gone", id)}
	}
	del, err := w.stmt(stmtKey{kind: "delete-events"})
	if err != nil {
		return err
	}
	if _, err := del.ExecContext(w.ctx, id); err != nil {
		return dbErr(err, "replace imported events")
	}
	return nil
}

// flushEvents writes the buffered events in full batches, and with all also the rest.
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
