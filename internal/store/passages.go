package store

import (
	"context"
	"strings"
	"time"

	"govdesk/internal/app"
)

// Passages keeps the editable passages of generated documents, by document
// key ("annual:2022", "weekly:2022-W39", "selfeval:2022") and passage key.
type Passages struct{ DB *DB }

// Get returns every passage of a document by passage key (empty when none).
func (p *Passages) Get(ctx context.Context, docKey string) (map[string]string, error) {
	type kv struct{ k, v string }
	rows, err := queryAll(ctx, p.DB, "find doc passages", func(sc rowScanner) (r kv, err error) {
		err = sc.Scan(&r.k, &r.v)
		return r, err
	}, `SELECT passage_key, body FROM doc_passages WHERE doc_key = $1`, docKey)
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(rows))
	for _, r := range rows {
		out[r.k] = r.v
	}
	return out, nil
}

// Set creates or replaces a passage, recording the context's actor and the time.
func (p *Passages) Set(ctx context.Context, docKey, key, body string) error {
	if strings.TrimSpace(docKey) == "" || strings.TrimSpace(key) == "" {
		return app.Invalid("文档段落缺少文档或段落标识")
	}
	by := app.System.Username
	if a, ok := app.ActorFrom(ctx); ok && a.Username != "" {
		by = a.Username
	}
	_, err := p.DB.ExecContext(ctx, `INSERT INTO doc_passages (doc_key, passage_key, body, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT (doc_key, passage_key) DO UPDATE SET body = excluded.body, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
		docKey, key, body, by, utc(time.Now()))
	if err != nil {
		return dbErr(err, "set doc passage")
	}
	return nil
}
