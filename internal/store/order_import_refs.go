package store

import (
	"context"
	"database/sql"
	"strings"

	"govdesk/internal/account"
	"govdesk/internal/app"
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

// EnsureRegistry enters the regions and category paths not yet known into the
// registry, in one transaction, as an import would, and returns what it created.
func (s *Orders) EnsureRegistry(ctx context.Context, regions []workorder.RegionName, categories []string) (workorder.ImportResult, error) {
	var res workorder.ImportResult
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		t, err := loadTreeRefs(ctx, tx, regions, categories)
		if err == nil {
			res = t.created
		}
		return err
	})
	return res, err
}

// treeRefs resolves region and category names to ids for an import: the nodes the
// batch names are found or created in its transaction before any order is written, so
// that resolving an order's names later is a map lookup.
type treeRefs struct {
	regions    map[regionKey]int64
	categories map[string]int64
	created    workorder.ImportResult
}

type regionKey struct {
	parent int64
	name   string
}

// loadTreeRefs reads the known regions and categories and creates those of names that
// are not yet known, remembering which it created.
func loadTreeRefs(ctx context.Context, tx *sql.Tx, regions []workorder.RegionName, categories []string) (*treeRefs, error) {
	t := &treeRefs{regions: map[regionKey]int64{}, categories: map[string]int64{}}
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
	if err != nil {
		return nil, err
	}
	for _, c := range cats {
		t.categories[c.Path] = c.ID
	}
	for _, r := range regions {
		town, err := t.ensureRegion(ctx, tx, 0, r.Town, account.LevelTown, r.Town)
		if err != nil {
			return nil, err
		}
		if r.Village != "" {
			if _, err := t.ensureRegion(ctx, tx, town, r.Village, account.LevelVillage, r.Town+"/"+r.Village); err != nil {
				return nil, err
			}
		}
	}
	for _, path := range categories {
		if err := t.ensureCategory(ctx, tx, path); err != nil {
			return nil, err
		}
	}
	return t, nil
}

func (t *treeRefs) ensureRegion(ctx context.Context, tx *sql.Tx, parent int64, name, level, label string) (int64, error) {
	if id, ok := t.regions[regionKey{parent, name}]; ok {
		return id, nil
	}
	id, made, err := ensureNode(ctx, tx, "regions", parent, name, level)
	if err != nil {
		return 0, err
	}
	t.regions[regionKey{parent, name}] = id
	if made {
		t.created.CreatedRegions = append(t.created.CreatedRegions, label)
	}
	return id, nil
}

func (t *treeRefs) ensureCategory(ctx context.Context, tx *sql.Tx, path string) error {
	if _, ok := t.categories[path]; ok {
		return nil
	}
	parts := strings.Split(path, "/")
	var id int64
	for i, name := range parts {
		sub := strings.Join(parts[:i+1], "/")
		if known, ok := t.categories[sub]; ok {
			id = known
			continue
		}
		var made bool
		var err error
		if id, made, err = ensureNode(ctx, tx, "categories", id, name, sub); err != nil {
			return err
		}
		t.categories[sub] = id
		if made {
			t.created.CreatedCategories = append(t.created.CreatedCategories, sub)
		}
	}
	return nil
}

// lookup sets the order's town, village and category ids from their names, which the
// batch must have named.
func (t *treeRefs) lookup(o *workorder.Order) error {
	o.TownID, o.VillageID, o.CategoryID = 0, 0, 0
	var ok bool
	if o.Town != "" {
		if o.TownID, ok = t.regions[regionKey{0, o.Town}]; !ok {
			return app.Internal(nil, "import: town "+o.Town+" not in the batch")
		}
		if o.Village != "" {
			if o.VillageID, ok = t.regions[regionKey{o.TownID, o.Village}]; !ok {
				return app.Internal(nil, "import: village "+o.Village+" not in the batch")
			}
		}
	}
	if o.Category != "" {
		if o.CategoryID, ok = t.categories[o.Category]; !ok {
			return app.Internal(nil, "import: category "+o.Category+" not in the batch")
		}
	}
	return nil
}
