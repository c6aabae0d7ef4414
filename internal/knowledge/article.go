package knowledge

import (
	"context"
	"time"

	"govdesk/internal/app"
)

// Article states.
const (
	StatusDraft     = "draft"
	StatusPublished = "published"
	StatusRetired   = "retired"
)

// Article is one question with its answer.
type Article struct {
	ID         int64
	Title      string // the question
	Answer     string
	UnitID     int64
	UnitCode   string
	UnitName   string
	Category   string
	Keywords   string
	ValidFrom  time.Time // first day it answers (00:00 Beijing time); zero: from approval
	ValidUntil time.Time // the instant it stops answering: the day after its last valid day; zero: no end
	ReviewBy   time.Time // zero: no review date
	Status     string
	Version    int
	UpdatedAt  time.Time
}

// Fields an article is indexed by, with their weights in ranking.
const (
	FieldTitle    = 0
	FieldKeywords = 1
	FieldAnswer   = 2
)

// IndexedFields returns the texts the article is indexed by, each at its Field* position.
func (a Article) IndexedFields() [3]string {
	var f [3]string
	f[FieldTitle], f[FieldKeywords], f[FieldAnswer] = a.Title, a.Keywords, a.Answer
	return f
}

// FieldWeights weigh a term's frequency in each field.
var FieldWeights = [3]float64{3, 2, 1}

// Posting is one token of one indexed field of a published article.
type Posting struct {
	ArticleID int64
	Token     string
	Field     int
	TF        int
}

// IndexStats describes the searchable articles: how many, and the average length of each field.
type IndexStats struct {
	Articles int
	AvgLen   [3]float64
}

// Store keeps articles and their index.
type Store interface {
	// UnitIDs maps unit codes and names to unit ids.
	UnitIDs(ctx context.Context) (map[string]int64, error)
	// SaveArticles creates articles or, for a title already present, updates
	// them (a new version), with their tokens, in one transaction.
	SaveArticles(ctx context.Context, list []Article, now time.Time) (created, updated int, err error)
	// Postings returns the postings of the tokens among published articles
	// valid at now, with the field lengths of the articles they name.
	Postings(ctx context.Context, tokens []string, now time.Time) ([]Posting, map[int64][3]int, IndexStats, error)
	// TokenCounts returns, for each token, the number of postings it has (all
	// articles and fields; an index-only count used to prune very common tokens).
	TokenCounts(ctx context.Context, tokens []string) (map[string]int, error)
	// SetArticleStatus changes an article's status, as a new version.
	SetArticleStatus(ctx context.Context, id int64, status string, now time.Time) (Article, error)
	// ArticleVersions returns every version of an article, newest first.
	ArticleVersions(ctx context.Context, id int64) ([]Article, error)
	// DueForReview lists the published articles past their review-by date, of a unit (0: all).
	DueForReview(ctx context.Context, now time.Time, unitID int64) ([]Article, error)
	FirstCallSource
	// Synonyms returns the edited synonym groups, nil when none were set.
	Synonyms(ctx context.Context) ([][]string, error)
	// ReplaceSynonyms replaces every synonym group.
	ReplaceSynonyms(ctx context.Context, groups [][]string) error
	// ArticleIDByTitle returns the id of the article with the title, 0 when none.
	ArticleIDByTitle(ctx context.Context, title string) (int64, error)
	// FindArticles returns the articles of ids.
	FindArticles(ctx context.Context, ids []int64) ([]Article, error)
	// ListArticles returns the articles of the filter, most recently changed first.
	ListArticles(ctx context.Context, f ArticleFilter) ([]Article, error)
	// CountArticles counts the articles of the filter (its Limit and Offset aside).
	CountArticles(ctx context.Context, f ArticleFilter) (int, error)
}

// Service is the knowledge base's use cases.
type Service struct {
	Store    Store
	Clock    app.Clock
	Synonyms [][]string // nil: the store's groups, else DefaultSynonyms
}
