package workorder

import (
	"context"

	"govdesk/internal/app"
)

// Notices returns a page of the acting user's notices (its unit's and its role's), newest
// first, personal data in their text masked (PresentNotice).
func (s *Service) Notices(ctx context.Context, unreadOnly bool, page app.Page) ([]Notice, int, error) {
	a, err := app.RequireActor(ctx)
	if err != nil {
		return nil, 0, err
	}
	list, total, err := s.Store.FindNotices(ctx, a.UserID, a.UnitID, a.Role, unreadOnly, page)
	for i := range list {
		list[i] = PresentNotice(list[i])
	}
	return list, total, err
}

// UnreadNotices counts the acting user's unread notices.
func (s *Service) UnreadNotices(ctx context.Context) (int, error) {
	a, err := app.RequireActor(ctx)
	if err != nil {
		return 0, err
	}
	return s.Store.UnreadNotices(ctx, a.UserID, a.UnitID, a.Role)
}

// MarkNoticesRead marks notices read for the acting user; no ids marks them all.
func (s *Service) MarkNoticesRead(ctx context.Context, ids []int64) error {
	a, err := app.RequireActor(ctx)
	if err != nil {
		return err
	}
	return s.Store.MarkNoticesRead(ctx, a.UserID, a.UnitID, a.Role, ids, s.Clock.Now())
}
