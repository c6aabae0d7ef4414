package asset

import (
	"fmt"
	"math"
	"sort"
	"time"
)

// Asset is one line of the fixed-asset register (资产台账).
type Asset struct {
	ID       int64
	Code     string // 资产编号, the import key
	Name     string
	Category string
	Quantity int
	// ValueCents is the original value (原值) of the whole line, in fen.
	ValueCents int64
	Location   string
	InUse      bool
	// CheckedOn is the last stock-take date (盘点日期), YYYY-MM-DD, "" when never counted.
	CheckedOn string
	UpdatedAt time.Time
}

// Value returns the original value in yuan.
func (a Asset) Value() float64 { return float64(a.ValueCents) / 100 }

// StockTake is the count of one asset line in one year: the register's quantity
// before the count (账面数) and the quantity counted (实盘数).
type StockTake struct {
	AssetID   int64
	AssetCode string
	AssetName string
	Year      int
	TakenOn   string // YYYY-MM-DD
	Book      int
	Counted   int
}

// Difference is counted − book: positive 盘盈, negative 盘亏.
func (s StockTake) Difference() int { return s.Counted - s.Book }

// Utilization is 固定资产利用率 = in-use value / total value (SPEC §8).
type Utilization struct {
	InUseCents, TotalCents int64
	// Percent is rounded to two decimals; nil when the register is empty.
	Percent *float64
}

// UtilizationOf computes 固定资产利用率 over the register.
func UtilizationOf(assets []Asset) Utilization {
	var u Utilization
	for _, a := range assets {
		u.TotalCents += a.ValueCents
		if a.InUse {
			u.InUseCents += a.ValueCents
		}
	}
	if u.TotalCents > 0 {
		p := round2(100 * float64(u.InUseCents) / float64(u.TotalCents))
		u.Percent = &p
	}
	return u
}

// Limit is an allocation limit of one asset category, kept as configuration:
// at most PercentOfHeadcount % of the headcount (e.g. shredders ≤ 5 %), and/or at
// most MaxQuantity pieces. A zero field sets no limit of that kind.
type Limit struct {
	Category           string
	PercentOfHeadcount float64
	MaxQuantity        int
}

// Finding is an allocation over its limit (资产配置超标), read by the self-evaluation.
type Finding struct {
	Code     string  `json:"code"` // always "allocation_over_limit"
	Category string  `json:"category"`
	Quantity int     `json:"quantity"`
	Allowed  float64 `json:"allowed"`
	Message  string  `json:"message"`
}

// FindingOverLimit is the code of every allocation finding.
const FindingOverLimit = "allocation_over_limit"

// Findings compares the quantity of each limited category (all lines, in use or
// not) with its limits; headcount is the staff count (实有人数) the percentage is of,
// and a percentage allows whole pieces only (5 % of 30 people: 1 shredder). A
// percentage is not checked while the headcount is unknown (0).
func Findings(assets []Asset, limits []Limit, headcount int) []Finding {
	qty := map[string]int{}
	for _, a := range assets {
		qty[a.Category] += a.Quantity
	}
	out := []Finding{}
	for _, l := range limits {
		q := qty[l.Category]
		allowed := -1.0
		var rule string
		if l.PercentOfHeadcount > 0 && headcount > 0 {
			allowed = math.Floor(l.PercentOfHeadcount/100*float64(headcount) + 1e-9)
			rule = fmt.Sprintf("不超过实有人数（%d 人）的 %s%%，即最多 %s 件", headcount, trimFloat(l.PercentOfHeadcount), trimFloat(allowed))
		}
		if l.MaxQuantity > 0 && (allowed < 0 || float64(l.MaxQuantity) < allowed) {
			allowed = float64(l.MaxQuantity)
			rule = fmt.Sprintf("不超过 %d 件", l.MaxQuantity)
		}
		if allowed < 0 || float64(q) <= allowed+1e-9 {
			continue
		}
		out = append(out, Finding{Code: FindingOverLimit, Category: l.Category, Quantity: q, Allowed: round2(allowed),
			Message: fmt.Sprintf("%s超标准配置：现有 %d 件，配置标准为%s", l.Category, q, rule)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Category < out[j].Category })
	return out
}

// round2 rounds half away from zero to two decimals.
func round2(f float64) float64 {
	if f < 0 {
		return -round2(-f)
	}
	return float64(int64(f*100+0.5+1e-9)) / 100
}

func trimFloat(f float64) string {
	s := fmt.Sprintf("%.2f", f)
	for s[len(s)-1] == '0' {
		s = s[:len(s)-1]
	}
	if s[len(s)-1] == '.' {
		s = s[:len(s)-1]
	}
	return s
}
