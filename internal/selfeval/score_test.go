package selfeval

import (
	"strings"
	"testing"
)

func TestGrade_Bands(t *testing.T) {
	cases := []struct{ total, want string }{
		{"100", "优"}, {"90", "优"}, {"90.00", "优"}, {"89.99", "良"}, {"89.999", "良"}, {"80", "良"},
		{"79.99", "中"}, {"60", "中"}, {"59.99", "差"}, {"0", "差"},
	}
	for _, c := range cases {
		if got := Grade(rat(c.total)); got != c.want {
			t.Errorf("Grade(%s) = %s, want %s", c.total, got, c.want)
		}
	}
}

func TestScore_TotalAndRows(t *testing.T) {
	in, err := Parse(strings.NewReader(`indicators:
  - {code: "1.1", name: 预算编制, weight: 20, score: 19.5}
  - {code: "2.1", name: 预算执行, weight: 40, score: 40}
  - {code: "3.1", name: 资金使用效益, weight: 40, score: 30.49, findings: [满意度未达标], reason: 差评整改不及时}
`))
	if err != nil {
		t.Fatal(err)
	}
	r := Score(in)
	if r.Total != "89.99" || r.Grade != "良" || len(r.Indicators) != 3 {
		t.Fatalf("Score = %+v", r)
	}
	row := r.Indicators[2]
	if row.Weight != "40" || row.Score != "30.49" || !strings.Contains(row.Reasoning, "扣 9.51 分") || !strings.Contains(row.Reasoning, "差评整改不及时") {
		t.Fatalf("row = %+v", row)
	}
	if r.Indicators[0].Findings == nil {
		t.Fatal("findings must be an empty list, not null")
	}
}
