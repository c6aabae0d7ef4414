package store

import (
	"context"
	"database/sql"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/knowledge"
)

// SetArticleStatus changes an article's status as a new version.
func (s *Knowledge) SetArticleStatus(ctx context.Context, id int64, status string, now time.Time) (knowledge.Article, error) {
	list, err := s.FindArticles(ctx, []int64{id})
	if err != nil {
		return knowledge.Article{}, err
	}
	if len(list) == 0 {
		return knowledge.Article{}, app.NotFound("知识库文章 %d 不存在", id).WithDetail("no article %d", id)
	}
	a := list[0]
	a.Status = status
	if _, _, err := s.SaveArticles(ctx, []knowledge.Article{a}, now); err != nil {
		return knowledge.Article{}, err
	}
	a.Version++
	return a, nil
}

// ArticleVersions returns every version of an article, newest first.
func (s *Knowledge) ArticleVersions(ctx context.Context, id int64) ([]knowledge.Article, error) {
	return queryAll(ctx, s.DB, "kb versions", func(r rowScanner) (knowledge.Article, error) {
		var a knowledge.Article
		var unit sql.NullInt64
		err := r.Scan(&a.ID, &a.Version, &a.Title, &a.Answer, &unit, &a.Category, &a.Keywords, &a.Status, &a.UpdatedAt)
		a.UnitID = unit.Int64
		return a, err
	}, `SELECT article_id, version, title, answer, unit_id, category, keywords, status, created_at
		FROM kb_versions WHERE article_id = $1 ORDER BY version DESC`, id)
}

// DueForReview lists the published articles whose review-by date is before now, of one unit (0: all), oldest first.
func (s *Knowledge) DueForReview(ctx context.Context, now time.Time, unitID int64) ([]knowledge.Article, error) {
	return queryAll(ctx, s.DB, "kb due for review", scanArticle, `SELECT `+kbArticleCols+`
		FROM kb_articles a LEFT JOIN units u ON u.id = a.unit_id
		WHERE a.status = 'published' AND a.review_by < $1 AND ($2 = 0 OR a.unit_id = $2) ORDER BY a.review_by, a.id`, utc(now), unitID)
}

// ArticleIDByTitle returns the id of the article with the title, 0 when none.
func (s *Knowledge) ArticleIDByTitle(ctx context.Context, title string) (int64, error) {
	var id int64
	err := s.DB.QueryRowContext(ctx, `SELECT id FROM kb_articles WHERE title = $1`, title).Scan(&id)
	if err == sql.ErrNoRows {
		return 0, nil
	}
	return id, dbErr(err, "find kb article by title")
}
