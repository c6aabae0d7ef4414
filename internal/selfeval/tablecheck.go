package selfeval

import (
	"fmt"
	"math"
	"strings"

	"govdesk/internal/app"
)

// RuleNames are the Chinese names of the scoring rules.
var RuleNames = map[string]string{
	RuleProportional: "按比例", RuleBands: "分档", RuleChecklist: "清单", RuleDeduction: "扣分", RuleQualitative: "定性",
}

// ValidateTable checks a city's indicator table: unique codes, three levels, known rules with
// their parameters, known metrics, non-negative weights adding up to 100.
func ValidateTable(rows []TableRow) error {
	if len(rows) == 0 {
		return app.Invalid("指标表为空")
	}
	var probs []string
	seen := map[string]bool{}
	sum := 0.0
	for i, r := range rows {
		at := fmt.Sprintf("第 %d 个指标（%s）", i+1, r.Code)
		switch {
		case r.Code == "":
			probs = append(probs, fmt.Sprintf("第 %d 个指标缺少编码", i+1))
		case seen[r.Code]:
			probs = append(probs, at+"编码重复")
		}
		seen[r.Code] = true
		if r.Level1 == "" || r.Level2 == "" || r.Level3 == "" {
			probs = append(probs, at+"缺少一级、二级或三级指标名称")
		}
		if r.Weight < 0 {
			probs = append(probs, at+"分值不能为负数")
		}
		sum += r.Weight
		switch r.Rule {
		case RuleProportional:
			if r.Full <= 0 {
				probs = append(probs, at+"按比例评分须给出满分比例（大于 0）")
			}
		case RuleBands:
			if len(r.Bands) == 0 {
				probs = append(probs, at+"分档评分须给出分档")
			}
		case RuleChecklist, RuleDeduction:
			if r.Per <= 0 {
				probs = append(probs, at+"清单或扣分评分须给出每项分值（大于 0）")
			}
		case RuleQualitative:
		default:
			probs = append(probs, fmt.Sprintf("%s评分规则 %q 未知（应为 proportional、bands、checklist、deduction、qualitative）", at, r.Rule))
		}
		if r.Metric != "" {
			if _, ok := MetricByKey(r.Metric); !ok {
				probs = append(probs, fmt.Sprintf("%s数据来源 %q 未知", at, r.Metric))
			}
		}
	}
	if math.Abs(sum-100) > 1e-6 {
		probs = append(probs, fmt.Sprintf("各指标分值合计为 %g，应为 100", sum))
	}
	if len(probs) > 0 {
		return app.Invalid("指标表有误：%s", strings.Join(probs, "；"))
	}
	return nil
}
