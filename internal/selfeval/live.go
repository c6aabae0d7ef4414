package selfeval

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"
)

// Build assembles the year's self-evaluation from what is stored (y) and what the other
// modules know (mods): the figures are computed and written the way the report states
// them, so the same checks of SPEC §10 run on live data; targets take their actual from
// their module when it has data, else the value entered by hand; the indicators are
// scored by the configured table's rules.
func Build(y *YearData, mods Modules) *Evaluation {
	own := Modules{} // Build adds the budget's own measures: never to the caller's map
	for k, v := range mods {
		own[k] = v
	}
	mods = own
	b, prev := y.Budget, y.Previous
	e := &Evaluation{Year: y.Year, Unit: y.Unit, Budget: &b, Previous: &prev, Projects: y.Projects,
		Accepted: map[string]Acceptance{}, Live: true}
	in := &Input{Year: y.Year, Unit: y.Unit}
	if b.Authorized != nil && b.Staff != nil {
		in.Staffing = &Staffing{Authorized: *b.Authorized, Actual: *b.Staff}
	}
	e.Input = in
	lb := &liveBuilder{e: e, mods: mods}
	lb.budgetMeasures(y)
	lb.moduleFigures()
	lb.targets(y.Targets)
	lb.indicators(y)
	for _, a := range y.Acceptances {
		e.Accepted[a.Key()] = a
	}
	e.Findings = Check(in)
	res := Score(in)
	e.Total, e.Grade = string(res.Total), res.Grade
	return e
}

type liveBuilder struct {
	e    *Evaluation
	mods Modules
}

// rateFigure adds a rate figure stated with two decimals, as the report writes it.
func (lb *liveBuilder) rateFigure(name string, num, den *big.Rat, src Source) {
	exact := percentOf(num, den)
	stated := Round(exact, 2)
	lb.e.Input.Figures = append(lb.e.Input.Figures, Figure{Name: name, Kind: KindRate, Numerator: NumOf(num, minDecimals(num)),
		Denominator: NumOf(den, minDecimals(den)), Stated: stated, Relation: "=", Unit: "%"})
	src.Name, src.Value = name, stated.Text+"%"
	lb.e.Sources = append(lb.e.Sources, src)
}

func (lb *liveBuilder) growthFigure(name string, cur, prev *Num, def string) {
	if cur == nil || prev == nil || prev.Rat.Sign() == 0 {
		return
	}
	diff := new(big.Rat).Sub(cur.Rat, prev.Rat)
	stated := Round(percentOf(diff, prev.Rat), 2)
	lb.e.Input.Figures = append(lb.e.Input.Figures, Figure{Name: name, Kind: KindGrowth, Current: *cur, Previous: *prev,
		Stated: stated, Relation: "=", Unit: "%"})
	lb.e.Sources = append(lb.e.Sources, Source{Name: name, Value: stated.Text + "%", Module: ModuleBudget, Definition: def})
}

// budgetMeasures computes the budget figures and puts the rates among the measures, so that
// indicators and targets read them like any module's.
func (lb *liveBuilder) budgetMeasures(y *YearData) {
	b, p := y.Budget, y.Previous
	lb.growthFigure("年初预算增长率", b.Initial, p.Initial, "（本年年初预算 − 上年年初预算）÷ 上年年初预算 × 100%")
	lb.growthFigure("决算支出增长率", b.FinalExpense, p.FinalExpense, "（本年决算支出 − 上年决算支出）÷ 上年决算支出 × 100%")
	ratio := func(key string, num, den *Num, def string) {
		if num == nil || den == nil || den.Rat.Sign() == 0 {
			return
		}
		lb.mods[key] = Measure{Metric: key, Value: Round(percentOf(num.Rat, den.Rat), 2), Numerator: num.Rat, Denominator: den.Rat, Definition: def}
	}
	ratio("budget.execution", b.FinalExpense, b.Adjusted, "决算支出 ÷ 调整预算 × 100%")
	ratio("budget.public_control", b.PublicFinal, b.PublicBudget, "公用经费决算 ÷ 公用经费预算 × 100%")
	ratio("budget.three_control", b.ThreeFinal, b.ThreeBudget, "“三公”经费决算 ÷ “三公”经费预算 × 100%")
	if b.Authorized != nil && b.Staff != nil && *b.Authorized > 0 {
		s, a := NumOf(big.NewRat(int64(*b.Staff), 1), 0), NumOf(big.NewRat(int64(*b.Authorized), 1), 0)
		ratio("budget.staff_ratio", &s, &a, "实有在编人数 ÷ 核定编制数 × 100%")
	}
	if len(y.Projects) > 0 {
		with := map[string]bool{}
		for _, t := range y.Targets {
			with[t.Project] = true
		}
		n := 0
		for _, p := range y.Projects {
			if with[p] {
				n++
			}
		}
		num, den := NumOf(big.NewRat(int64(n), 1), 0), NumOf(big.NewRat(int64(len(y.Projects)), 1), 0)
		ratio("budget.target_coverage", &num, &den, "设置了绩效目标的项目数 ÷ 实施项目数 × 100%")
	}
}

