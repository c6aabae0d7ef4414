package selfeval

import (
	"fmt"
	"math/big"
	"strings"
)

func indicatorLabel(ind Indicator) string { return strings.TrimSpace(ind.Code + " " + ind.Name) }

// checkIndicators finds scores over their weight, full marks despite a recorded finding,
// and a stated total the scores do not add up to.
func checkIndicators(in *Input) []Finding {
	var out []Finding
	sum := new(big.Rat)
	d := 0
	for _, ind := range in.Indicators {
		sum.Add(sum, ind.Score.Rat)
		d = max(d, ind.Score.Decimals)
		label := indicatorLabel(ind)
		c := ind.Score.Rat.Cmp(ind.Weight.Rat)
		if c > 0 && ind.Weight.Rat.Sign() >= 0 {
			out = append(out, Finding{CodeScoreOverWeight, label, jnum(ind.Score), jnum(ind.Weight),
				fmt.Sprintf("指标“%s”得分 %s 超过其分值 %s", label, ind.Score, ind.Weight)})
		}
		if c >= 0 && len(ind.Findings) > 0 {
			out = append(out, Finding{CodeFullScoreWithFinding, label, jnum(ind.Score), nil,
				fmt.Sprintf("指标“%s”记录了问题（%s），却得满分 %s，应扣分或说明理由", label, strings.Join(ind.Findings, "；"), ind.Score)})
		}
	}
	if in.Total.IsSet() && sum.Cmp(in.Total.Rat) != 0 {
		exp := NumOf(sum, max(d, in.Total.Decimals))
		out = append(out, Finding{CodeTotalMismatch, "总分", jnum(in.Total), jnum(exp),
			fmt.Sprintf("各指标得分合计为 %s，与所写总分 %s 不符", exp, in.Total)})
	}
	return out
}

// checkTarget finds a target marked achieved whose actual misses it, or the reverse.
func checkTarget(t Target) []Finding {
	if t.Achieved == nil {
		return nil
	}
	met := holds(t.Actual.Rat, t.Comparator, t.Target.Rat)
	if met == *t.Achieved {
		return nil
	}
	cond := fmt.Sprintf("目标为%s %s%s，实际 %s%s", relationZh[t.Comparator], t.Target, t.Unit, t.Actual, t.Unit)
	msg := fmt.Sprintf("%s：%s，未达到目标，却标为已完成", t.Name, cond)
	if met {
		msg = fmt.Sprintf("%s：%s，已达到目标，却标为未完成", t.Name, cond)
	}
	return []Finding{{CodeTargetClaimFalse, t.Name, *t.Achieved, met, msg}}
}
