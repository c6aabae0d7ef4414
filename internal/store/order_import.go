package store

import (
	"context"
	"database/sql"

	"govdesk/internal/workorder"
)

// ImportOrders writes an import batch in one transaction: the regions and categories
// the batch names are created where unknown, new orders inserted with their events,
// known ones updated (their earlier imported events replaced). A number that exists
// although the batch creates it (an import running at the same time) is a conflict.
//
// Two goroutines share the work: one turns the batch's orders into statement arguments
// (ids, references, encoded event data), the other runs the statements, so that on a
// million rows the database's goroutine does nothing else.
func (s *Orders) ImportOrders(ctx context.Context, b workorder.ImportBatch) (workorder.ImportResult, error) {
	var res workorder.ImportResult
	err := bulkTx(ctx, s.DB, func(tx *sql.Tx) error {
		tree, err := loadTreeRefs(ctx, tx, b.Regions, b.Categories)
		if err != nil {
			return err
		}
		ids, err := reserveOrderIDs(ctx, tx, s.DB.Engine, b.New)
		if err != nil {
			return err
		}
		w := &bulkWriter{ctx: ctx, tx: tx, engine: s.DB.Engine}
		defer w.close()
		p := &preparer{tree: tree, ids: ids, sqlite: s.DB.Engine == SQLite}
		if err := w.run(p, b.Orders); err != nil {
			return err
		}
		res = tree.created
		res.Created, res.Updated = p.created, p.updated
		return nil
	})
	if err != nil {
		return workorder.ImportResult{}, err
	}
	return res, nil
}

// chunkOrders is how many orders travel from the preparer to the writer at a time.
const chunkOrders = 256

// run prepares the orders in one goroutine and writes them in this one.
func (w *bulkWriter) run(p *preparer, orders func(yield func(*workorder.ImportedOrder) bool)) error {
	ctx, cancel := context.WithCancel(w.ctx)
	defer cancel()
	full, free := make(chan *chunk, 4), make(chan *chunk, 6)
	var perr error
	go func() {
		defer close(full)
		c := &chunk{}
		send := func() bool {
			select {
			case full <- c:
			case <-ctx.Done():
				return false
			}
			select {
			case c = <-free:
				c.reset()
			default:
				c = &chunk{}
			}
			return true
		}
		for item := range orders {
			if perr = p.prepare(c, item); perr != nil {
				return
			}
			if c.orders() == chunkOrders && !send() {
				return
			}
		}
		if c.orders() > 0 {
			send()
		}
	}()
	var werr error
	for c := range full {
		if werr == nil {
			if werr = w.write(c); werr != nil {
				cancel() // the preparer stops; the channel drains
			}
		}
		select {
		case free <- c:
		default:
		}
	}
	switch {
	case werr != nil:
		return werr
	case perr != nil:
		return perr
	}
	return w.flushEvents(true)
}
