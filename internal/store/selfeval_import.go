package store

import (
	"context"
	"database/sql"
	"errors"

	"govdesk/internal/selfeval"
)

// currentVersion reads a year's version inside tx (0 when the year was never edited).
func currentVersion(ctx context.Context, tx *sql.Tx, year int) (int, error) {
	var v int
	err := tx.QueryRowContext(ctx, `SELECT version FROM selfeval_years WHERE year = $1`, year).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return v, dbErr(err, "selfeval version")
}

// bumpCurrent moves a year's version on from whatever it is: imports are authoritative.
func bumpCurrent(ctx context.Context, tx *sql.Tx, year int, actor string) error {
	v, err := currentVersion(ctx, tx, year)
	if err != nil {
		return err
	}
	_, err = bump(ctx, tx, year, v, actor)
	return err
}

// ImportBudgets stores budgets in one transaction: a year already stored keeps the amounts
// the import leaves empty. It returns how many years were new and how many updated.
func (s *SelfEval) ImportBudgets(ctx context.Context, bs []selfeval.Budget, actor string) (added, updated int, err error) {
	for i := range bs {
		if err := bs[i].Validate(); err != nil {
			return 0, 0, err
		}
	}
	err = s.DB.Tx(ctx, func(tx *sql.Tx) error {
		for _, b := range bs {
			old, err := s.budgetIn(ctx, tx, b.Year)
			if err != nil {
				return err
			}
			if old == nil {
				added++
			} else {
				updated++
				merge(&b, old)
			}
			if err := bumpCurrent(ctx, tx, b.Year, actor); err != nil {
				return err
			}
			if err := upsertBudget(ctx, tx, b); err != nil {
				return err
			}
		}
		return nil
	})
	return added, updated, err
}

// merge fills b's empty fields from old.
func merge(b, old *selfeval.Budget) {
	olds := old.Amounts()
	for i, a := range b.Amounts() {
		if *a.Value == nil {
			*a.Value = *olds[i].Value
		}
	}
	if b.Unit == "" {
		b.Unit = old.Unit
	}
	if b.Authorized == nil {
		b.Authorized = old.Authorized
	}
	if b.Staff == nil {
		b.Staff = old.Staff
	}
}

// budgetIn reads a stored budget inside tx; nil when the year has none.
func (s *SelfEval) budgetIn(ctx context.Context, tx *sql.Tx, year int) (*selfeval.Budget, error) {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM selfeval_budgets WHERE year = $1`, year).Scan(&n); err != nil {
		return nil, dbErr(err, "find budget")
	}
	if n == 0 {
		return nil, nil
	}
	b, err := scanBudget(tx.QueryRowContext(ctx, budgetQuery, year), year)
	return &b, err
}

// ImportTargets upserts targets of any years in one transaction.
func (s *SelfEval) ImportTargets(ctx context.Context, ts []selfeval.PerfTarget, actor string) (added, updated int, err error) {
	for i := range ts {
		if err := ts[i].Validate(); err != nil {
			return 0, 0, err
		}
	}
	err = s.DB.Tx(ctx, func(tx *sql.Tx) error {
		bumped := map[int]bool{}
		for _, t := range ts {
			if !bumped[t.Year] {
				if err := bumpCurrent(ctx, tx, t.Year, actor); err != nil {
					return err
				}
				bumped[t.Year] = true
			}
			ins, err := saveTarget(ctx, tx, t)
			if err != nil {
				return err
			}
			if ins {
				added++
			} else {
				updated++
			}
		}
		return nil
	})
	return added, updated, err
}