// moduleFigures states every rate a module knows (budget rates included) as a figure.
func (lb *liveBuilder) moduleFigures() {
	for _, m := range Metrics {
		ms, ok := lb.mods[m.Key]
		if !ok || ms.Numerator == nil || m.Key == "budget.target_completion" {
			continue
		}
		lb.rateFigure(m.Name, ms.Numerator, ms.Denominator, Source{Module: m.Module, Definition: ms.Definition})
	}
}

// targets resolves each target's actual and adds it to the model; the share of targets met
// becomes budget.target_completion.
func (lb *liveBuilder) targets(ts []PerfTarget) {
	met, known := 0, 0
	for _, t := range ts {
		row := TargetRow{Project: t.Project, Name: t.Name, Target: relationZh[t.Comparator] + " " + t.Target.Text, Unit: t.Unit}
		var actual *Num
		ms, fromModule := lb.mods[t.Metric]
		if t.Metric != "" && fromModule {
			m, _ := MetricByKey(t.Metric)
			actual = &ms.Value
			row.Source = Source{Name: t.Name, Value: ms.Value.Text + t.Unit, Module: m.Module, Definition: ms.Definition}
			if t.Actual != nil {
				lb.handAgainstModule(t, ms)
			}
		} else {
			actual = t.Actual
			row.Source = Source{Name: t.Name, Module: ModuleManual, Manual: true}
			if t.Metric != "" {
				m, _ := MetricByKey(t.Metric)
				row.Source.Definition = m.Module + "尚无数据"
			}
			if actual != nil {
				row.Source.Value = actual.Text + t.Unit
			}
		}
		if actual == nil {
			lb.e.Targets = append(lb.e.Targets, row)
			continue
		}
		row.Actual = actual.Text
		ok := holds(actual.Rat, t.Comparator, t.Target.Rat)
		row.Met = &ok
		known++
		if ok {
			met++
		}
		lb.e.Targets = append(lb.e.Targets, row)
		lb.e.Input.Targets = append(lb.e.Input.Targets, Target{Name: targetLabel(t), Target: t.Target, Comparator: t.Comparator,
			Actual: *actual, Achieved: t.Achieved, Unit: t.Unit, Source: row.Source.Module})
	}
	if known > 0 {
		num, den := big.NewRat(int64(met), 1), big.NewRat(int64(known), 1)
		lb.mods["budget.target_completion"] = Measure{Metric: "budget.target_completion", Value: Round(percentOf(num, den), 2),
			Numerator: num, Denominator: den, Definition: "已完成的绩效目标数 ÷ 已有实际值的绩效目标数 × 100%"}
		lb.rateFigure("绩效目标完成率", num, den, Source{Module: ModuleBudget, Definition: lb.mods["budget.target_completion"].Definition})
	}
}

func targetLabel(t PerfTarget) string {
	if t.Project == "" {
		return t.Name
	}
	return t.Project + "·" + t.Name
}

// handAgainstModule checks a value entered by hand against the module's figure: a rate is
// recomputed from the module's numerator and denominator, a count compared for equality.
func (lb *liveBuilder) handAgainstModule(t PerfTarget, ms Measure) {
	name := targetLabel(t) + "（手工填报值与系统数据核对）"
	if ms.Numerator != nil {
		lb.e.Input.Figures = append(lb.e.Input.Figures, Figure{Name: name, Kind: KindRate, Numerator: NumOf(ms.Numerator, minDecimals(ms.Numerator)),
			Denominator: NumOf(ms.Denominator, minDecimals(ms.Denominator)), Stated: *t.Actual, Relation: "=", Unit: "%"})
		return
	}
	lb.e.Input.Figures = append(lb.e.Input.Figures, Figure{Name: name, Kind: KindCompare, Relation: "=",
		Left: &Quantity{Value: *t.Actual, Unit: t.Unit}, Right: &Quantity{Value: ms.Value, Unit: t.Unit}})
}

func numF(v float64) Num {
	n, _ := ParseNum(strconv.FormatFloat(v, 'f', -1, 64))
	return n
}

// indicators scores every row of the configured table.
func (lb *liveBuilder) indicators(y *YearData) {
	for _, r := range y.Table {
		en := y.Entries[r.Code]
		row, ind := lb.scoreRow(r, en)
		lb.e.Rows = append(lb.e.Rows, row)
		lb.e.Input.Indicators = append(lb.e.Input.Indicators, ind)
	}
}

