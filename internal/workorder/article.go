package workorder

import (
	"context"
	"errors"
	"time"

	"govdesk/internal/app"
)

// ArticleRef is what the order rules need to know of a knowledge-base article an
// order cites as its answer (直接办结 kb_article_id).
type ArticleRef struct {
	ID         int64
	Title      string
	Published  bool      // approved and not retired
	ValidFrom  time.Time // zero: from approval
	ValidUntil time.Time // the instant it stops answering; zero: no end
}

// Articles looks up knowledge-base articles; the knowledge store satisfies it.
type Articles interface {
	// ArticleRef returns the article of the id; not_found when there is none.
	ArticleRef(ctx context.Context, id int64) (ArticleRef, error)
}

// Citable checks that an article may answer a citizen at now: published, and within
// its validity dates. A retired, draft or expired article is invalid.
func (a ArticleRef) Citable(now time.Time) error {
	switch {
	case !a.Published:
		return app.Invalid("知识库条目 #%d（%s）未发布或已停用，不能作为答复依据", a.ID, a.Title)
	case !a.ValidFrom.IsZero() && now.Before(a.ValidFrom):
		return app.Invalid("知识库条目 #%d（%s）尚未生效，不能作为答复依据", a.ID, a.Title)
	case !a.ValidUntil.IsZero() && !now.Before(a.ValidUntil):
		return app.Invalid("知识库条目 #%d（%s）已过有效期，不能作为答复依据", a.ID, a.Title)
	}
	return nil
}

// CheckArticle refuses an article that may not be cited as an order's answer now:
// one that does not exist, or is not published, or is outside its validity dates.
// Resolve runs it; the intake page runs it before creating the order it will close.
func (s *Service) CheckArticle(ctx context.Context, id int64) error {
	if id <= 0 {
		return app.Invalid("知识库条目编号应为正整数")
	}
	if s.Articles == nil {
		return app.Internal(errors.New("workorder: no article lookup wired"), "check kb article")
	}
	a, err := s.Articles.ArticleRef(ctx, id)
	if app.ErrorCode(err) == app.ENotFound {
		return app.Invalid("知识库条目 #%d 不存在，请核对编号", id)
	} else if err != nil {
		return err
	}
	return a.Citable(s.Clock.Now())
}
