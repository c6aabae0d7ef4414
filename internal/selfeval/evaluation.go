package selfeval

import (
	"fmt"
	"math/big"
	"strings"
)

// Source says where a figure of the self-evaluation comes from: a module with its definition
// (口径), or 手工填报.
type Source struct {
	Name       string // the figure, target or indicator
	Value      string // as the report states it, with its unit
	Module     string
	Definition string
	Manual     bool
}

// Row is one row of the 自评表.
type Row struct {
	Code, Level1, Level2, Level3 string
	Rule                         string
	Weight, Score                string
	Target                       string // 年度指标值
	Actual                       string // 实际完成值
	Deviation                    string // 偏差原因及改进措施
	Reasoning                    string
	Why                          string // how the score was reached, without the weight, sources or evidence
	Findings                     []string
	Evidence                     string
	Source                       *Source
}

// TargetRow is a performance target as the report shows it.
type TargetRow struct {
	Project, Name, Target, Actual, Unit string
	Met                                 *bool // nil while the actual is unknown
	Source                              Source
}

// Evaluation is one year's self-evaluation ready to check, score and write: from live data
// (Build) or from a YAML file (FromInput).
type Evaluation struct {
	Year     int
	Unit     string
	Input    *Input // the figures, indicators and targets in the model of SPEC §10
	Budget   *Budget
	Previous *Budget
	Projects []string
	Rows     []Row
	Targets  []TargetRow
	Sources  []Source // of the figures
	Findings []Finding
	Accepted map[string]Acceptance
	Total    string
	Grade    string
	Live     bool
}

// Open returns the findings not accepted with a reason: they block filing.
func (e *Evaluation) Open() []Finding {
	var out []Finding
	for _, f := range e.Findings {
		if _, ok := e.AcceptanceOf(f); !ok {
			out = append(out, f)
		}
	}
	return out
}

// AcceptanceOf returns the acceptance of a finding: one made for the same code and figure
// when the finding read exactly as it does now (a changed figure needs a new decision).
func (e *Evaluation) AcceptanceOf(f Finding) (Acceptance, bool) {
	a, ok := e.Accepted[f.Key()]
	if !ok || a.Message != f.Message {
		return Acceptance{}, false
	}
	return a, true
}

// Figure returns the stated figure with the name, if any.
func (e *Evaluation) Figure(name string) (Figure, bool) {
	for _, f := range e.Input.Figures {
		if f.Name == name {
			return f, true
		}
	}
	return Figure{}, false
}

// BlockedMessage lists open findings in Chinese for a refusal to file.
func BlockedMessage(open []Finding) string {
	var b strings.Builder
	fmt.Fprintf(&b, "自评报告有 %d 个未处理的问题，修正数据或逐条说明理由接受后方可报送：", len(open))
	for i, f := range open {
		fmt.Fprintf(&b, "\n  %d. [%s] %s（数字：%s）", i+1, f.Code, f.Message, f.Figure)
	}
	return b.String()
}

// FromInput turns a YAML self-evaluation into an Evaluation: the scores as written, the
// findings of Check and the total of Score.
func FromInput(in *Input) *Evaluation {
	e := &Evaluation{Year: in.Year, Unit: in.Unit, Input: in, Accepted: map[string]Acceptance{}}
	res := Score(in)
	e.Total, e.Grade = string(res.Total), res.Grade
	for i, ind := range in.Indicators {
		l3 := ind.Level3
		if l3 == "" {
			l3 = ind.Name
		}
		r := Row{Code: ind.Code, Level1: ind.Level1, Level2: ind.Level2, Level3: l3, Weight: ind.Weight.Text,
			Score: ind.Score.Text, Target: ind.Target, Actual: ind.Actual, Reasoning: res.Indicators[i].Reasoning, Why: ind.Reason,
			Findings: ind.Findings, Evidence: ind.Evidence}
		if ind.Score.Rat.Cmp(ind.Weight.Rat) < 0 || len(ind.Findings) > 0 {
			r.Deviation = deviation(ind.Findings, ind.Reason)
		}
		if r.Level1 == "" {
			r.Level1, r.Level2 = defaultLevels(ind.Code)
		}
		e.Rows = append(e.Rows, r)
	}
	for _, t := range in.Targets {
		met := holds(t.Actual.Rat, t.Comparator, t.Target.Rat)
		src := Source{Name: t.Name, Module: ModuleManual, Manual: true, Definition: t.Source}
		e.Targets = append(e.Targets, TargetRow{Name: t.Name, Target: relationZh[t.Comparator] + " " + t.Target.Text,
			Actual: t.Actual.Text, Unit: t.Unit, Met: &met, Source: src})
	}
	for _, f := range in.Figures {
		e.Sources = append(e.Sources, Source{Name: f.Name, Value: figureText(f), Module: ModuleManual, Definition: f.Source, Manual: true})
	}
	e.Findings = Check(in)
	return e
}

func deviation(findings []string, reason string) string {
	var parts []string
	if len(findings) > 0 {
		parts = append(parts, "存在问题："+strings.Join(findings, "；"))
	}
	if reason != "" {
		parts = append(parts, reason)
	}
	return strings.Join(parts, "。")
}

// figureText writes a figure's stated value for people.
func figureText(f Figure) string {
	switch f.Kind {
	case KindRate, KindGrowth:
		return f.Stated.Text + "%"
	case KindCompare:
		if f.Left != nil && f.Right != nil {
			return fmt.Sprintf("%s%s %s %s%s", f.Left.Value, f.Left.Unit, f.Relation, f.Right.Value, f.Right.Unit)
		}
	}
	return f.Stated.Text + f.Unit
}

// ratText writes r with the fewest decimals (at most 4) that show it, for weights and scores.
func ratText(r *big.Rat) string {
	for d := 0; d < 4; d++ {
		if roundRat(r, d).Cmp(r) == 0 {
			return r.FloatString(d)
		}
	}
	return roundRat(r, 4).FloatString(4)
}

// CodeNames are the Chinese names of the finding codes, for pages and documents.
var CodeNames = map[string]string{
	CodeRateMismatch:         "比率不符",
	CodeGrowthMismatch:       "增长率不符",
	CodeSumMismatch:          "合计不符",
	CodeRelationFalse:        "所称关系不成立",
	CodeUnitMismatch:         "单位错误",
	CodeFullScoreWithFinding: "有问题仍得满分",
	CodeScoreOverWeight:      "得分超过分值",
	CodeTargetClaimFalse:     "完成情况与实际不符",
	CodeTotalMismatch:        "总分不符",
}

// CodeName returns a finding code's Chinese name (the code itself when unknown).
func CodeName(code string) string {
	if n, ok := CodeNames[code]; ok {
		return n
	}
	return code
}

// defaultLevels finds the first- and second-level headings of an indicator code in
// DefaultTable ("2.3.1" itself, or "1.1" as the group of "1.1.1"), for a YAML file that
// gives only codes and names.
func defaultLevels(code string) (string, string) {
	for _, t := range DefaultTable {
		if t.Code == code || strings.HasPrefix(t.Code, code+".") {
			return t.Level1, t.Level2
		}
	}
	return "", ""
}
