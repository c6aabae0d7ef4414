package knowledge

import (
	"context"
	"time"

	"govdesk/internal/app"
)

// ArticleFilter narrows the article list of the editor.
type ArticleFilter struct {
	Status string // draft, published, retired; "" any
	UnitID int64  // 0: every unit
	Limit  int    // 0: 500
	Offset int    // rows skipped (paging)
}

// StatusNames name the article states as the editor shows them.
var StatusNames = map[string]string{StatusDraft: "待审核草稿", StatusPublished: "已发布", StatusRetired: "已停用"}

// Editors may draft articles: unit admins for their unit, the hotline office for any.
var Editors = []string{app.RoleUnitAdmin, app.RoleAdmin, app.RoleDispatcher}

// MayEdit reports whether the actor may edit the article: the hotline office any,
// a unit admin their own unit's.
func MayEdit(act app.Actor, a Article) bool {
	return act.Is(app.RoleAdmin, app.RoleDispatcher) || act.Is(app.RoleUnitAdmin) && a.UnitID == act.UnitID
}

// MayRead reports whether the actor may read the article or one version of it: a
// published one every signed-in user, a draft or retired one its editors only
// (MayEdit). Every path to an article's text asks it: the article, its versions,
// their differences.
func MayRead(act app.Actor, a Article) bool {
	return a.Status == StatusPublished || MayEdit(act, a)
}

// Office are the roles of the hotline office, which approves and retires articles.
var Office = office

// List returns the articles of the filter, newest change first: a unit admin
// sees only their unit's.
func (s *Service) List(ctx context.Context, f ArticleFilter) ([]Article, error) {
	f, err := s.listFilter(ctx, f)
	if err != nil {
		return nil, err
	}
	return s.Store.ListArticles(ctx, f)
}

// Page returns one page of the list (f.Limit rows from f.Offset) and how many
// articles the filter selects in all.
func (s *Service) Page(ctx context.Context, f ArticleFilter) ([]Article, int, error) {
	f, err := s.listFilter(ctx, f)
	if err != nil {
		return nil, 0, err
	}
	total, err := s.Store.CountArticles(ctx, f)
	if err != nil {
		return nil, 0, err
	}
	list, err := s.Store.ListArticles(ctx, f)
	return list, total, err
}

// listFilter checks the filter and narrows a unit admin's to their unit.
func (s *Service) listFilter(ctx context.Context, f ArticleFilter) (ArticleFilter, error) {
	act, err := app.RequireRole(ctx, Editors...)
	if err != nil {
		return f, err
	}
	if act.Role == app.RoleUnitAdmin {
		f.UnitID = act.UnitID
	}
	if f.Limit <= 0 {
		f.Limit = 500
	}
	f.Offset = max(f.Offset, 0)
	if f.Status != "" && StatusNames[f.Status] == "" {
		return f, app.Invalid("未知的文章状态 %q（可选：draft 草稿、published 已发布、retired 已停用）", f.Status).
			WithDetail("unknown article status %q, want draft, published or retired", f.Status)
	}
	return f, nil
}

// Article returns one article; a draft or retired article only to its editors.
func (s *Service) Article(ctx context.Context, id int64) (Article, error) {
	act, err := app.RequireActor(ctx)
	if err != nil {
		return Article{}, err
	}
	list, err := s.Store.FindArticles(ctx, []int64{id})
	if err != nil {
		return Article{}, err
	}
	if len(list) == 0 {
		return Article{}, app.NotFound("知识库文章 %d 不存在", id).WithDetail("no article %d", id)
	}
	a := list[0]
	if !MayRead(act, a) {
		return Article{}, app.NotFound("知识库文章 %d 不存在", id).WithDetail("no article %d", id)
	}
	return a, nil
}

// ReviewSoon lists the published articles whose review-by date falls before
// now plus days (past or near review); a unit admin sees their unit's.
func (s *Service) ReviewSoon(ctx context.Context, unitID int64, days int) ([]Article, error) {
	act, err := app.RequireRole(ctx, app.RoleUnitAdmin, app.RoleAdmin, app.RoleDispatcher, app.RoleLeader)
	if err != nil {
		return nil, err
	}
	if act.Role == app.RoleUnitAdmin {
		unitID = act.UnitID
	}
	if days < 0 || days > 366 {
		return nil, app.Invalid("提前天数应在 0 到 366 之间").WithDetail("the days ahead must be 0 to 366")
	}
	return s.Store.DueForReview(ctx, s.Clock.Now().Add(time.Duration(days)*24*time.Hour), unitID)
}
