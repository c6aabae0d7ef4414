package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/knowledge"
	"govdesk/internal/workorder"
	"govdesk/internal/zhtext"
)

// Knowledge stores the knowledge base and its inverted index (kb_tokens).
// The index statistics are kept for statsTTL (they move slowly) and dropped on every save.
type Knowledge struct {
	DB *DB

	mu      sync.Mutex
	stats   knowledge.IndexStats
	statsAt time.Time
}

const statsTTL = 30 * time.Second

var _ knowledge.Store = (*Knowledge)(nil)

// UnitIDs maps unit codes and names to ids.
func (s *Knowledge) UnitIDs(ctx context.Context) (map[string]int64, error) {
	type row struct {
		id         int64
		code, name string
	}
	rows, err := queryAll(ctx, s.DB, "kb unit ids", func(r rowScanner) (row, error) {
		var x row
		return x, r.Scan(&x.id, &x.code, &x.name)
	}, `SELECT id, code, name FROM units WHERE active`)
	if err != nil {
		return nil, err
	}
	m := map[string]int64{}
	for _, r := range rows {
		m[r.name] = r.id
	}
	for _, r := range rows {
		m[r.code] = r.id
	}
	return m, nil
}

// SaveArticles creates or updates (by title) articles with a version row and their tokens, in one transaction.
func (s *Knowledge) SaveArticles(ctx context.Context, list []knowledge.Article, now time.Time) (created, updated int, err error) {
	defer s.dropStats()
	err = s.DB.Tx(ctx, func(tx *sql.Tx) error {
		created, updated = 0, 0
		for _, a := range list {
			isNew, err := saveArticle(ctx, tx, a, now)
			if err != nil {
				return err
			}
			if isNew {
				created++
			} else {
				updated++
			}
		}
		return nil
	})
	return created, updated, err
}

func saveArticle(ctx context.Context, tx *sql.Tx, a knowledge.Article, now time.Time) (bool, error) {
	fields := a.IndexedFields()
	var counts [3]map[string]int
	var lens [3]int
	for i, f := range fields {
		counts[i], lens[i] = zhtext.Counts(f)
	}
	var id int64
	version := 1
	var err error
	if a.ID != 0 {
		err = tx.QueryRowContext(ctx, `SELECT id, version FROM kb_articles WHERE id = $1`, a.ID).Scan(&id, &version)
		if err == sql.ErrNoRows {
			return false, app.NotFound("知识库文章 %d 不存在", a.ID).WithDetail("no article %d", a.ID)
		}
	} else {
		err = tx.QueryRowContext(ctx, `SELECT id, version FROM kb_articles WHERE title = $1`, a.Title).Scan(&id, &version)
	}
	isNew := err == sql.ErrNoRows
	switch {
	case isNew:
		err = tx.QueryRowContext(ctx, `INSERT INTO kb_articles (title, answer, unit_id, category, keywords, valid_until, status,
			version, len_title, len_kw, len_answer, created_at, updated_at, review_by, valid_from)
			VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $9, $10, $11, $11, $12, $13) RETURNING id`,
			a.Title, a.Answer, nullInt(a.UnitID), a.Category, a.Keywords, nullTime(a.ValidUntil), a.Status,
			lens[0], lens[1], lens[2], utc(now), nullTime(a.ReviewBy), nullTime(a.ValidFrom)).Scan(&id)
		if err != nil {
			return false, dbErr(err, "insert kb article")
		}
	case err != nil:
		return false, dbErr(err, "find kb article")
	default:
		version++
		if _, err := tx.ExecContext(ctx, `UPDATE kb_articles SET answer = $2, unit_id = $3, category = $4, keywords = $5,
			valid_until = $6, status = $7, version = $8, len_title = $9, len_kw = $10, len_answer = $11, updated_at = $12,
			title = $13, review_by = $14, valid_from = $15 WHERE id = $1`,
			id, a.Answer, nullInt(a.UnitID), a.Category, a.Keywords, nullTime(a.ValidUntil), a.Status, version,
			lens[0], lens[1], lens[2], utc(now), a.Title, nullTime(a.ReviewBy), nullTime(a.ValidFrom)); err != nil {
			return false, dbErr(err, "update kb article")
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM kb_tokens WHERE article_id = $1`, id); err != nil {
			return false, dbErr(err, "delete kb tokens")
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO kb_versions (article_id, version, title, answer, unit_id, category, keywords, status, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, id, version, a.Title, a.Answer, nullInt(a.UnitID), a.Category, a.Keywords,
		a.Status, utc(now)); err != nil {
		return false, dbErr(err, "insert kb version")
	}
	return isNew, insertTokens(ctx, tx, id, counts)
}

// insertTokens writes the postings of one article, several rows a statement.
func insertTokens(ctx context.Context, tx *sql.Tx, id int64, counts [3]map[string]int) error {
	var args []any
	var vals []string
	flush := func() error {
		if len(vals) == 0 {
			return nil
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO kb_tokens (token, article_id, field, tf) VALUES `+strings.Join(vals, ","), args...)
		args, vals = args[:0], vals[:0]
		return dbErr(err, "insert kb tokens")
	}
	for field, m := range counts {
		toks := make([]string, 0, len(m))
		for t := range m {
			toks = append(toks, t)
		}
		sort.Strings(toks)
		for _, t := range toks {
			n := len(args)
			vals = append(vals, fmt.Sprintf("($%d, $%d, $%d, $%d)", n+1, n+2, n+3, n+4))
			args = append(args, t, id, field, m[t])
			if len(vals) == 500 {
				if err := flush(); err != nil {
					return err
				}
			}
		}
	}
	return flush()
}

const kbSearchable = `a.status = 'published' AND (a.valid_until IS NULL OR a.valid_until > $1) AND (a.valid_from IS NULL OR a.valid_from <= $1)`

