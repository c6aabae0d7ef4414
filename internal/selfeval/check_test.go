package selfeval

import (
	"fmt"
	"strings"
	"testing"
)

// checkYAML parses src and returns the codes and findings of Check.
func checkYAML(t *testing.T, src string) []Finding {
	t.Helper()
	in, err := Parse(strings.NewReader(src))
	if err != nil {
		t.Fatalf("Parse: %v\n%s", err, src)
	}
	return Check(in)
}

func codes(fs []Finding) string {
	var c []string
	for _, f := range fs {
		c = append(c, f.Code)
	}
	return strings.Join(c, ",")
}

func TestCheck_EachCodeBothWays(t *testing.T) {
	cases := []struct {
		name, yaml, want string
	}{
		{"rate agrees", `{name: r, kind: rate, numerator: 450, denominator: 500, stated: 90.0}`, ""},
		{"rate 91.67", `{name: r, kind: rate, numerator: 11, denominator: 12, stated: 91.67, relation: "="}`, ""},
		{"rate mismatch", `{name: r, kind: rate, numerator: 11, denominator: 12, stated: 91.66}`, "rate_mismatch"},
		{"rate one decimal", `{name: r, kind: rate, numerator: 11, denominator: 12, stated: 91.7}`, ""},
		{"rate integer", `{name: r, kind: rate, numerator: 11, denominator: 12, stated: 92}`, ""},
		{"rate integer wrong", `{name: r, kind: rate, numerator: 11, denominator: 12, stated: 91}`, "rate_mismatch"},
		{"rate > holds", `{name: r, kind: rate, numerator: 11, denominator: 10, stated: 100, relation: ">"}`, ""},
		{"rate > exactly 100", `{name: r, kind: rate, numerator: 10, denominator: 10, stated: 100, relation: ">"}`, "relation_false"},
		{"rate >= 100", `{name: r, kind: rate, numerator: 10, denominator: 10, stated: 100, relation: ">="}`, ""},
		{"rate < holds", `{name: r, kind: rate, numerator: 1, denominator: 3, stated: 33.34, relation: "<"}`, ""},
		{"rate < fails", `{name: r, kind: rate, numerator: 1, denominator: 3, stated: 33.33, relation: "<"}`, "relation_false"},
		{"rate <= fails", `{name: r, kind: rate, numerator: 1, denominator: 3, stated: 33.33, relation: "<="}`, "relation_false"},
		{"growth agrees", `{name: g, kind: growth, current: 1200000, previous: 1000000, stated: 20.00}`, ""},
		{"growth mismatch", `{name: g, kind: growth, current: 1200000, previous: 1000000, stated: 20.01}`, "growth_mismatch"},
		{"growth negative", `{name: g, kind: growth, current: 90, previous: 120, stated: -25}`, ""},
		{"growth negative half", `{name: g, kind: growth, current: 0.99875, previous: 1, stated: -0.13}`, ""},
		{"sum agrees", `{name: s, kind: sum, parts: [100000, 250000], stated: 350000}`, ""},
		{"sum decimals", `{name: s, kind: sum, parts: [0.1, 0.2], stated: 0.30}`, ""},
		{"sum mismatch", `{name: s, kind: sum, parts: [100000, 250000], stated: 360000}`, "sum_mismatch"},
		{"compare converts", `{name: c, kind: compare, left: {value: 18.5, unit: 万元}, right: {value: 185000, unit: 元}, relation: "="}`, ""},
		{"compare 亿元", `{name: c, kind: compare, left: {value: 1.2, unit: 亿元}, right: {value: 12000, unit: 万元}}`, ""},
		{"compare > converted", `{name: c, kind: compare, left: {value: 1, unit: 万元}, right: {value: 9999, unit: 元}, relation: ">"}`, ""},
		{"compare unit slip", `{name: c, kind: compare, left: {value: 4.4, unit: 元}, right: {value: 4.4, unit: 万元}, relation: "="}`, "unit_mismatch"},
		{"compare unit slip >", `{name: c, kind: compare, left: {value: 5, unit: 元}, right: {value: 4, unit: 万元}, relation: ">"}`, "unit_mismatch"},
		{"compare false", `{name: c, kind: compare, left: {value: 18.63, unit: 万元}, right: {value: 18.63, unit: 万元}, relation: ">"}`, "relation_false"},
		{"compare false both ways", `{name: c, kind: compare, left: {value: 3, unit: 元}, right: {value: 4, unit: 万元}, relation: ">"}`, "relation_false"},
		{"compare same unit", `{name: c, kind: compare, left: {value: 120, unit: 台}, right: {value: 120, unit: 台}}`, ""},
		{"compare incomparable", `{name: c, kind: compare, left: {value: 120, unit: 台}, right: {value: 120, unit: 件}}`, "unit_mismatch"},
		{"compare percent vs 元", `{name: c, kind: compare, left: {value: 5, unit: "%"}, right: {value: 5, unit: 元}}`, "unit_mismatch"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := checkYAML(t, "figures:\n  - "+c.yaml+"\n")
			if codes(got) != c.want {
				t.Fatalf("codes = %q, want %q (%+v)", codes(got), c.want, got)
			}
			for _, f := range got {
				if f.Message == "" || f.Figure == "" {
					t.Errorf("finding without figure or message: %+v", f)
				}
			}
		})
	}
}

