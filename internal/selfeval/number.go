package selfeval

import (
	"fmt"
	"math/big"
	"strings"

	"gopkg.in/yaml.v3"
)

// Num is a decimal number as written in the input: its exact value and the number of
// decimals its text carries (20.00 has 2, 20 has 0, 91.67 has 2).
type Num struct {
	Rat      *big.Rat
	Decimals int
	Text     string
}

// ParseNum reads a plain decimal such as "-12", "3432300.00", "25.06%" or "1e3" (a trailing
// percent sign is dropped; exponent form has the decimals of its exact value).
func ParseNum(s string) (Num, error) {
	t := strings.TrimSpace(strings.ReplaceAll(s, "_", ""))
	t = strings.TrimSpace(strings.TrimSuffix(t, "%")) // "25.06%" is read as 25.06
	r, ok := new(big.Rat).SetString(t)
	if !ok || t == "" || strings.ContainsAny(t, "/xXoObB") {
		return Num{}, fmt.Errorf("不是数字：%q", s)
	}
	d := 0
	if strings.ContainsAny(t, "eE") {
		d = minDecimals(r)
	} else if i := strings.IndexByte(t, '.'); i >= 0 {
		d = len(t) - i - 1
	}
	return Num{Rat: r, Decimals: d, Text: t}, nil
}

// minDecimals is the fewest decimals that write r exactly (at most 12).
func minDecimals(r *big.Rat) int {
	for d := 0; d < 12; d++ {
		if roundRat(r, d).Cmp(r) == 0 {
			return d
		}
	}
	return 12
}

// UnmarshalYAML reads the node's literal text, so the written precision survives.
func (n *Num) UnmarshalYAML(node *yaml.Node) error {
	if node.Kind != yaml.ScalarNode || (node.Tag != "!!int" && node.Tag != "!!float" && node.Tag != "!!str") {
		return lineErr(node.Line, "应为数字，实为 %q", node.Value)
	}
	v, err := ParseNum(node.Value)
	if err != nil {
		return lineErr(node.Line, "%v", err)
	}
	*n = v
	return nil
}

// NumOf returns the exact number r written with d decimals.
func NumOf(r *big.Rat, d int) Num {
	return Num{Rat: r, Decimals: d, Text: r.FloatString(d)}
}

// IsSet reports whether the number was given.
func (n Num) IsSet() bool { return n.Rat != nil }

// Float returns the value as a float64 (for display only; checks use Rat).
func (n Num) Float() float64 { f, _ := n.Rat.Float64(); return f }

// String returns the number as written.
func (n Num) String() string { return n.Text }

// roundRat rounds r half away from zero to d decimals (the rule of stats and SPEC §9).
func roundRat(r *big.Rat, d int) *big.Rat {
	scale := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(d)), nil)
	num := new(big.Int).Mul(r.Num(), scale)
	den := r.Denom()
	q, m := new(big.Int).QuoRem(num, den, new(big.Int))
	m.Abs(m).Mul(m, big.NewInt(2))
	if m.Cmp(den) >= 0 {
		if num.Sign() < 0 {
			q.Sub(q, big.NewInt(1))
		} else {
			q.Add(q, big.NewInt(1))
		}
	}
	return new(big.Rat).SetFrac(q, scale)
}

// Round returns n's value rounded half away from zero to d decimals, written with d decimals.
func Round(r *big.Rat, d int) Num { return NumOf(roundRat(r, d), d) }

// holds reports whether "a rel b" is true; rel is one of the relations of SPEC §10.
func holds(a *big.Rat, rel string, b *big.Rat) bool {
	c := a.Cmp(b)
	switch rel {
	case "=", "==":
		return c == 0
	case ">":
		return c > 0
	case "<":
		return c < 0
	case ">=", "≥":
		return c >= 0
	case "<=", "≤":
		return c <= 0
	}
	return false
}

// validRelation reports whether rel is a relation the checks understand.
func validRelation(rel string) bool {
	switch rel {
	case "=", "==", ">", "<", ">=", "<=", "≥", "≤":
		return true
	}
	return false
}

// relationZh writes a relation for a person.
var relationZh = map[string]string{"=": "等于", "==": "等于", ">": "大于", "<": "小于", ">=": "不低于", "≥": "不低于", "<=": "不高于", "≤": "不高于"}

func rat(s string) *big.Rat { r, _ := new(big.Rat).SetString(s); return r }
