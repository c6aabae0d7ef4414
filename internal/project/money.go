package project

import (
	"math"
	"regexp"
	"strconv"
	"strings"
)

// Yuan formats an amount in fen as yuan with two decimals, as the pages show
// amounts: 40028200 → "400282.00".
func Yuan(fen int64) string {
	sign := ""
	if fen < 0 {
		sign, fen = "-", -fen
	}
	return sign + strconv.FormatInt(fen/100, 10) + "." + strconv.FormatInt(fen%100+100, 10)[1:]
}

// ParseYuan reads an amount in yuan as people type it ("400282", "400,282.50",
// "10万", "10 万元", "¥3000") and returns fen; false when it is not an amount.
func ParseYuan(s string) (int64, bool) {
	v := strings.NewReplacer(",", "", "，", "", " ", "", "¥", "", "￥", "").Replace(strings.TrimSpace(s))
	v = strings.TrimSuffix(v, "元")
	mult := 1.0
	if strings.HasSuffix(v, "万") {
		v, mult = strings.TrimSuffix(v, "万"), 10000
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || math.Abs(f*mult) > 1e12 {
		return 0, false
	}
	return int64(math.Round(f * mult * 100)), true
}

var sumRe = regexp.MustCompile(`(\d+(?:\.\d+)?)\s*(万元|万|元)`)

// LimitFromText reads the limit a published 扶持金额 text states, in fen: the sum
// after 最高, 不超过 or 上限, or else the text's one sum when it is a fixed amount
// (no 每, 按 or %); 0 when the text states none.
func LimitFromText(text string) int64 {
	t := strings.NewReplacer(",", "", "，", "").Replace(text)
	for _, k := range []string{"最高", "不超过", "上限"} {
		if i := strings.Index(t, k); i >= 0 {
			if m := sumRe.FindStringSubmatch(t[i:]); m != nil {
				return sumFen(m)
			}
		}
	}
	if strings.ContainsAny(t, "每按%％") {
		return 0
	}
	if ms := sumRe.FindAllStringSubmatch(t, -1); len(ms) == 1 {
		return sumFen(ms[0])
	}
	return 0
}

func sumFen(m []string) int64 {
	f, _ := strconv.ParseFloat(m[1], 64)
	if m[2] != "元" {
		f *= 10000
	}
	return int64(math.Round(f * 100))
}