// kbArticleCols is what scanArticle reads, from kb_articles a joined with units u.
const kbArticleCols = `a.id, a.title, a.answer, COALESCE(a.unit_id, 0), COALESCE(u.code, ''), COALESCE(u.name, ''),
	a.category, a.keywords, a.valid_until, a.status, a.version, a.updated_at, a.review_by, a.valid_from`

// Postings returns the postings of tokens among the searchable articles, their field lengths and the index statistics.
func (s *Knowledge) Postings(ctx context.Context, tokens []string, now time.Time) ([]knowledge.Posting, map[int64][3]int, knowledge.IndexStats, error) {
	st, err := s.indexStats(ctx, now)
	if err != nil {
		return nil, nil, st, err
	}
	if len(tokens) == 0 {
		return nil, map[int64][3]int{}, st, nil
	}
	args := []any{utc(now)}
	ph := make([]string, len(tokens))
	for i, t := range tokens {
		args = append(args, t)
		ph[i] = fmt.Sprintf("$%d", i+2)
	}
	lens := map[int64][3]int{}
	posts, err := queryAll(ctx, s.DB, "kb postings", func(r rowScanner) (knowledge.Posting, error) {
		var p knowledge.Posting
		var l [3]int
		err := r.Scan(&p.ArticleID, &p.Token, &p.Field, &p.TF, &l[0], &l[1], &l[2])
		lens[p.ArticleID] = l
		return p, err
	}, `SELECT t.article_id, t.token, t.field, t.tf, a.len_title, a.len_kw, a.len_answer
		FROM kb_tokens t JOIN kb_articles a ON a.id = t.article_id
		WHERE t.token IN (`+strings.Join(ph, ", ")+`) AND `+kbSearchable+` ORDER BY t.article_id, t.token, t.field`, args...)
	return posts, lens, st, err
}

func (s *Knowledge) dropStats() {
	s.mu.Lock()
	s.statsAt = time.Time{}
	s.mu.Unlock()
}

// indexStats counts the searchable articles and their average field lengths, cached for statsTTL.
func (s *Knowledge) indexStats(ctx context.Context, now time.Time) (knowledge.IndexStats, error) {
	s.mu.Lock()
	if !s.statsAt.IsZero() && time.Since(s.statsAt) < statsTTL {
		st := s.stats
		s.mu.Unlock()
		return st, nil
	}
	s.mu.Unlock()
	var st knowledge.IndexStats
	var sums [3]int64
	if err := s.DB.QueryRowContext(ctx, `SELECT count(*), COALESCE(sum(len_title), 0), COALESCE(sum(len_kw), 0),
		COALESCE(sum(len_answer), 0) FROM kb_articles a WHERE `+kbSearchable, utc(now)).Scan(&st.Articles, &sums[0], &sums[1], &sums[2]); err != nil {
		return st, dbErr(err, "kb index stats")
	}
	for i := range sums {
		if st.Articles > 0 {
			st.AvgLen[i] = float64(sums[i]) / float64(st.Articles)
		}
	}
	s.mu.Lock()
	s.stats, s.statsAt = st, time.Now()
	s.mu.Unlock()
	return st, nil
}

// FindArticles returns the articles of ids with their unit, in id order.
func (s *Knowledge) FindArticles(ctx context.Context, ids []int64) ([]knowledge.Article, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	args := make([]any, len(ids))
	ph := make([]string, len(ids))
	for i, id := range ids {
		args[i] = id
		ph[i] = fmt.Sprintf("$%d", i+1)
	}
	return queryAll(ctx, s.DB, "find kb articles", scanArticle, `SELECT `+kbArticleCols+`
		FROM kb_articles a LEFT JOIN units u ON u.id = a.unit_id WHERE a.id IN (`+strings.Join(ph, ", ")+`) ORDER BY a.id`, args...)
}

func scanArticle(r rowScanner) (knowledge.Article, error) {
	var a knowledge.Article
	var until, review, from sql.NullTime
	err := r.Scan(&a.ID, &a.Title, &a.Answer, &a.UnitID, &a.UnitCode, &a.UnitName, &a.Category, &a.Keywords, &until,
		&a.Status, &a.Version, &a.UpdatedAt, &review, &from)
	a.ValidUntil, a.ReviewBy, a.ValidFrom = until.Time, review.Time, from.Time
	return a, err
}

// TokenCounts counts the postings of each token (index-only), stopping at
// knowledge.CountCap: beyond it a token is too common to matter.
func (s *Knowledge) TokenCounts(ctx context.Context, tokens []string) (map[string]int, error) {
	m := map[string]int{}
	for _, t := range tokens {
		var n int
		if err := s.DB.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM kb_tokens WHERE token = $1 LIMIT $2) x`,
			t, knowledge.CountCap).Scan(&n); err != nil {
			return nil, dbErr(err, "kb token count")
		}
		if n > 0 {
			m[t] = n
		}
	}
	return m, nil
}

// ArticleRef returns what the order rules need of an article (workorder.Articles).
func (s *Knowledge) ArticleRef(ctx context.Context, id int64) (workorder.ArticleRef, error) {
	list, err := s.FindArticles(ctx, []int64{id})
	if err != nil {
		return workorder.ArticleRef{}, err
	}
	if len(list) == 0 {
		return workorder.ArticleRef{}, app.NotFound("知识库文章 %d 不存在", id)
	}
	a := list[0]
	return workorder.ArticleRef{ID: a.ID, Title: a.Title, Published: a.Status == knowledge.StatusPublished,
		ValidFrom: a.ValidFrom, ValidUntil: a.ValidUntil}, nil
}

var _ workorder.Articles = (*Knowledge)(nil)
