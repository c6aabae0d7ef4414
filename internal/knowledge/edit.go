package knowledge

import (
	"context"
	"strings"
	"unicode/utf8"

	"govdesk/internal/app"
)

// office are the roles of the hotline office, which approves and retires articles.
var office = []string{app.RoleAdmin, app.RoleDispatcher}

// Draft saves a new article or an edit of one (a.ID set) as a draft awaiting the
// hotline office's approval; every save is a new version. A unit admin drafts
// only for their own unit. It returns the article as saved.
func (s *Service) Draft(ctx context.Context, a Article) (Article, error) {
	act, err := app.RequireRole(ctx, app.RoleUnitAdmin, app.RoleAdmin, app.RoleDispatcher)
	if err != nil {
		return Article{}, err
	}
	if act.Role == app.RoleUnitAdmin {
		if a.UnitID != 0 && a.UnitID != act.UnitID {
			return Article{}, app.Forbidden("单位管理员只能编写本单位的知识库文章").WithDetail("a unit admin writes articles of their own unit only")
		}
		a.UnitID = act.UnitID
	}
	a.Title, a.Answer = strings.TrimSpace(a.Title), strings.TrimSpace(a.Answer)
	a.Category, a.Keywords = strings.TrimSpace(a.Category), strings.TrimSpace(a.Keywords)
	switch {
	case a.Title == "":
		return Article{}, app.Invalid("标题不能为空").WithDetail("the title is empty")
	case utf8.RuneCountInString(a.Title) > 200:
		return Article{}, app.Invalid("标题不能超过 200 字").WithDetail("the title is longer than 200 characters")
	case a.Answer == "":
		return Article{}, app.Invalid("答案不能为空").WithDetail("the answer is empty")
	}
	if err := checkValidity(a); err != nil {
		return Article{}, err
	}
	if a.ID == 0 {
		id, err := s.Store.ArticleIDByTitle(ctx, a.Title)
		if err != nil {
			return Article{}, err
		}
		if id != 0 {
			return Article{}, app.Conflict("已有同标题的文章（编号 %d），请修改该文章", id).WithDetail("article %d has the same title: edit that one", id)
		}
	}
	if act.Role == app.RoleUnitAdmin && a.ID != 0 {
		old, err := s.Store.FindArticles(ctx, []int64{a.ID})
		if err != nil {
			return Article{}, err
		}
		if len(old) == 1 && !MayEdit(act, old[0]) {
			return Article{}, app.Forbidden("单位管理员只能修改本单位的知识库文章").WithDetail("a unit admin edits articles of their own unit only")
		}
	}
	a.Status = StatusDraft
	if _, _, err := s.Store.SaveArticles(ctx, []Article{a}, s.Clock.Now()); err != nil {
		return Article{}, err
	}
	id := a.ID
	if id == 0 {
		if id, err = s.Store.ArticleIDByTitle(ctx, a.Title); err != nil {
			return Article{}, err
		}
	}
	saved, err := s.Store.FindArticles(ctx, []int64{id})
	if err != nil || len(saved) != 1 {
		return a, err
	}
	return saved[0], nil
}

// Approve publishes an article (hotline office only).
func (s *Service) Approve(ctx context.Context, id int64) (Article, error) {
	return s.setStatus(ctx, id, StatusPublished)
}

// Retire takes an outdated article out of search (hotline office only).
func (s *Service) Retire(ctx context.Context, id int64) (Article, error) {
	return s.setStatus(ctx, id, StatusRetired)
}

func (s *Service) setStatus(ctx context.Context, id int64, status string) (Article, error) {
	if _, err := app.RequireRole(ctx, office...); err != nil {
		return Article{}, err
	}
	return s.Store.SetArticleStatus(ctx, id, status, s.Clock.Now())
}

// Versions returns the versions of an article the actor may read (MayRead), newest
// first: not_found when the article itself is hidden from them, and a reader who
// is not its editor sees its published versions only, never a pending draft.
func (s *Service) Versions(ctx context.Context, id int64) ([]Article, error) {
	act, err := app.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := s.Article(ctx, id); err != nil {
		return nil, err
	}
	list, err := s.Store.ArticleVersions(ctx, id)
	if err != nil {
		return nil, err
	}
	out := list[:0]
	for _, v := range list {
		if MayRead(act, v) {
			out = append(out, v)
		}
	}
	return out, nil
}

// DueForReview lists the published articles past their review-by date: a unit
// admin sees their unit's, the hotline office those of unitID (0: all).
func (s *Service) DueForReview(ctx context.Context, unitID int64) ([]Article, error) {
	act, err := app.RequireRole(ctx, app.RoleUnitAdmin, app.RoleAdmin, app.RoleDispatcher, app.RoleLeader)
	if err != nil {
		return nil, err
	}
	if act.Role == app.RoleUnitAdmin {
		unitID = act.UnitID
	}
	return s.Store.DueForReview(ctx, s.Clock.Now(), unitID)
}

// UnitID resolves a unit given by its code or name, as people type it in a form, a
// request or a command line; invalid when there is no such unit.
func (s *Service) UnitID(ctx context.Context, codeOrName string) (int64, error) {
	codeOrName = strings.TrimSpace(codeOrName)
	ids, err := s.Store.UnitIDs(ctx)
	if err != nil {
		return 0, err
	}
	id := ids[codeOrName]
	if id == 0 {
		return 0, app.Invalid("单位 %q 不存在（请填单位编码或名称）", codeOrName).WithDetail("unknown unit %q (give its code or name)", codeOrName)
	}
	return id, nil
}
