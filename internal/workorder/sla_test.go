package workorder

import (
	"testing"
	"time"

	"govdesk/internal/app"
)

func TestPolicyAt(t *testing.T) {
	ps := []Policy{
		{EffectiveFrom: "2022-03-21", Limits: map[string]float64{"咨询": 1.5, "其他": 9}, UrgentDays: 1},
		{EffectiveFrom: "2000-01-01", Limits: map[string]float64{"咨询": 5, "其他": 15}, UrgentDays: 1},
	}
	at := func(s string) time.Time { v, _ := time.Parse(time.RFC3339, s); return v }
	cases := []struct {
		t      string
		typ    string
		urgent bool
		want   float64
	}{
		{"2022-03-20T23:59:59+08:00", "咨询", false, 5},
		{"2022-03-20T16:00:00Z", "咨询", false, 1.5}, // 2022-03-21 00:00 in Shanghai
		{"2022-03-21T00:00:00+08:00", "投诉", false, 9},
		{"2022-01-10T10:00:00+08:00", "投诉", false, 15},
		{"2022-01-10T10:00:00+08:00", "投诉", true, 1},
	}
	for _, c := range cases {
		p, err := PolicyAt(ps, at(c.t))
		if err != nil {
			t.Fatal(err)
		}
		if got := p.Limit(c.typ, c.urgent); got != c.want {
			t.Errorf("%s %s urgent=%v: limit %v, want %v", c.t, c.typ, c.urgent, got, c.want)
		}
	}
	if _, err := PolicyAt(ps, at("1999-01-01T00:00:00+08:00")); app.ErrorCode(err) != app.ENotFound {
		t.Errorf("before every policy: err = %v", err)
	}
}

func TestPolicy_Validate(t *testing.T) {
	p := Policy{EffectiveFrom: "2023-13-01", Limits: map[string]float64{"咨询": 0, "未知": 3}, UrgentDays: 0}
	if err := p.Validate(); app.ErrorCode(err) != app.EInvalid {
		t.Fatalf("Validate = %v, want invalid", err)
	}
}
