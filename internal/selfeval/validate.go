package selfeval

import (
	"strings"

	"govdesk/internal/app"
)

// validate checks every required field and value; the first problem is returned with its line.
func (in *Input) validate() error {
	var probs []string
	add := func(line int, format string, args ...any) {
		probs = append(probs, lineErr(line, format, args...).Error())
	}
	for i := range in.Figures {
		f := &in.Figures[i]
		what := "数字 " + f.Name
		if f.Name == "" {
			add(f.Line, "figures 第 %d 项缺少 name", i+1)
		}
		if f.Relation == "" {
			f.Relation = "="
		}
		if !validRelation(f.Relation) {
			add(f.Line, "%s 的 relation %q 无效（应为 =、>、<、>=、<=）", what, f.Relation)
		}
		need := func(n Num, field string) {
			if !n.IsSet() {
				add(f.Line, "%s（kind: %s）缺少 %s", what, f.Kind, field)
			}
		}
		switch f.Kind {
		case KindRate:
			need(f.Numerator, "numerator")
			need(f.Denominator, "denominator")
			need(f.Stated, "stated")
			if f.Denominator.IsSet() && f.Denominator.Rat.Sign() == 0 {
				add(f.Line, "%s 的 denominator 为 0，比率无法计算", what)
			}
		case KindGrowth:
			need(f.Current, "current")
			need(f.Previous, "previous")
			need(f.Stated, "stated")
			if f.Previous.IsSet() && f.Previous.Rat.Sign() == 0 {
				add(f.Line, "%s 的 previous 为 0，增长率无法计算", what)
			}
		case KindSum:
			if len(f.Parts) == 0 {
				add(f.Line, "%s（kind: sum）缺少 parts", what)
			}
			need(f.Stated, "stated")
		case KindCompare:
			if f.Left == nil || !f.Left.Value.IsSet() {
				add(f.Line, "%s（kind: compare）缺少 left.value", what)
			}
			if f.Right == nil || !f.Right.Value.IsSet() {
				add(f.Line, "%s（kind: compare）缺少 right.value", what)
			}
		case "":
			add(f.Line, "%s 缺少 kind（应为 rate、growth、sum 或 compare）", what)
		default:
			add(f.Line, "%s 的 kind %q 未知（应为 rate、growth、sum 或 compare）", what, f.Kind)
		}
	}
	for i := range in.Indicators {
		ind := &in.Indicators[i]
		if ind.Code == "" && ind.Name == "" {
			add(ind.Line, "indicators 第 %d 项缺少 code 和 name", i+1)
		}
		if !ind.Weight.IsSet() {
			add(ind.Line, "指标 %s %s 缺少 weight", ind.Code, ind.Name)
		}
		if !ind.Score.IsSet() {
			add(ind.Line, "指标 %s %s 缺少 score", ind.Code, ind.Name)
		}
	}
	for i := range in.Targets {
		t := &in.Targets[i]
		if t.Name == "" {
			add(t.Line, "targets 第 %d 项缺少 name", i+1)
		}
		if t.Comparator == "" {
			t.Comparator = ">="
		}
		if !validRelation(t.Comparator) {
			add(t.Line, "目标 %s 的 comparator %q 无效（应为 =、>、<、>=、<=）", t.Name, t.Comparator)
		}
		if !t.Target.IsSet() {
			add(t.Line, "目标 %s 缺少 target", t.Name)
		}
		if !t.Actual.IsSet() {
			add(t.Line, "目标 %s 缺少 actual", t.Name)
		}
	}
	if len(probs) > 0 {
		return app.Invalid("自评文件有误：%s", strings.Join(probs, "；"))
	}
	return nil
}
