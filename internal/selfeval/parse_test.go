package selfeval

import (
	"strings"
	"testing"

	"govdesk/internal/app"
)

func TestParse_Errors(t *testing.T) {
	cases := []struct{ name, yaml, want string }{
		{"malformed", "year: 2022\nfigures:\n  - name: a\n   kind: rate\n", "第 2 行：缺少列表项标记"},
		{"unknown kind", "figures:\n  - {name: a, kind: ratio, stated: 1}\n", "kind \"ratio\" 未知"},
		{"missing kind", "figures:\n  - {name: a, stated: 1}\n", "缺少 kind"},
		{"missing stated", "year: 2022\nfigures:\n  - {name: a, kind: rate, numerator: 1, denominator: 2}\n", "第 3 行"},
		{"missing denominator", "figures:\n  - {name: a, kind: rate, numerator: 1, stated: 50}\n", "缺少 denominator"},
		{"zero denominator", "figures:\n  - {name: a, kind: rate, numerator: 1, denominator: 0, stated: 50}\n", "denominator 为 0"},
		{"missing parts", "figures:\n  - {name: a, kind: sum, stated: 50}\n", "缺少 parts"},
		{"missing right", "figures:\n  - {name: a, kind: compare, left: {value: 1, unit: 元}}\n", "缺少 right.value"},
		{"bad relation", "figures:\n  - {name: a, kind: rate, numerator: 1, denominator: 2, stated: 50, relation: \"~\"}\n", "relation"},
		{"unknown field", "figures:\n  - {name: a, kind: rate, numerater: 1, denominator: 2, stated: 50}\n", "第 2 行：未知字段 numerater"},
		{"unknown nested", "figures:\n  - {name: a, kind: compare, left: {value: 1, units: 元}, right: {value: 1}}\n", "未知字段 units"},
		{"unknown top", "year: 2022\nscores: 1\n", "第 2 行：未知字段 scores"},
		{"not a number", "figures:\n  - {name: a, kind: rate, numerator: abc, denominator: 2, stated: 50}\n", "第 2 行"},
		{"missing score", "indicators:\n  - {code: a, name: A, weight: 2}\n", "缺少 score"},
		{"missing actual", "targets:\n  - {name: t, target: 2, achieved: true}\n", "缺少 actual"},
		{"empty", "", "为空"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(c.yaml))
			if app.ErrorCode(err) != app.EInvalid {
				t.Fatalf("err = %v, want invalid", err)
			}
			if msg := app.ErrorMessage(err); !strings.Contains(msg, c.want) {
				t.Fatalf("message %q does not contain %q", msg, c.want)
			}
		})
	}
}

func TestParseNum_Decimals(t *testing.T) {
	cases := []struct {
		text string
		dec  int
		val  string
	}{{"20", 0, "20"}, {"20.00", 2, "20"}, {"91.67", 2, "9167/100"}, {"-0.5", 1, "-1/2"}, {"1e3", 0, "1000"}, {"1.5e-1", 2, "3/20"}}
	for _, c := range cases {
		n, err := ParseNum(c.text)
		if err != nil || n.Decimals != c.dec || n.Rat.RatString() != c.val {
			t.Errorf("ParseNum(%q) = %v %d %v, want %s %d", c.text, n.Rat, n.Decimals, err, c.val, c.dec)
		}
	}
	if _, err := ParseNum("0x10"); err == nil {
		t.Error("ParseNum(0x10) accepted")
	}
}

func TestRound_HalfAwayFromZero(t *testing.T) {
	cases := []struct {
		in   string
		d    int
		want string
	}{{"19.995", 2, "20.00"}, {"-19.995", 2, "-20.00"}, {"0.125", 2, "0.13"}, {"91.6666", 2, "91.67"}, {"2.5", 0, "3"}, {"-2.5", 0, "-3"}, {"2.4999", 0, "2"}}
	for _, c := range cases {
		if got := Round(rat(c.in), c.d).Text; got != c.want {
			t.Errorf("Round(%s, %d) = %s, want %s", c.in, c.d, got, c.want)
		}
	}
}
