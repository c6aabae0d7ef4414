package knowledge

import (
	"context"
	"sort"
	"time"

	"govdesk/internal/app"
)

// CategoryRate is the first-call resolution rate of one category's 咨询 orders.
type CategoryRate struct {
	FirstCallCount
	Percent *float64
	Flagged bool
}

// FirstCallByCategory returns the rate of every category over [from, to) with the
// unit owning it, of one unit (code; "" every unit), most unanswered first.
func (s *Service) FirstCallByCategory(ctx context.Context, from, to time.Time, unitCode string, threshold float64) ([]CategoryRate, error) {
	if _, err := app.RequireRole(ctx, FirstCallViewers...); err != nil {
		return nil, err
	}
	counts, err := s.Store.FirstCallCounts(ctx, from, to)
	if err != nil {
		return nil, err
	}
	out := []CategoryRate{}
	for _, c := range counts {
		if unitCode != "" && c.UnitCode != unitCode {
			continue
		}
		r := CategoryRate{FirstCallCount: c}
		if c.Consults > 0 {
			p := float64(int(float64(c.Resolved)*10000/float64(c.Consults)+0.5)) / 100
			r.Percent, r.Flagged = &p, p < threshold
		}
		out = append(out, r)
	}
	sort.SliceStable(out, func(i, j int) bool {
		ui, uj := out[i].Consults-out[i].Resolved, out[j].Consults-out[j].Resolved
		if ui != uj {
			return ui > uj
		}
		if out[i].Category != out[j].Category {
			return out[i].Category < out[j].Category
		}
		return out[i].UnitCode < out[j].UnitCode
	})
	return out, nil
}

// Unanswered is the number of 咨询 not resolved at intake.
func (r CategoryRate) Unanswered() int { return r.Consults - r.Resolved }
