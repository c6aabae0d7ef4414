package selfeval

import (
	"encoding/json"
	"fmt"
	"math/big"
)

// Finding codes of SPEC §10.
const (
	CodeRateMismatch         = "rate_mismatch"
	CodeGrowthMismatch       = "growth_mismatch"
	CodeSumMismatch          = "sum_mismatch"
	CodeRelationFalse        = "relation_false"
	CodeUnitMismatch         = "unit_mismatch"
	CodeFullScoreWithFinding = "full_score_with_finding"
	CodeScoreOverWeight      = "score_over_weight"
	CodeTargetClaimFalse     = "target_claim_false"
	CodeTotalMismatch        = "total_mismatch"
)

// relationDisplayMinDecimal is the fewest decimals an expected value of a relation_false on a
// rate or growth is shown with.
const relationDisplayMinDecimal = 2

// Finding is one contradiction. Stated and Expected are JSON values: numbers written
// with their decimals, booleans for a target's achieved claim, or null when there is none.
type Finding struct {
	Code     string `json:"code"`
	Figure   string `json:"figure"`
	Stated   any    `json:"stated"`
	Expected any    `json:"expected"`
	Message  string `json:"message"`
}

func jnum(n Num) any { return json.Number(n.Text) }

// Check recomputes every stated figure of in and lists every contradiction, in input order:
// figures, then indicators, then the total, then targets. It never returns nil.
func Check(in *Input) []Finding {
	out := []Finding{}
	for _, f := range in.Figures {
		out = append(out, checkFigure(f)...)
	}
	out = append(out, checkIndicators(in)...)
	for _, t := range in.Targets {
		out = append(out, checkTarget(t)...)
	}
	return out
}

// percentOf is a/b × 100, exact.
func percentOf(a, b *big.Rat) *big.Rat {
	r := new(big.Rat).Quo(a, b)
	return r.Mul(r, big.NewRat(100, 1))
}

func checkFigure(f Figure) []Finding {
	switch f.Kind {
	case KindRate:
		exact := percentOf(f.Numerator.Rat, f.Denominator.Rat)
		how := fmt.Sprintf("%s/%s", f.Numerator, f.Denominator)
		return statedPercent(f, exact, CodeRateMismatch, "比率", how)
	case KindGrowth:
		diff := new(big.Rat).Sub(f.Current.Rat, f.Previous.Rat)
		exact := percentOf(diff, f.Previous.Rat)
		how := fmt.Sprintf("（%s−%s）/%s", f.Current, f.Previous, f.Previous)
		return statedPercent(f, exact, CodeGrowthMismatch, "增长率", how)
	case KindSum:
		sum, d := new(big.Rat), 0
		for _, p := range f.Parts {
			sum.Add(sum, p.Rat)
			d = max(d, p.Decimals)
		}
		if sum.Cmp(f.Stated.Rat) == 0 {
			return nil
		}
		exp := NumOf(sum, max(d, f.Stated.Decimals))
		return []Finding{{CodeSumMismatch, f.Name, jnum(f.Stated), jnum(exp),
			fmt.Sprintf("%s：各项合计为 %s，报告所写 %s 与之不符", f.Name, exp, f.Stated)}}
	case KindCompare:
		return checkCompare(f)
	}
	return nil
}

// statedPercent checks "exact rel stated". With "=", the stated percent is read to the
// precision it is written with; with another relation the exact value is compared.
func statedPercent(f Figure, exact *big.Rat, mismatch, what, how string) []Finding {
	d := f.Stated.Decimals
	if f.Relation == "=" || f.Relation == "==" {
		exp := Round(exact, d)
		if exp.Rat.Cmp(f.Stated.Rat) == 0 {
			return nil
		}
		return []Finding{{mismatch, f.Name, jnum(f.Stated), jnum(exp),
			fmt.Sprintf("%s：%s %s 应为 %s%%（按报告所写 %d 位小数四舍五入），报告写作 %s%%", f.Name, what, how, exp, d, f.Stated)}}
	}
	if holds(exact, f.Relation, f.Stated.Rat) {
		return nil
	}
	exp := relationExpected(exact, f.Relation, f.Stated.Rat, d)
	return []Finding{{CodeRelationFalse, f.Name, jnum(f.Stated), jnum(exp),
		fmt.Sprintf("%s：报告称%s%s%s%%，但 %s 实为 %s%%", f.Name, what, relationZh[f.Relation], f.Stated, how, exp)}}
}

// relationExpected writes the exact value with the stated decimals (at least two), adding
// decimals while the rounded figure would still seem to satisfy the relation or to equal the
// stated value when it does not (99.996 against ">= 100" is shown as 99.996, not 100.00).
func relationExpected(exact *big.Rat, rel string, stated *big.Rat, d int) Num {
	d = max(d, relationDisplayMinDecimal)
	exp := Round(exact, d)
	for d < 12 && (holds(exp.Rat, rel, stated) || (exp.Rat.Cmp(stated) == 0 && exact.Cmp(stated) != 0)) {
		d++
		exp = Round(exact, d)
	}
	return exp
}
