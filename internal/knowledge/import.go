package knowledge

import (
	"context"
	"unicode/utf8"

	"govdesk/internal/app"
	"govdesk/internal/sheet"
)

// Import headers (SPEC §5).
const (
	colTitle    = "标题"
	colAnswer   = "答案"
	colUnit     = "单位"
	colCategory = "分类"
	colKeywords = "关键词"
	colUntil    = "有效期至"
	colFrom     = "生效日期"
)

// ArticleSpec is the header specification of an articles file.
var ArticleSpec = sheet.Spec{Required: []string{colTitle, colAnswer}, Optional: []string{colUnit, colCategory, colKeywords, colUntil, colFrom}}

// ImportSummary is the result of an import (SPEC §13).
type ImportSummary struct {
	Imported, Updated, Skipped int
}

// ImportArticles validates every row and, when all are valid (or skipInvalid is
// set), creates or updates the articles (matched by title) as published, in one
// transaction. Only the hotline office (admin, dispatcher) imports.
func (s *Service) ImportArticles(ctx context.Context, tab *sheet.Table, skipInvalid bool) (ImportSummary, []sheet.RowError, error) {
	if _, err := app.RequireRole(ctx, app.RoleAdmin, app.RoleDispatcher); err != nil {
		return ImportSummary{}, nil, err
	}
	units, err := s.Store.UnitIDs(ctx)
	if err != nil {
		return ImportSummary{}, nil, err
	}
	var errs sheet.Errors
	var list []Article
	seen := sheet.Unique{}
	for _, r := range tab.Rows {
		n := errs.Len()
		a := Article{Title: r.Get(colTitle), Answer: r.Get(colAnswer), Category: r.Get(colCategory),
			Keywords: r.Get(colKeywords), Status: StatusPublished}
		switch {
		case a.Title == "":
			errs.Add(r.Num, colTitle, a.Title, "标题不能为空")
		case utf8.RuneCountInString(a.Title) > 200:
			errs.Add(r.Num, colTitle, a.Title, "标题不能超过 200 字")
		default:
			seen.Cell(&errs, r.Num, colTitle, a.Title)
		}
		if a.Answer == "" {
			errs.Add(r.Num, colAnswer, a.Answer, "答案不能为空")
		}
		if u := r.Get(colUnit); u != "" {
			if id, ok := units[u]; ok {
				a.UnitID = id
			} else {
				errs.Add(r.Num, colUnit, u, "单位不存在（请填写已有单位的编码或名称）")
			}
		}
		if v := r.Get(colUntil); v != "" {
			t, err := sheet.ParseDate(v)
			if err != nil {
				errs.Add(r.Num, colUntil, v, "有效期至应为日期，如 2025-12-31")
			} else {
				a.ValidUntil = UntilAfterDay(t) // valid through the whole day
			}
		}
		if v := r.Get(colFrom); v != "" {
			t, err := sheet.ParseDate(v)
			if err != nil {
				errs.Add(r.Num, colFrom, v, "生效日期应为日期，如 2025-01-01")
			} else {
				a.ValidFrom = t
			}
		}
		if checkValidity(a) != nil {
			errs.Add(r.Num, colUntil, r.Get(colUntil), "有效期至不能早于生效日期")
		}
		if errs.Len() == n {
			list = append(list, a)
		}
	}
	if len(tab.Rows) == 0 {
		errs.Add(0, "", "", "文件没有数据行")
	}
	if errs.Len() > 0 && !skipInvalid {
		return ImportSummary{}, errs.List, errs.Err()
	}
	created, updated, err := s.Store.SaveArticles(ctx, list, s.Clock.Now())
	if err != nil {
		return ImportSummary{}, nil, err
	}
	return ImportSummary{Imported: created, Updated: updated, Skipped: len(tab.Rows) - len(list)}, errs.List, nil
}
