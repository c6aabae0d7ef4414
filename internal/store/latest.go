package store

import (
	"context"
	"database/sql"
	"errors"
	"time"
)

// The newest record before an instant, for the pages that open on the latest period
// with data (docs/decisions.md, "The period a page opens on").

// latest runs a query for one timestamp, the newest row's, and reports whether a row
// was found.
func latest(ctx context.Context, db *DB, what, query string, args ...any) (time.Time, bool, error) {
	var t time.Time
	err := db.QueryRowContext(ctx, query, args...).Scan(&t)
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, false, nil
	}
	if err != nil {
		return time.Time{}, false, dbErr(err, what)
	}
	return t, true, nil
}

// LatestCase returns when the last case accepted before `before` was accepted, of one
// unit's items when unitID is not 0 (false: none).
func (s *Catalog) LatestCase(ctx context.Context, before time.Time, unitID int64) (time.Time, bool, error) {
	q, args := `SELECT c.accepted_at FROM cases c WHERE c.accepted_at < $1`, []any{utc(before)}
	if unitID != 0 {
		q, args = q+` AND c.item_id IN (SELECT id FROM items WHERE unit_id = $2)`, append(args, unitID)
	}
	return latest(ctx, s.DB, "latest case", q+` ORDER BY c.accepted_at DESC LIMIT 1`, args...)
}

// LatestEvaluation returns when the last evaluation before `before` was given, of one
// unit's when unitID is not 0 (false: none).
func (s *Evaluations) LatestEvaluation(ctx context.Context, before time.Time, unitID int64) (time.Time, bool, error) {
	q, args := `SELECT evaluated_at FROM evaluations WHERE evaluated_at < $1`, []any{utc(before)}
	if unitID != 0 {
		q, args = q+` AND unit_id = $2`, append(args, unitID)
	}
	return latest(ctx, s.DB, "latest evaluation", q+` ORDER BY evaluated_at DESC LIMIT 1`, args...)
}

// Years returns the years whose self-evaluation has inputs (edited at least once), oldest first.
func (s *SelfEval) Years(ctx context.Context) ([]int, error) {
	return queryAll(ctx, s.DB, "selfeval years", func(r rowScanner) (int, error) {
		var y int
		return y, r.Scan(&y)
	}, `SELECT year FROM selfeval_years WHERE version > 0 ORDER BY year`)
}
