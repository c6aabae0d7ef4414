package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"govdesk/internal/account"
	"govdesk/internal/app"
	"govdesk/internal/workorder"
)

// Accounts implements account.Store.
type Accounts struct{ DB *DB }

var _ account.Store = (*Accounts)(nil)

// UpsertUnits creates or updates units by code in one transaction. Parents are
// resolved after every unit of the list exists, so a file may name a parent below its child.
func (s *Accounts) UpsertUnits(ctx context.Context, units []account.Unit) (created, updated int, err error) {
	now := utc(time.Now())
	err = s.DB.Tx(ctx, func(tx *sql.Tx) error {
		created, updated = 0, 0
		for _, u := range units {
			var id int64
			err := tx.QueryRowContext(ctx, `SELECT id FROM units WHERE code = $1`, u.Code).Scan(&id)
			switch {
			case errors.Is(err, sql.ErrNoRows):
				if _, err := tx.ExecContext(ctx, `INSERT INTO units (code, name, kind, active, created_at, updated_at)
					VALUES ($1, $2, $3, $4, $5, $5)`, u.Code, u.Name, u.Kind, u.Active, now); err != nil {
					return dbErr(err, "insert unit")
				}
				created++
			case err != nil:
				return dbErr(err, "find unit")
			default:
				if _, err := tx.ExecContext(ctx, `UPDATE units SET name = $1, kind = $2, active = $3, updated_at = $4 WHERE id = $5`,
					u.Name, u.Kind, u.Active, now, id); err != nil {
					return dbErr(err, "update unit")
				}
				updated++
			}
		}
		for _, u := range units {
			var parent any
			if u.ParentCode != "" {
				var pid int64
				if err := tx.QueryRowContext(ctx, `SELECT id FROM units WHERE code = $1`, u.ParentCode).Scan(&pid); err != nil {
					if errors.Is(err, sql.ErrNoRows) {
						return app.Invalid("上级单位编码 %q 不存在", u.ParentCode).WithDetail("unknown parent unit %q", u.ParentCode)
					}
					return dbErr(err, "find parent unit")
				}
				parent = pid
			}
			if _, err := tx.ExecContext(ctx, `UPDATE units SET parent_id = $1 WHERE code = $2`, parent, u.Code); err != nil {
				return dbErr(err, "set unit parent")
			}
		}
		return nil
	})
	return created, updated, err
}

const unitCols = `u.id, u.code, u.name, u.kind, COALESCE(u.parent_id, 0), COALESCE(p.code, ''), u.active`

func scanUnit(sc rowScanner) (account.Unit, error) {
	var u account.Unit
	err := sc.Scan(&u.ID, &u.Code, &u.Name, &u.Kind, &u.ParentID, &u.ParentCode, &u.Active)
	return u, err
}

// FindUnitByCode returns the unit with the code; not_found when none.
func (s *Accounts) FindUnitByCode(ctx context.Context, code string) (account.Unit, error) {
	u, err := scanUnit(s.DB.QueryRowContext(ctx, `SELECT `+unitCols+` FROM units u LEFT JOIN units p ON p.id = u.parent_id WHERE u.code = $1`, code))
	if errors.Is(err, sql.ErrNoRows) {
		return u, app.NotFound("单位 %q 不存在", code).WithDetail("no unit %q", code)
	}
	return u, dbErr(err, "find unit by code")
}

// FindUnits returns every unit ordered by code.
func (s *Accounts) FindUnits(ctx context.Context) ([]account.Unit, error) {
	return queryAll(ctx, s.DB, "find units", scanUnit,
		`SELECT `+unitCols+` FROM units u LEFT JOIN units p ON p.id = u.parent_id ORDER BY u.code`)
}

// UnitRef returns the unit of a code as orders refer to it; invalid when unknown or inactive.
func (s *Accounts) UnitRef(ctx context.Context, code string) (workorder.UnitRef, error) {
	u, err := s.FindUnitByCode(ctx, code)
	if app.ErrorCode(err) == app.ENotFound || (err == nil && !u.Active) {
		return workorder.UnitRef{}, app.Invalid("承办单位 %q 不存在或已停用", code).WithDetail("unit %q does not exist or is deactivated", code)
	}
	return workorder.UnitRef{ID: u.ID, Code: u.Code, Name: u.Name}, err
}

var _ workorder.Directory = (*Accounts)(nil)
