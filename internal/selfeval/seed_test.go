package selfeval

import (
	"fmt"
	"os"
	"testing"
)

// TestCheck_Seed checks the seed report's figures (testdata/seed2022.yaml, whose comment
// lists which of them are right and which wrong): the right ones pass, each wrong one is found.
func TestCheck_Seed(t *testing.T) {
	f, err := os.Open("testdata/seed2022.yaml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	in, err := Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"rate_mismatch 网上可办率 91.4 91.5",
		"rate_mismatch 依申请事项可网办率 100 98",
		"relation_false 在编人员比率 100 100.00",
		"relation_false 日常公用经费决算大于调整预算 18.63 18.63",
		"unit_mismatch 三公经费决算等于预算 4.4 44000",
		"full_score_with_finding 2.3.1 资产配置合规性 2 <nil>",
		"target_claim_false 实体大厅进驻率 true false",
	}
	got := Check(in)
	if len(got) != len(want) {
		t.Fatalf("%d findings, want %d: %+v", len(got), len(want), got)
	}
	for i, f := range got {
		if s := fmt.Sprintf("%s %s %v %v", f.Code, f.Figure, f.Stated, f.Expected); s != want[i] {
			t.Errorf("finding %d = %q, want %q", i, s, want[i])
		}
	}
	r := Score(in)
	if r.Total != "100.00" || r.Grade != GradeExcellent {
		t.Errorf("Score = %s %s, want 100.00 优", r.Total, r.Grade)
	}
}
