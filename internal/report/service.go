package report

import (
	"context"
	"strings"

	"govdesk/internal/app"
	"govdesk/internal/stats"
	"govdesk/internal/workorder"
)

// Orders finds the orders of a filter, one page at a time (store.Orders).
type Orders interface {
	FindOrders(ctx context.Context, f workorder.Filter) ([]workorder.Order, int, error)
}

// Passages keeps the editable passages of the briefs (store.Passages).
type Passages interface {
	Get(ctx context.Context, docKey string) (map[string]string, error)
	Set(ctx context.Context, docKey, key, body string) error
}

// Service builds briefs.
type Service struct {
	Stats    *stats.Service
	Orders   Orders
	Passages Passages
	Clock    app.Clock
	// Centre names the issuing office in the subtitles (e.g. 12345热线办公室).
	Centre string
}

// Readers are the roles that read and download the briefs; Editors also
// choose the weekly orders and write the recommendations.
var (
	Readers = []string{app.RoleAdmin, app.RoleStaff, app.RoleLeader, app.RoleDispatcher}
	Editors = []string{app.RoleAdmin, app.RoleStaff, app.RoleDispatcher}
)

// Build builds the brief of a kind for its period argument (2022-W39, 2022-09, 2022).
func (s *Service) Build(ctx context.Context, kind, arg string) (*Doc, error) {
	if _, err := app.RequireRole(ctx, Readers...); err != nil {
		return nil, err
	}
	p, err := Parse(kind, arg)
	if err != nil {
		return nil, err
	}
	d := &Doc{Kind: kind, Key: kind + ":" + arg, Arg: arg, Label: label(kind, p), Period: p}
	switch kind {
	case Weekly:
		err = s.weekly(ctx, d)
	case Monthly:
		err = s.monthly(ctx, d)
	default:
		err = s.annual(ctx, d)
	}
	if err != nil {
		return nil, err
	}
	return d, nil
}

// Drill returns the order filter of a link the brief shows, as the actor may see it.
func (s *Service) Drill(ctx context.Context, l Link) (workorder.Filter, error) {
	if _, err := app.RequireRole(ctx, Readers...); err != nil {
		return workorder.Filter{}, err
	}
	return s.Stats.FigureFilter(ctx, l.Period, l.Figure)
}

// SetRecommendations stores an annual analysis's 意见建议, kept when it is generated again.
func (s *Service) SetRecommendations(ctx context.Context, year, body string) error {
	if _, err := app.RequireRole(ctx, Editors...); err != nil {
		return err
	}
	if _, err := ParseYear(year); err != nil {
		return err
	}
	body = strings.TrimSpace(strings.ReplaceAll(body, "\r\n", "\n"))
	if len([]rune(body)) > 20000 {
		return app.Invalid("意见建议不能超过 20000 字")
	}
	return s.Passages.Set(ctx, Annual+":"+year, PassageRecommendations, body)
}

func (s *Service) centre() string {
	if s.Centre != "" {
		return s.Centre
	}
	return "12345政务服务便民热线"
}

// subtitle is the line under the title: the period's dates and the instant
// the figures were computed at.
func (s *Service) subtitle(p stats.Period) string {
	return "统计期间：" + spanZh(p) + "　数据截至" + minuteZh(s.Clock.Now())
}
