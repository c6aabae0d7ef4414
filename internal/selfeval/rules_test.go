package selfeval

import "testing"

func TestRules(t *testing.T) {
	bands := []Band{{0, 0}, {90, 0.6}, {95, 0.8}, {100, 1}}
	cases := []struct {
		name      string
		got, want float64
	}{
		{"proportional full", Proportional(5, 100, 100), 5},
		{"proportional above", Proportional(5, 120, 100), 5},
		{"proportional below", Proportional(5, 87, 100), 4.35},
		{"proportional target ratio", Proportional(4, 72, 90), 3.2},
		{"proportional negative", Proportional(4, -3, 90), 0},
		{"proportional zero target", Proportional(4, 0, 0), 4},
		{"bands top", StepBands(3, 100, bands), 3},
		{"bands middle", StepBands(3, 96.5, bands), 2.4},
		{"bands edge", StepBands(3, 90, bands), 1.8},
		{"bands below", StepBands(3, 89.99, bands), 0},
		{"bands unsorted", StepBands(3, 97, []Band{{100, 1}, {95, 0.8}, {0, 0}}), 2.4},
		{"checklist partial", Checklist(2, 0.5, 3), 1.5},
		{"checklist capped", Checklist(2, 0.5, 9), 2},
		{"checklist none", Checklist(2, 0.5, 0), 0},
		{"deduction one", Deduction(2, 1, 1), 1},
		{"deduction floored", Deduction(2, 1, 5), 0},
		{"deduction none", Deduction(3, 1, 0), 3},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
}

func TestQualitative(t *testing.T) {
	cases := []struct {
		band  string
		score float64
		ok    bool
	}{{"好", 10, true}, {"好", 8, true}, {"好", 7.9, false}, {"一般", 7, true}, {"一般", 8.5, false}, {"差", 0, true}, {"差", 6.1, false}, {"优秀", 9, false}}
	for _, c := range cases {
		got, err := Qualitative(10, c.band, c.score)
		if (err == nil) != c.ok || (c.ok && got != c.score) {
			t.Errorf("Qualitative(10, %s, %v) = %v, %v", c.band, c.score, got, err)
		}
	}
}

func TestDefaultTable(t *testing.T) {
	sum := 0.0
	seen := map[string]bool{}
	level1 := map[string]bool{}
	for _, r := range DefaultTable {
		sum += r.Weight
		if seen[r.Code] {
			t.Errorf("duplicate code %s", r.Code)
		}
		seen[r.Code] = true
		level1[r.Level1] = true
		switch r.Rule {
		case RuleProportional:
			if r.Full <= 0 {
				t.Errorf("%s: proportional without full", r.Code)
			}
		case RuleBands:
			if len(r.Bands) == 0 {
				t.Errorf("%s: bands without bands", r.Code)
			}
		case RuleChecklist, RuleDeduction:
			if r.Per <= 0 {
				t.Errorf("%s: %s without per", r.Code, r.Rule)
			}
		case RuleQualitative:
		default:
			t.Errorf("%s: unknown rule %s", r.Code, r.Rule)
		}
	}
	if round2(sum) != 100 {
		t.Errorf("weights total %v, want 100", sum)
	}
	for _, h := range []string{"预算编制", "预算执行", "资金使用效益", "加减分项"} {
		if !level1[h] {
			t.Errorf("missing level-1 heading %s", h)
		}
	}
}
