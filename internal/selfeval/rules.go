package selfeval

import (
	"fmt"
	"math"
)

// Rule kinds of the indicator table (issue 8 §2).
const (
	RuleProportional = "proportional" // full marks at a target ratio, proportional below
	RuleBands        = "bands"        // step bands: the share of the weight for the first band reached
	RuleChecklist    = "checklist"    // points per item done, capped at the weight
	RuleDeduction    = "deduction"    // points off per violation, floored at zero
	RuleQualitative  = "qualitative"  // a person's choice of band (优/良/差) and score within it
)

// Band is a step: a value at or above Min earns Share (0–1) of the weight.
type Band struct {
	Min   float64
	Share float64
}

// QualBand is a qualitative band: a score between Low and High (shares of the weight).
type QualBand struct {
	Name      string
	Low, High float64
}

// QualitativeBands are the three bands of issue 8: 100–80 %, 80–60 %, 60–0 % of the weight.
var QualitativeBands = []QualBand{{"好", 0.8, 1}, {"一般", 0.6, 0.8}, {"差", 0, 0.6}}

// round2 rounds half away from zero to two decimals (scores are kept to 0.01).
func round2(x float64) float64 { return math.Round(x*100+math.Copysign(1e-9, x)) / 100 }

// Proportional scores actual against a full-marks target: weight × min(actual/full, 1).
// A non-positive full target scores the weight when actual reaches it, else 0.
func Proportional(weight, actual, full float64) float64 {
	if full <= 0 {
		if actual >= full {
			return weight
		}
		return 0
	}
	return round2(weight * math.Min(math.Max(actual/full, 0), 1))
}

// StepBands scores the first band (sorted from the highest Min down) whose Min value reaches; 0 when none.
func StepBands(weight, value float64, bands []Band) float64 {
	best := -1.0
	share := 0.0
	for _, b := range bands {
		if value >= b.Min && b.Min > best {
			best, share = b.Min, b.Share
		}
	}
	return round2(weight * share)
}

// Checklist gives points per item done, capped at the weight.
func Checklist(weight, perItem float64, done int) float64 {
	return round2(math.Min(weight, perItem*float64(max(done, 0))))
}

// Deduction takes points off per violation, floored at zero.
func Deduction(weight, perViolation float64, violations int) float64 {
	return round2(math.Max(0, weight-perViolation*float64(max(violations, 0))))
}

// Qualitative checks a person's score against the chosen band and returns it;
// a score outside the band (or a band not known) is an error in Chinese.
func Qualitative(weight float64, band string, score float64) (float64, error) {
	for _, b := range QualitativeBands {
		if b.Name == band {
			lo, hi := round2(weight*b.Low), round2(weight*b.High)
			if score < lo || score > hi {
				return 0, fmt.Errorf("“%s”档的得分应在 %.2f 至 %.2f 之间，实为 %.2f", band, lo, hi, score)
			}
			return round2(score), nil
		}
	}
	return 0, fmt.Errorf("未知评价档次 %q（应为 好、一般 或 差）", band)
}
