package selfeval

import (
	"fmt"
	"math/big"
	"strings"
)

// moneyUnits are the convertible units of money, in 元.
var moneyUnits = map[string]int64{"元": 1, "万元": 10000, "亿元": 100000000}

// comparable reports whether quantities in units a and b can be compared, and the factor
// that converts a value in b into a's unit (b/a). Money converts among 元, 万元 and 亿元;
// every other unit (%, 件, 人, 台…) compares only with itself.
func comparable(a, b string) (*big.Rat, bool) {
	a, b = strings.TrimSpace(a), strings.TrimSpace(b)
	fa, oka := moneyUnits[a]
	fb, okb := moneyUnits[b]
	if oka && okb {
		return big.NewRat(fb, fa), true
	}
	if a == b {
		return big.NewRat(1, 1), true
	}
	return nil, false
}

func unitText(u string) string {
	if u == "" {
		return "（无单位）"
	}
	return u
}

// checkCompare checks "left rel right" with both sides in one unit. It is a unit_mismatch
// when it fails converted but holds on the bare numbers (a slip such as 万元 written as 元),
// or when the two units cannot be compared at all; relation_false when it fails either way.
func checkCompare(f Figure) []Finding {
	l, r := f.Left, f.Right
	lq := fmt.Sprintf("%s%s", l.Value, l.Unit)
	rq := fmt.Sprintf("%s%s", r.Value, r.Unit)
	factor, ok := comparable(l.Unit, r.Unit)
	if !ok {
		return []Finding{{CodeUnitMismatch, f.Name, jnum(l.Value), nil,
			fmt.Sprintf("%s：%s 与 %s 单位不同（%s 与 %s）且无法换算，不能比较", f.Name, lq, rq, unitText(l.Unit), unitText(r.Unit))}}
	}
	right := new(big.Rat).Mul(r.Value.Rat, factor)
	if holds(l.Value.Rat, f.Relation, right) {
		return nil
	}
	d := minDecimals(right) // the right side in the left's unit, as few decimals as exact
	if l.Unit == r.Unit {
		d = r.Value.Decimals
	}
	exp := NumOf(right, d)
	if l.Unit != r.Unit && holds(l.Value.Rat, f.Relation, r.Value.Rat) {
		return []Finding{{CodeUnitMismatch, f.Name, jnum(l.Value), jnum(exp),
			fmt.Sprintf("%s：%s %s %s 仅在忽略单位时成立；换算为%s后右边为 %s%s，疑为单位错写", f.Name, lq, f.Relation, rq, unitText(l.Unit), exp, l.Unit)}}
	}
	return []Finding{{CodeRelationFalse, f.Name, jnum(l.Value), jnum(exp),
		fmt.Sprintf("%s：报告称 %s %s %s（%s），换算为同一单位后不成立（右边为 %s%s）", f.Name, lq, relationZh[f.Relation], rq, f.Relation, exp, l.Unit)}}
}
