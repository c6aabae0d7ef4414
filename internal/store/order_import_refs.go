package store

import (
	"context"
	"database/sql"
	"strings"

	"govdesk/internal/account"
	"govdesk/internal/workorder"
)

var _ workorder.ImportStore = (*Orders)(nil)

// FindImportUnits returns every unit, active or not.
func (s *Orders) FindImportUnits(ctx context.Context) ([]workorder.ImportUnit, error) {
	return queryAll(ctx, s.DB, "find import units", func(sc rowScanner) (u workorder.ImportUnit, err error) {
		err = sc.Scan(&u.ID, &u.Code, &u.Name, &u.Active)
		return u, err
	}, `SELECT id, code, name, active FROM units ORDER BY code`)
}

// headChunk is how many numbers one lookup query carries.
const headChunk = 500

// FindOrderHeads returns the orders among nos that exist, keyed by number, looked up
// headChunk numbers per query.
func (s *Orders) FindOrderHeads(ctx context.Context, nos []string) (map[string]workorder.OrderHead, error) {
	heads := map[string]workorder.OrderHead{}
	var empty bool
	if err := s.DB.QueryRowContext(ctx, `SELECT NOT EXISTS (SELECT 1 FROM orders)`).Scan(&empty); err != nil {
		return nil, dbErr(err, "count orders")
	}
	if empty {
		return heads, nil
	}
	args := make([]any, 0, headChunk)
	for len(nos) > 0 {
		n := min(len(nos), headChunk)
		args = args[:0]
		for _, no := range nos[:n] {
			args = append(args, no)
		}
		nos = nos[n:]
		rows, err := s.DB.QueryContext(ctx, `SELECT id, no, status, version FROM orders WHERE no IN (`+placeholders(1, n)+`)`, args...)
		if err != nil {
			return nil, dbErr(err, "find order heads")
		}
		for rows.Next() {
			var h workorder.OrderHead
			var no, status string
			if err := rows.Scan(&h.ID, &no, &status, &h.Version); err != nil {
				rows.Close()
				return nil, dbErr(err, "scan order head")
			}
			h.Status = workorder.Status(status)
			heads[no] = h
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, dbErr(err, "find order heads")
		}
	}
	return heads, nil
}

// EachOrder calls fn for every order matching f, oldest receipt first, streaming the rows.
func (s *Orders) EachOrder(ctx context.Context, f workorder.Filter, fn func(*workorder.Order) error) error {
	w := orderWhere(f)
	rows, err := s.DB.QueryContext(ctx, selectOrder+w.String()+` ORDER BY o.received_at, o.id`, w.args...)
	if err != nil {
		return dbErr(err, "export orders")
	}
	defer rows.Close()
	for rows.Next() {
		o, err := scanOrder(rows)
		if err != nil {
			return dbErr(err, "scan order")
		}
		if err := fn(&o); err != nil {
			return err
		}
	}
	return dbErr(rows.Err(), "export orders")
}

// treeRefs resolves region and category names to ids inside an import's transaction,
// creating the nodes not yet known and remembering which it created.
type treeRefs struct {
	tx         *sql.Tx
	regions    map[regionKey]int64
	categories map[string]int64
	created    workorder.ImportResult
}

type regionKey struct {
	parent int64
	name   string
}

func loadTreeRefs(ctx context.Context, tx *sql.Tx) (*treeRefs, error) {
	t := &treeRefs{tx: tx, regions: map[regionKey]int64{}, categories: map[string]int64{}}
	rows, err := tx.QueryContext(ctx, `SELECT id, name, COALESCE(parent_id, 0) FROM regions`)
	if err != nil {
		return nil, dbErr(err, "load regions")
	}
	for rows.Next() {
		var k regionKey
		var id int64
		if err := rows.Scan(&id, &k.name, &k.parent); err != nil {
			rows.Close()
			return nil, dbErr(err, "scan region")
		}
		t.regions[k] = id
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, dbErr(err, "load regions")
	}
	cats, err := queryAll(ctx, tx, "load categories", func(sc rowScanner) (c account.Category, err error) {
		err = sc.Scan(&c.ID, &c.Path)
		return c, err
	}, `SELECT id, path FROM categories`)
	for _, c := range cats {
		t.categories[c.Path] = c.ID
	}
	return t, err
}

// region returns the id of a town (parent 0) or village, creating it when unknown.
func (t *treeRefs) region(ctx context.Context, parent int64, name, level, label string) (int64, error) {
	if id, ok := t.regions[regionKey{parent, name}]; ok {
		return id, nil
	}
	id, made, err := ensureNode(ctx, t.tx, "regions", parent, name, level)
	if err != nil {
		return 0, err
	}
	t.regions[regionKey{parent, name}] = id
	if made {
		t.created.CreatedRegions = append(t.created.CreatedRegions, label)
	}
	return id, nil
}

// resolve sets the order's town, village and category ids from their names.
func (t *treeRefs) resolve(ctx context.Context, o *workorder.Order) (err error) {
	o.TownID, o.VillageID, o.CategoryID = 0, 0, 0
	if o.Town != "" {
		if o.TownID, err = t.region(ctx, 0, o.Town, account.LevelTown, o.Town); err != nil {
			return err
		}
		if o.Village != "" {
			if o.VillageID, err = t.region(ctx, o.TownID, o.Village, account.LevelVillage, o.Town+"/"+o.Village); err != nil {
				return err
			}
		}
	}
	if o.Category == "" {
		return nil
	}
	if id, ok := t.categories[o.Category]; ok {
		o.CategoryID = id
		return nil
	}
	parts := strings.Split(o.Category, "/")
	var id int64
	for i, name := range parts {
		path := strings.Join(parts[:i+1], "/")
		if known, ok := t.categories[path]; ok {
			id = known
			continue
		}
		var made bool
		if id, made, err = ensureNode(ctx, t.tx, "categories", id, name, path); err != nil {
			return err
		}
		t.categories[path] = id
		if made {
			t.created.CreatedCategories = append(t.created.CreatedCategories, path)
		}
	}
	o.CategoryID = id
	return nil
}
