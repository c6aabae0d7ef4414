package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"govdesk/internal/account"
	"govdesk/internal/app"
	"govdesk/internal/workorder"
)

// EnsureRegion returns the ids of a town and village, creating those not yet known.
func (s *Accounts) EnsureRegion(ctx context.Context, town, village string) (townID, villageID int64, created []string, err error) {
	town, village = strings.TrimSpace(town), strings.TrimSpace(village)
	if town == "" {
		return 0, 0, nil, app.Invalid("所属镇街不能为空")
	}
	err = s.DB.Tx(ctx, func(tx *sql.Tx) error {
		var made bool
		if townID, made, err = ensureNode(ctx, tx, "regions", 0, town, account.LevelTown); err != nil {
			return err
		}
		if made {
			created = append(created, town)
		}
		if village != "" {
			if villageID, made, err = ensureNode(ctx, tx, "regions", townID, village, account.LevelVillage); err != nil {
				return err
			}
			if made {
				created = append(created, town+"/"+village)
			}
		}
		return nil
	})
	return townID, villageID, created, err
}

// ensureNode finds or creates a child named name under parent (0 = root) in a tree
// table (regions: level column; categories: path column).
func ensureNode(ctx context.Context, tx *sql.Tx, table string, parent int64, name, extra string) (int64, bool, error) {
	var id int64
	q := `SELECT id FROM ` + table + ` WHERE COALESCE(parent_id, 0) = $1 AND name = $2`
	err := tx.QueryRowContext(ctx, q, parent, name).Scan(&id)
	if err == nil {
		return id, false, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return 0, false, dbErr(err, "find "+table)
	}
	ins := `INSERT INTO regions (name, level, parent_id) VALUES ($1, $2, $3) RETURNING id`
	if table == "categories" {
		ins = `INSERT INTO categories (name, path, parent_id, active) VALUES ($1, $2, $3, TRUE) RETURNING id`
	}
	err = tx.QueryRowContext(ctx, ins, name, extra, nullInt(parent)).Scan(&id)
	return id, true, dbErr(err, "create "+table)
}

// FindRegions returns every region, towns before their villages, each in the order
// they were registered (an import's, the registry's own order).
func (s *Accounts) FindRegions(ctx context.Context) ([]account.Region, error) {
	return queryAll(ctx, s.DB, "find regions", func(sc rowScanner) (r account.Region, err error) {
		err = sc.Scan(&r.ID, &r.Name, &r.Level, &r.ParentID)
		return r, err
	}, `SELECT id, name, level, COALESCE(parent_id, 0) FROM regions ORDER BY COALESCE(parent_id, 0), id`)
}

// EnsureCategory returns the id of a "/"-separated category path, creating missing nodes.
func (s *Accounts) EnsureCategory(ctx context.Context, path string) (id int64, created []string, err error) {
	parts := splitPath(path)
	if len(parts) == 0 {
		return 0, nil, app.Invalid("诉求分类不能为空")
	}
	err = s.DB.Tx(ctx, func(tx *sql.Tx) error {
		id = 0
		for i, name := range parts {
			full := strings.Join(parts[:i+1], "/")
			var made bool
			if id, made, err = ensureNode(ctx, tx, "categories", id, name, full); err != nil {
				return err
			}
			if made {
				created = append(created, full)
			}
		}
		return nil
	})
	return id, created, err
}

func splitPath(path string) []string {
	var parts []string
	for _, p := range strings.FieldsFunc(path, func(r rune) bool { return r == '/' || r == '／' || r == '>' || r == '›' }) {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	return parts
}

// SetCategoryDefaultUnit sets the default unit (dispatch hint) of an existing category.
func (s *Accounts) SetCategoryDefaultUnit(ctx context.Context, path, unitCode string) error {
	res, err := s.DB.ExecContext(ctx, `UPDATE categories SET default_unit_id = (SELECT id FROM units WHERE code = $1) WHERE path = $2`,
		unitCode, strings.Join(splitPath(path), "/"))
	if err != nil {
		return dbErr(err, "set category default unit")
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return app.NotFound("诉求分类 %q 不存在", path)
	}
	return nil
}

// FindCategories returns the category tree in path order.
func (s *Accounts) FindCategories(ctx context.Context) ([]account.Category, error) {
	return queryAll(ctx, s.DB, "find categories", func(sc rowScanner) (c account.Category, err error) {
		err = sc.Scan(&c.ID, &c.Path, &c.Name, &c.ParentID, &c.DefaultUnitID, &c.Active)
		return c, err
	}, `SELECT id, path, name, COALESCE(parent_id, 0), COALESCE(default_unit_id, 0), active FROM categories ORDER BY path`)
}

// Registry returns the towns with their villages and the categories new orders may
// name (workorder.Directory).
func (s *Accounts) Registry(ctx context.Context) (workorder.Registry, error) {
	regions, err := s.FindRegions(ctx)
	if err != nil {
		return workorder.Registry{}, err
	}
	cats, err := s.FindCategories(ctx)
	if err != nil {
		return workorder.Registry{}, err
	}
	var reg workorder.Registry
	towns := map[int64]int{}
	for _, r := range regions { // towns come before their villages
		if r.Level == account.LevelTown {
			towns[r.ID] = len(reg.Towns)
			reg.Towns = append(reg.Towns, workorder.Town{ID: r.ID, Name: r.Name})
		} else if i, ok := towns[r.ParentID]; ok {
			reg.Towns[i].Villages = append(reg.Towns[i].Villages, workorder.Place{ID: r.ID, Name: r.Name})
		}
	}
	for _, c := range cats {
		reg.Categories = append(reg.Categories, workorder.CategoryRef{ID: c.ID, Path: c.Path, Active: c.Active})
	}
	return reg, nil
}
