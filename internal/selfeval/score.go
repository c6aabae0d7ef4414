package selfeval

import (
	"encoding/json"
	"fmt"
	"math/big"
	"strings"
)

// Grades of SPEC §10, as half-open intervals of the total.
const (
	GradeExcellent = "优" // total ≥ 90
	GradeGood      = "良" // 80 ≤ total < 90
	GradeFair      = "中" // 60 ≤ total < 80
	GradePoor      = "差" // total < 60
)

// Grade returns the grade of a total out of 100: 优 ≥ 90, 良 [80, 90), 中 [60, 80), 差 < 60.
func Grade(total *big.Rat) string {
	switch {
	case total.Cmp(big.NewRat(90, 1)) >= 0:
		return GradeExcellent
	case total.Cmp(big.NewRat(80, 1)) >= 0:
		return GradeGood
	case total.Cmp(big.NewRat(60, 1)) >= 0:
		return GradeFair
	}
	return GradePoor
}

// ScoredIndicator is one row of the scored table.
type ScoredIndicator struct {
	Code      string      `json:"code"`
	Name      string      `json:"name"`
	Weight    json.Number `json:"weight"`
	Score     json.Number `json:"score"`
	Findings  []string    `json:"findings"`
	Reasoning string      `json:"reasoning"`
}

// Result is the scored self-evaluation: total out of 100 (two decimals), grade, rows.
type Result struct {
	Total       json.Number       `json:"total"`
	Grade       string            `json:"grade"`
	StatedTotal *json.Number      `json:"stated_total,omitempty"`
	Indicators  []ScoredIndicator `json:"indicators"`
}

// Score totals the indicator scores of in (as stated, each checked against its weight in
// Check) and grades the total. The grade is taken on the exact sum, not on its rounding.
func Score(in *Input) Result {
	res := Result{Indicators: []ScoredIndicator{}}
	sum := new(big.Rat)
	for _, ind := range in.Indicators {
		sum.Add(sum, ind.Score.Rat)
		f := ind.Findings
		if f == nil {
			f = []string{}
		}
		res.Indicators = append(res.Indicators, ScoredIndicator{
			Code: ind.Code, Name: ind.Name, Weight: json.Number(ind.Weight.Text), Score: json.Number(ind.Score.Text),
			Findings: f, Reasoning: reasoning(ind),
		})
	}
	res.Total = json.Number(Round(sum, 2).Text)
	res.Grade = Grade(sum)
	if in.Total.IsSet() {
		t := json.Number(in.Total.Text)
		res.StatedTotal = &t
	}
	return res
}

// reasoning explains an indicator's score for a person.
func reasoning(ind Indicator) string {
	var b strings.Builder
	c := ind.Score.Rat.Cmp(ind.Weight.Rat)
	switch {
	case c > 0:
		fmt.Fprintf(&b, "得分 %s 超过分值 %s", ind.Score, ind.Weight)
	case c == 0:
		fmt.Fprintf(&b, "分值 %s，得满分", ind.Weight)
	default:
		lost := new(big.Rat).Sub(ind.Weight.Rat, ind.Score.Rat)
		fmt.Fprintf(&b, "分值 %s，得 %s 分，扣 %s 分", ind.Weight, ind.Score, NumOf(lost, max(ind.Weight.Decimals, ind.Score.Decimals)))
	}
	if len(ind.Findings) > 0 {
		fmt.Fprintf(&b, "；发现问题：%s", strings.Join(ind.Findings, "；"))
	}
	if ind.Reason != "" {
		fmt.Fprintf(&b, "；理由：%s", ind.Reason)
	}
	if ind.Evidence != "" {
		fmt.Fprintf(&b, "；佐证：%s", ind.Evidence)
	}
	return b.String()
}
