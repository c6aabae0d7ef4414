package store

import (
	"context"

	"govdesk/internal/knowledge"
)

// ListArticles returns the articles of the filter with their unit, most recently changed first.
func (s *Knowledge) ListArticles(ctx context.Context, f knowledge.ArticleFilter) ([]knowledge.Article, error) {
	return queryAll(ctx, s.DB, "list kb articles", scanArticle, `SELECT `+kbArticleCols+`
		FROM kb_articles a LEFT JOIN units u ON u.id = a.unit_id
		WHERE ($1 = '' OR a.status = $1) AND ($2 = 0 OR a.unit_id = $2)
		ORDER BY a.updated_at DESC, a.id DESC LIMIT $3 OFFSET $4`, f.Status, f.UnitID, f.Limit, f.Offset)
}

// CountArticles counts the articles of the filter.
func (s *Knowledge) CountArticles(ctx context.Context, f knowledge.ArticleFilter) (int, error) {
	var n int
	err := s.DB.QueryRowContext(ctx, `SELECT count(*) FROM kb_articles a WHERE ($1 = '' OR a.status = $1) AND ($2 = 0 OR a.unit_id = $2)`,
		f.Status, f.UnitID).Scan(&n)
	return n, dbErr(err, "count kb articles")
}
