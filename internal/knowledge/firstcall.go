package knowledge

import (
	"context"
	"sort"
	"time"

	"govdesk/internal/app"
)

// FirstCallViewers may see the first-call resolution rates.
var FirstCallViewers = []string{app.RoleAdmin, app.RoleDispatcher, app.RoleLeader, app.RoleUnitAdmin, app.RoleStaff}

// DefaultFirstCallThreshold is the rate (percent) under which a unit is flagged (SPEC §5).
const DefaultFirstCallThreshold = 70.0

// FirstCallCount is the number of 咨询 orders of one unit and category, and how
// many of them were resolved at intake.
type FirstCallCount struct {
	UnitID             int64
	UnitCode, UnitName string
	Category           string
	Consults, Resolved int
}

// FirstCallSource counts the 咨询 orders received in [from, to) by the unit owning
// their category (its default unit, else the order's unit) and category.
type FirstCallSource interface {
	FirstCallCounts(ctx context.Context, from, to time.Time) ([]FirstCallCount, error)
}

// Topic is a category with the 咨询 orders of it not resolved at intake.
type Topic struct {
	Category   string `json:"category"`
	Unanswered int    `json:"unanswered"`
}

// FirstCallRate is the first-call resolution rate (一次性解答率) of one unit.
type FirstCallRate struct {
	UnitCode   string   `json:"unit_code"`
	UnitName   string   `json:"unit_name"`
	Consults   int      `json:"consults"`
	Resolved   int      `json:"resolved"`
	Percent    *float64 `json:"percent"`
	Flagged    bool     `json:"flagged"`
	Categories []Topic  `json:"top_unanswered"`
}

// FirstCall returns the rate per unit over [from, to), lowest first; units under
// threshold percent are flagged and list their five most-asked unanswered categories.
func FirstCall(ctx context.Context, src FirstCallSource, from, to time.Time, threshold float64) ([]FirstCallRate, error) {
	if _, err := app.RequireRole(ctx, FirstCallViewers...); err != nil {
		return nil, err
	}
	counts, err := src.FirstCallCounts(ctx, from, to)
	if err != nil {
		return nil, err
	}
	byUnit := map[string]*FirstCallRate{}
	topics := map[string][]Topic{}
	var order []string
	for _, c := range counts {
		r := byUnit[c.UnitCode]
		if r == nil {
			r = &FirstCallRate{UnitCode: c.UnitCode, UnitName: c.UnitName}
			byUnit[c.UnitCode] = r
			order = append(order, c.UnitCode)
		}
		r.Consults += c.Consults
		r.Resolved += c.Resolved
		if n := c.Consults - c.Resolved; n > 0 {
			topics[c.UnitCode] = append(topics[c.UnitCode], Topic{Category: c.Category, Unanswered: n})
		}
	}
	out := make([]FirstCallRate, 0, len(order))
	for _, code := range order {
		r := byUnit[code]
		if r.Consults > 0 {
			p := float64(int(float64(r.Resolved)*10000/float64(r.Consults)+0.5)) / 100
			r.Percent = &p
			r.Flagged = p < threshold
		}
		r.Categories = []Topic{}
		if r.Flagged {
			t := topics[code]
			sort.SliceStable(t, func(i, j int) bool {
				if t[i].Unanswered != t[j].Unanswered {
					return t[i].Unanswered > t[j].Unanswered
				}
				return t[i].Category < t[j].Category
			})
			if len(t) > 5 {
				t = t[:5]
			}
			r.Categories = t
		}
		out = append(out, *r)
	}
	sort.SliceStable(out, func(i, j int) bool {
		pi, pj := rate(out[i]), rate(out[j])
		if pi != pj {
			return pi < pj
		}
		return out[i].UnitCode < out[j].UnitCode
	})
	return out, nil
}

func rate(r FirstCallRate) float64 {
	if r.Percent == nil {
		return 101
	}
	return *r.Percent
}

// FirstCall returns the first-call resolution rates of the service's store (see FirstCall).
func (s *Service) FirstCall(ctx context.Context, from, to time.Time, threshold float64) ([]FirstCallRate, error) {
	return FirstCall(ctx, s.Store, from, to, threshold)
}
