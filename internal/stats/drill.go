package stats

import (
	"context"
	"strings"

	"govdesk/internal/app"
	"govdesk/internal/workorder"
)

// Drill-down keys name the parts of rates: "closure_rate.numerator" lists the
// orders a rate counts above the line, "closure_rate.denominator" below it.
const (
	numerator   = ".numerator"
	denominator = ".denominator"
)

// DrillDown returns the order filter that lists exactly the orders a figure of h
// counts (SPEC §9: every number is a link). figure is a key of Figures — received,
// urgent, closed, overdue, returned, extended, reopened, reminded, supervised,
// by_type.<类型>, avg_workdays.咨询, avg_workdays.非咨询 — or a rate's part,
// <rate>.numerator / <rate>.denominator; "previous." before a key drills into the
// same period one year earlier. An unknown key is an app.Invalid error.
func (h *Hotline) DrillDown(figure string) (workorder.Filter, error) {
	if rest, ok := strings.CutPrefix(figure, "previous."); ok {
		if h.Previous == nil {
			return workorder.Filter{}, unknownFigure(figure)
		}
		return h.Previous.DrillDown(rest)
	}
	f, ok := drill(h.base, figure)
	if !ok {
		return workorder.Filter{}, unknownFigure(figure)
	}
	return f, nil
}

// DrillDown returns the order filter of one bucket: by_source.<来源>,
// by_town.<镇街>, by_category.<一级分类> or by_unit.<单位编码>. The bucket of
// orders without a value (未填写, 未派单) has no filter: app.Invalid.
func (b *Breakdown) DrillDown(figure string) (workorder.Filter, error) {
	kind, val, _ := strings.Cut(figure, ".")
	f := b.base
	switch {
	case val == "":
		return workorder.Filter{}, unknownFigure(figure)
	case kind == "by_source":
		f.Source = val
	case kind == "by_town":
		f.Town = val
	case kind == "by_category":
		f.Category = val
	case kind == "by_unit":
		f.UnitCode = val
	default:
		return workorder.Filter{}, unknownFigure(figure)
	}
	return f, nil
}

func unknownFigure(figure string) error {
	return app.Invalid("未知的统计指标 %q，无法列出明细", figure)
}

// drill adds a figure's conditions to the base selection.
func drill(f workorder.Filter, figure string) (workorder.Filter, bool) {
	yes := true
	if t, ok := strings.CutPrefix(figure, "by_type."); ok {
		f.Type = t
		return f, workorder.ValidType(t)
	}
	switch figure {
	case "received", "closure_rate" + denominator:
	case "urgent":
		f.Urgent = &yes
	case "closed", "closure_rate" + numerator:
		f.Closed = &yes
	case "on_time_rate" + denominator:
		f.Approved, f.WithDeadline = &yes, true
	case "on_time_rate" + numerator:
		f.OnTime = &yes
	case "overdue":
		f.Overdue = &yes
	case "avg_workdays." + Consult:
		f = spanFilter(f)
		f.Type = Consult
	case "avg_workdays." + NonConsult:
		f = spanFilter(f)
		f.NonConsult = true
	case "satisfaction_rate" + denominator:
		f.Rated = true
	case "satisfaction_rate" + numerator:
		f.Satisfied = true
	case "first_call_resolution_rate" + denominator:
		f.Type = Consult
	case "first_call_resolution_rate" + numerator:
		f.Type, f.FirstCall = Consult, &yes
	case "returned":
		f.MinReturns = 1
	case "extended":
		f.MinExtensions = 1
	case "reopened":
		f.MinReopens = 1
	case "reminded":
		f.MinReminders = 1
	case "supervised":
		f.Supervised = &yes
	default:
		return f, false
	}
	return f, true
}

// DrillDown returns the filter of a figure's orders over p as the actor may see
// them, without computing the figures: the same filter Hotline.DrillDown gives.
func (s *Service) DrillDown(ctx context.Context, p Period, figure string) (workorder.Filter, error) {
	if rest, ok := strings.CutPrefix(figure, "previous."); ok {
		p, figure = p.YearBefore(), rest
	}
	base, err := s.base(ctx, p)
	if err != nil {
		return workorder.Filter{}, err
	}
	f, ok := drill(base, figure)
	if !ok {
		return workorder.Filter{}, unknownFigure(figure)
	}
	return f, nil
}
