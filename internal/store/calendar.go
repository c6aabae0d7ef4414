package store

import (
	"context"
	"database/sql"
	"time"

	"govdesk/internal/workday"
)

// Calendar keeps the admin's calendar overrides (holiday and makeup dates).
type Calendar struct{ DB *DB }

// FindOverrides returns every override ordered by date.
func (s *Calendar) FindOverrides(ctx context.Context) ([]workday.Override, error) {
	return queryAll(ctx, s.DB, "find calendar overrides", func(sc rowScanner) (o workday.Override, err error) {
		err = sc.Scan(&o.Date, &o.Kind, &o.Name)
		return o, err
	}, `SELECT date, kind, name FROM calendar_overrides ORDER BY date`)
}

// SaveOverrides creates or replaces the overrides of their dates, all in one transaction.
func (s *Calendar) SaveOverrides(ctx context.Context, list []workday.Override) error {
	now := utc(time.Now())
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		for _, o := range list {
			if _, err := tx.ExecContext(ctx, `DELETE FROM calendar_overrides WHERE date = $1`, o.Date); err != nil {
				return dbErr(err, "replace calendar override")
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO calendar_overrides (date, kind, name, updated_at) VALUES ($1, $2, $3, $4)`,
				o.Date, string(o.Kind), o.Name, now); err != nil {
				return dbErr(err, "insert calendar override")
			}
		}
		return nil
	})
}

// Load returns the calendar of the built-in schedules with the stored overrides.
func (s *Calendar) Load(ctx context.Context) (*workday.Calendar, error) {
	ov, err := s.FindOverrides(ctx)
	if err != nil {
		return nil, err
	}
	return workday.NewCalendar(ov)
}
