package store

import (
	"context"
	"database/sql"
	"strings"
)

// Synonyms returns the edited synonym groups (nil when none were set).
func (s *Knowledge) Synonyms(ctx context.Context) ([][]string, error) {
	rows, err := queryAll(ctx, s.DB, "kb synonyms", func(r rowScanner) (string, error) {
		var w string
		return w, r.Scan(&w)
	}, `SELECT words FROM kb_synonyms ORDER BY words`)
	var out [][]string
	for _, w := range rows {
		out = append(out, strings.Fields(w))
	}
	return out, err
}

// ReplaceSynonyms replaces every synonym group.
func (s *Knowledge) ReplaceSynonyms(ctx context.Context, groups [][]string) error {
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM kb_synonyms`); err != nil {
			return dbErr(err, "delete kb synonyms")
		}
		for _, g := range groups {
			if _, err := tx.ExecContext(ctx, `INSERT INTO kb_synonyms (words) VALUES ($1) ON CONFLICT (words) DO NOTHING`, strings.Join(g, " ")); err != nil {
				return dbErr(err, "insert kb synonyms")
			}
		}
		return nil
	})
}