// scoreRow applies the row's rule to its live value or the person's entry.
func (lb *liveBuilder) scoreRow(r TableRow, en Entry) (Row, Indicator) {
	row := Row{Code: r.Code, Level1: r.Level1, Level2: r.Level2, Level3: r.Level3, Rule: r.Rule,
		Weight: numF(r.Weight).Text, Evidence: en.Evidence, Target: ruleTarget(r)}
	findings := append([]string(nil), en.Findings...)
	var value *Num
	var src *Source
	if ms, ok := lb.mods[r.Metric]; ok && r.Metric != "" {
		m, _ := MetricByKey(r.Metric)
		v := ms.Value
		value = &v
		src = &Source{Name: r.Level3, Value: v.Text + m.Unit, Module: m.Module, Definition: ms.Definition}
		findings = append(findings, ms.Notes...)
	} else if en.Value != nil {
		value = en.Value
		src = &Source{Name: r.Level3, Value: en.Value.Text, Module: ModuleManual, Manual: true}
	}
	row.Source = src
	score, why := 0.0, ""
	switch {
	case r.Rule == RuleQualitative:
		if en.Score == nil {
			why = "尚未评分，暂计 0 分"
			break
		}
		s, err := Qualitative(r.Weight, en.Band, en.Score.Float())
		if err != nil {
			score, why = en.Score.Float(), "评分与所选档次不符："+err.Error()
		} else {
			score, why = s, fmt.Sprintf("定性评价“%s”档，得 %s 分", en.Band, numF(s).Text)
			row.Why = fmt.Sprintf("定性评价为“%s”档", en.Band)
		}
		row.Actual = en.Band
	case en.Score != nil:
		score, why = en.Score.Float(), "人工评分"
		if value != nil {
			row.Actual = value.Text
		}
	case value == nil:
		why = "缺少实际值（尚未填报），暂计 0 分"
	default:
		score, why = applyRule(r, value.Float())
		row.Actual = value.Text
		if m, ok := MetricByKey(r.Metric); ok && r.Metric != "" {
			row.Actual += m.Unit
		}
	}
	scoreNum := numF(round2(score))
	row.Score = scoreNum.Text
	row.Findings = findings
	if row.Why == "" {
		row.Why = why
	}
	row.Reasoning = fmt.Sprintf("分值 %s，%s", row.Weight, why)
	if len(findings) > 0 {
		row.Reasoning += "；发现问题：" + strings.Join(findings, "；")
	}
	if src != nil {
		row.Reasoning += "；数据来源：" + src.Module
	}
	if en.Evidence != "" {
		row.Reasoning += "；佐证：" + en.Evidence
	}
	if score < r.Weight || len(findings) > 0 {
		dev := why
		if row.Actual != "" && r.Rule != RuleQualitative {
			dev = "实际完成值 " + row.Actual + "，" + why
		}
		row.Deviation = deviation(findings, dev)
	}
	ind := Indicator{Code: r.Code, Name: r.Level3, Weight: numF(r.Weight), Score: scoreNum, Findings: findings,
		Level1: r.Level1, Level2: r.Level2, Level3: r.Level3, Target: row.Target, Actual: row.Actual, Evidence: en.Evidence, Reason: why}
	return row, ind
}

// applyRule scores a value by a quantitative rule and says why.
func applyRule(r TableRow, v float64) (float64, string) {
	switch r.Rule {
	case RuleProportional:
		return Proportional(r.Weight, v, r.Full), fmt.Sprintf("达到 %s 得满分，不足按比例计分", numF(r.Full).Text)
	case RuleBands:
		return StepBands(r.Weight, v, r.Bands), "按分档计分（" + ruleTarget(r) + "）"
	case RuleChecklist:
		return Checklist(r.Weight, r.Per, int(v)), fmt.Sprintf("完成 %d 项，每项 %s 分", int(v), numF(r.Per).Text)
	case RuleDeduction:
		return Deduction(r.Weight, r.Per, int(v)), fmt.Sprintf("问题 %d 项，每项扣 %s 分", int(v), numF(r.Per).Text)
	}
	return 0, "评分规则未知"
}

// ruleTarget writes the 年度指标值 column from the rule.
func ruleTarget(r TableRow) string {
	switch r.Rule {
	case RuleProportional:
		return "≥ " + numF(r.Full).Text + "%"
	case RuleBands:
		var parts []string
		for _, b := range r.Bands {
			parts = append(parts, fmt.Sprintf("≥%s 得 %s%%", numF(b.Min).Text, numF(b.Share*100).Text))
		}
		return strings.Join(parts, "，")
	case RuleChecklist:
		return fmt.Sprintf("每项 %s 分", numF(r.Per).Text)
	case RuleDeduction:
		return fmt.Sprintf("无问题；每项扣 %s 分", numF(r.Per).Text)
	case RuleQualitative:
		return "好 / 一般 / 差"
	}
	return ""
}