func TestCheck_Precision(t *testing.T) {
	// 1/8 = 12.5 %, 19.995/100 → growth of 19.995 %.
	cases := []struct {
		stated string
		want   string // expected, or "" when it agrees
	}{
		{"20", ""}, {"20.0", ""}, {"20.00", ""}, {"19.99", "20.00"}, {"20.000", "19.995"}, {"19.995", ""}, {"19.9950", ""},
	}
	for _, c := range cases {
		t.Run(c.stated, func(t *testing.T) {
			got := checkYAML(t, fmt.Sprintf("figures:\n  - {name: g, kind: growth, current: 119.995, previous: 100, stated: %s}\n", c.stated))
			if c.want == "" {
				if len(got) != 0 {
					t.Fatalf("want agreement, got %+v", got)
				}
				return
			}
			if len(got) != 1 || got[0].Code != CodeGrowthMismatch || fmt.Sprint(got[0].Expected) != c.want || fmt.Sprint(got[0].Stated) != c.stated {
				t.Fatalf("got %+v, want growth_mismatch expected %s", got, c.want)
			}
		})
	}
}

func TestCheck_IndicatorsTargetsTotal(t *testing.T) {
	cases := []struct{ name, yaml, want string }{
		{"full score no finding", "indicators:\n  - {code: a, name: A, weight: 2, score: 2}\n", ""},
		{"full score with finding", "indicators:\n  - {code: a, name: A, weight: 2, score: 2, findings: [超标]}\n", "full_score_with_finding"},
		{"partial with finding", "indicators:\n  - {code: a, name: A, weight: 2, score: 1.5, findings: [超标]}\n", ""},
		{"over weight", "indicators:\n  - {code: a, name: A, weight: 2, score: 2.5}\n", "score_over_weight"},
		{"over weight with finding", "indicators:\n  - {code: a, name: A, weight: 2, score: 3, findings: [x]}\n", "score_over_weight,full_score_with_finding"},
		{"total agrees", "total: 5.50\nindicators:\n  - {code: a, name: A, weight: 4, score: 4}\n  - {code: b, name: B, weight: 2, score: 1.5}\n", ""},
		{"total mismatch", "total: 6\nindicators:\n  - {code: a, name: A, weight: 4, score: 4}\n  - {code: b, name: B, weight: 2, score: 1.5}\n", "total_mismatch"},
		{"no total", "indicators:\n  - {code: a, name: A, weight: 4, score: 3}\n", ""},
		{"target met", "targets:\n  - {name: t, target: 80, comparator: \">=\", actual: 80, achieved: true}\n", ""},
		{"target missed claimed", "targets:\n  - {name: t, target: 80, comparator: \">=\", actual: 78.5, achieved: true}\n", "target_claim_false"},
		{"target met denied", "targets:\n  - {name: t, target: 80, comparator: \">=\", actual: 81, achieved: false}\n", "target_claim_false"},
		{"target missed admitted", "targets:\n  - {name: t, target: 80, comparator: \">=\", actual: 78, achieved: false}\n", ""},
		{"target <= met", "targets:\n  - {name: t, target: 5, comparator: \"<=\", actual: 6, achieved: true}\n", "target_claim_false"},
		{"target > strict", "targets:\n  - {name: t, target: 100, comparator: \">\", actual: 100, achieved: true}\n", "target_claim_false"},
		{"target default >=", "targets:\n  - {name: t, target: 25000, actual: 25000, achieved: true}\n", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := checkYAML(t, c.yaml); codes(got) != c.want {
				t.Fatalf("codes = %q, want %q (%+v)", codes(got), c.want, got)
			}
		})
	}
}

func TestCheck_EmptyIsNotNil(t *testing.T) {
	if got := checkYAML(t, "year: 2022\n"); got == nil || len(got) != 0 {
		t.Fatalf("Check = %#v, want empty non-nil list", got)
	}
}

func TestCheck_Forms(t *testing.T) {
	cases := []struct{ name, yaml, want string }{
		{"percent sign", `{name: r, kind: growth, current: 3432300.00, previous: 2744510.00, stated: "25.06%"}`, ""},
		{"scalar quantities", `{name: c, kind: compare, left: 18.5万元, right: 185000元}`, ""},
		{"scalar slip", `{name: c, kind: compare, left: 4.4元, right: "4.4 万元"}`, "unit_mismatch"},
		{"bare numbers", `{name: c, kind: compare, left: 3, right: 3}`, ""},
		{"bare vs unit", `{name: c, kind: compare, left: 3, right: 3元}`, "unit_mismatch"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := checkYAML(t, "figures:\n  - "+c.yaml+"\n"); codes(got) != c.want {
				t.Fatalf("codes = %q, want %q (%+v)", codes(got), c.want, got)
			}
		})
	}
}

func TestCheck_RelationExpected(t *testing.T) {
	cases := []struct{ yaml, want string }{
		{`{name: r, kind: rate, numerator: 10, denominator: 10, stated: 100, relation: ">"}`, "100.00"},
		{`{name: r, kind: rate, numerator: 99996, denominator: 100000, stated: 100, relation: ">="}`, "99.996"},
		{`{name: r, kind: rate, numerator: 1, denominator: 3, stated: 33.3333, relation: "<"}`, "33.33333"},
	}
	for _, c := range cases {
		got := checkYAML(t, "figures:\n  - "+c.yaml+"\n")
		if len(got) != 1 || got[0].Code != CodeRelationFalse || fmt.Sprint(got[0].Expected) != c.want {
			t.Errorf("%s: got %+v, want relation_false expected %s", c.yaml, got, c.want)
		}
	}
}
