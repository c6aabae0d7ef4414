package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func selfevalFile(t *testing.T, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "selfeval.yaml")
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

const selfevalGood = `year: 2022
unit: 某某市行政服务中心
staffing: {authorized: 12, actual: 11}
figures:
  - {name: 年初预算增长率, kind: growth, current: 1200000, previous: 1000000, stated: 20.00}
  - {name: 网上可办率, kind: rate, numerator: 450, denominator: 500, stated: 90.0}
  - {name: 在编人员比率, kind: rate, numerator: 11, denominator: 12, stated: 91.67, relation: "="}
  - {name: 项目支出合计, kind: sum, parts: [100000, 250000], stated: 350000}
  - {name: 公用经费执行, kind: compare, left: {value: 18.5, unit: 万元}, right: {value: 185000, unit: 元}, relation: "="}
indicators:
  - {code: "1", name: 预算编制, weight: 20, score: 20}
  - {code: "2", name: 预算执行, weight: 40, score: 38}
  - {code: "3", name: 资金使用效益, weight: 40, score: 32}
total: 90
targets:
  - {name: 一窗受理率, target: 80, comparator: ">=", actual: 81.4, achieved: true}
`

func TestSelfevalCheck_JSON(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		code, out, errs := run(t, nil, "selfeval", "check", "--input", selfevalFile(t, selfevalGood), "--format", "json")
		if code != 0 || strings.TrimSpace(out) != "[]" {
			t.Fatalf("code %d out %q err %q", code, out, errs)
		}
	})
	t.Run("Findings", func(t *testing.T) {
		bad := strings.Replace(selfevalGood, "stated: 20.00", "stated: 20.01", 1)
		bad = strings.Replace(bad, "actual: 81.4", "actual: 78.5", 1)
		code, out, _ := run(t, nil, "selfeval", "check", "--input", selfevalFile(t, bad), "--format", "json")
		var fs []map[string]any
		if code != 0 || json.Unmarshal([]byte(out), &fs) != nil || len(fs) != 2 {
			t.Fatalf("code %d out %s", code, out)
		}
		for _, k := range []string{"code", "figure", "stated", "expected", "message"} {
			if _, ok := fs[0][k]; !ok {
				t.Errorf("finding lacks %q: %v", k, fs[0])
			}
		}
		if fs[0]["code"] != "growth_mismatch" || fs[0]["stated"] != 20.01 || fs[0]["expected"] != 20.0 || fs[1]["code"] != "target_claim_false" {
			t.Fatalf("findings %v", fs)
		}
	})
	t.Run("Table", func(t *testing.T) {
		bad := strings.Replace(selfevalGood, "score: 20}", "score: 21}", 1)
		code, out, _ := run(t, nil, "selfeval", "check", "--input", selfevalFile(t, bad))
		if code != 0 || !strings.Contains(out, "score_over_weight") || !strings.Contains(out, "校验发现") {
			t.Fatalf("code %d out %s", code, out)
		}
	})
	t.Run("ErrMalformed", func(t *testing.T) {
		code, out, errs := run(t, nil, "selfeval", "check", "--input", selfevalFile(t, "figures:\n  - {name: a, kind: rate\n"), "--format", "json")
		if code != 1 || out != "" || !strings.Contains(errs, "行") {
			t.Fatalf("code %d out %q err %q", code, out, errs)
		}
	})
	t.Run("ErrUnknownKind", func(t *testing.T) {
		code, _, errs := run(t, nil, "selfeval", "check", "--input", selfevalFile(t, "figures:\n  - {name: a, kind: ratio}\n"), "--format", "json")
		if code != 1 || !strings.Contains(errs, "ratio") {
			t.Fatalf("code %d err %q", code, errs)
		}
	})
	t.Run("ErrMissingFile", func(t *testing.T) {
		if code, _, _ := run(t, nil, "selfeval", "check", "--input", filepath.Join(t.TempDir(), "none.yaml")); code != 1 {
			t.Fatalf("code %d", code)
		}
	})
	t.Run("ErrUsage", func(t *testing.T) {
		if code, _, _ := run(t, nil, "selfeval", "check", "--format", "json"); code != 2 {
			t.Fatalf("code %d", code)
		}
	})
}

func TestSelfevalScore_JSON(t *testing.T) {
	cases := []struct{ s1, s2, total, grade string }{
		{"20", "38", "90.00", "优"}, {"19.99", "38", "89.99", "良"}, {"20", "28", "80.00", "良"},
		{"19.99", "28", "79.99", "中"}, {"0", "28", "60.00", "中"}, {"0", "27.99", "59.99", "差"},
	}
	for _, c := range cases {
		t.Run(c.total, func(t *testing.T) {
			src := strings.Replace(selfevalGood, "score: 20}", "score: "+c.s1+"}", 1)
			src = strings.Replace(src, "score: 38}", "score: "+c.s2+"}", 1)
			code, out, errs := run(t, nil, "selfeval", "score", "--input", selfevalFile(t, src), "--format", "json")
			var r struct {
				Total      json.Number      `json:"total"`
				Grade      string           `json:"grade"`
				Indicators []map[string]any `json:"indicators"`
			}
			if code != 0 || json.Unmarshal([]byte(out), &r) != nil {
				t.Fatalf("code %d out %q err %q", code, out, errs)
			}
			if string(r.Total) != c.total || r.Grade != c.grade || len(r.Indicators) != 3 {
				t.Fatalf("got %s %s %d, want %s %s", r.Total, r.Grade, len(r.Indicators), c.total, c.grade)
			}
			for _, k := range []string{"code", "name", "weight", "score"} {
				if _, ok := r.Indicators[0][k]; !ok {
					t.Errorf("indicator lacks %q", k)
				}
			}
		})
	}
	t.Run("Table", func(t *testing.T) {
		code, out, _ := run(t, nil, "selfeval", "score", "--input", selfevalFile(t, selfevalGood))
		if code != 0 || !strings.Contains(out, "评价等级：优") {
			t.Fatalf("code %d out %s", code, out)
		}
	})
}

// TestSelfeval_Seed runs both commands over the seed report's figures (see the fixture's comment).
func TestSelfeval_Seed(t *testing.T) {
	seed := filepath.Join("..", "selfeval", "testdata", "seed2022.yaml")
	code, out, errs := run(t, nil, "selfeval", "check", "--input", seed, "--format", "json")
	var fs []struct{ Code, Figure string }
	if code != 0 || json.Unmarshal([]byte(out), &fs) != nil {
		t.Fatalf("check: code %d out %q err %q", code, out, errs)
	}
	var got []string
	for _, f := range fs {
		got = append(got, f.Code)
	}
	want := "rate_mismatch rate_mismatch relation_false relation_false unit_mismatch full_score_with_finding target_claim_false"
	if strings.Join(got, " ") != want {
		t.Fatalf("codes %v, want %s", got, want)
	}
	code, out, _ = run(t, nil, "selfeval", "score", "--input", seed, "--format", "json")
	if code != 0 || !strings.Contains(out, `"total":100.00,"grade":"优"`) {
		t.Fatalf("score: code %d out %s", code, out)
	}
}
