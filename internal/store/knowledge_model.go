package store

import (
	"context"
	"database/sql"
	"time"

	"govdesk/internal/knowledge"
)

var _ knowledge.ModelStore = (*Knowledge)(nil)

// ModelTrainedAt returns when the stored suggestion model was trained (zero: none).
func (s *Knowledge) ModelTrainedAt(ctx context.Context) (time.Time, error) {
	var at time.Time
	err := s.DB.QueryRowContext(ctx, `SELECT trained_at FROM suggest_model WHERE id = 1`).Scan(&at)
	if err == sql.ErrNoRows {
		return time.Time{}, nil
	}
	return at, dbErr(err, "suggest model time")
}

// LoadModel returns the stored suggestion model (nil when none).
func (s *Knowledge) LoadModel(ctx context.Context) ([]byte, time.Time, error) {
	var data []byte
	var at time.Time
	err := s.DB.QueryRowContext(ctx, `SELECT data, trained_at FROM suggest_model WHERE id = 1`).Scan(&data, &at)
	if err == sql.ErrNoRows {
		return nil, time.Time{}, nil
	}
	return data, at, dbErr(err, "load suggest model")
}

// SaveModel replaces the stored suggestion model.
func (s *Knowledge) SaveModel(ctx context.Context, data []byte, orders int, trainedAt time.Time) error {
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM suggest_model WHERE id = 1`); err != nil {
			return dbErr(err, "replace suggest model")
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO suggest_model (id, trained_at, orders, data) VALUES (1, $1, $2, $3)`,
			utc(trainedAt), orders, data)
		return dbErr(err, "save suggest model")
	})
}
