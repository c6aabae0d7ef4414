package stats

import (
	"context"
	"sort"
	"strings"

	"govdesk/internal/app"
	"govdesk/internal/workorder"
)

// UnitCounts are the counts of one current handling unit (主办单位) over a
// period, with the conditions of Counts.
type UnitCounts struct {
	Code, Name string
	Received   int
	Closed     int
	Answered   int // on-time denominator
	OnTime     int
	Overdue    int
	Rated      int
	Satisfied  int
	Returned   int
	Supervised int
}

// UnitSource counts the orders of a filter by current unit; store.Stats
// implements it next to Source.
type UnitSource interface {
	HotlineByUnit(ctx context.Context, f workorder.Filter) ([]UnitCounts, error)
}

// UnitFigures are one unit's counts with its rates (percent, two decimals;
// nil when the denominator is 0), for the unit rankings of the briefs.
type UnitFigures struct {
	UnitCounts
	ClosureRate      *float64
	OnTimeRate       *float64
	SatisfactionRate *float64
	ReturnRate       *float64 // orders returned at least once ÷ orders received
}

// Units returns the figures of every unit with orders of p (orders never
// dispatched have no unit and are left out), ranked by on-time rate, then
// satisfaction rate, then fewer returns, then more orders; a unit whose rate
// cannot be computed ranks after those whose can.
func (s *Service) Units(ctx context.Context, p Period) ([]UnitFigures, error) {
	src, ok := s.Source.(UnitSource)
	if !ok {
		return nil, app.Internal(nil, "stats: the source cannot count by unit")
	}
	base, err := s.base(ctx, p)
	if err != nil {
		return nil, err
	}
	counts, err := src.HotlineByUnit(ctx, base)
	if err != nil {
		return nil, err
	}
	out := make([]UnitFigures, 0, len(counts))
	for _, c := range counts {
		if c.Code == "" {
			continue
		}
		if c.Name == "" {
			c.Name = c.Code
		}
		out = append(out, UnitFigures{UnitCounts: c, ClosureRate: percent(c.Closed, c.Received),
			OnTimeRate: percent(c.OnTime, c.Answered), SatisfactionRate: percent(c.Satisfied, c.Rated),
			ReturnRate: percent(c.Returned, c.Received)})
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if c := cmpRate(a.OnTimeRate, b.OnTimeRate); c != 0 {
			return c > 0
		}
		if c := cmpRate(a.SatisfactionRate, b.SatisfactionRate); c != 0 {
			return c > 0
		}
		if c := cmpRate(b.ReturnRate, a.ReturnRate); c != 0 {
			return c > 0
		}
		if a.Received != b.Received {
			return a.Received > b.Received
		}
		return a.Code < b.Code
	})
	return out, nil
}

// cmpRate orders rates: a computable rate above nil, then by value.
func cmpRate(a, b *float64) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return -1
	case b == nil:
		return 1
	case *a > *b:
		return 1
	case *a < *b:
		return -1
	}
	return 0
}

// UnitFigureKeys are the figure keys a unit's drill-down accepts (the
// Hotline keys its columns count).
var UnitFigureKeys = []string{"received", "closed", "on_time_rate.numerator", "on_time_rate.denominator", "overdue",
	"satisfaction_rate.numerator", "satisfaction_rate.denominator", "returned", "supervised"}

// FigureFilter returns the order filter of any figure key the briefs link:
// a Hotline key (received, closure_rate.numerator, previous.urgent, …), a
// Breakdown bucket (by_source.…, by_town.…, by_category.…, by_unit.…) or a
// unit's figure "unit.<单位编码>.<Hotline key>". An unknown key is app.Invalid.
func (s *Service) FigureFilter(ctx context.Context, p Period, figure string) (workorder.Filter, error) {
	if rest, ok := strings.CutPrefix(figure, "previous."); ok {
		return s.FigureFilter(ctx, p.YearBefore(), rest)
	}
	kind, rest, _ := strings.Cut(figure, ".")
	switch kind {
	case "by_source", "by_town", "by_category", "by_unit":
		base, err := s.base(ctx, p)
		if err != nil {
			return workorder.Filter{}, err
		}
		b := Breakdown{Period: p, base: base}
		return b.DrillDown(figure)
	case "unit":
		code, key, ok := strings.Cut(rest, ".")
		if !ok || code == "" {
			return workorder.Filter{}, unknownFigure(figure)
		}
		base, err := s.base(ctx, p)
		if err != nil {
			return workorder.Filter{}, err
		}
		base.UnitCode = code
		f, ok := drill(base, key)
		if !ok {
			return workorder.Filter{}, unknownFigure(figure)
		}
		return f, nil
	}
	return s.DrillDown(ctx, p, figure)
}
