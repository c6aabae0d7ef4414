package selfeval

import (
	"fmt"
	"strings"
	"time"

	"govdesk/internal/app"
)

// Budget is one year's budget and final accounts in 元 (each amount as written, nil when not
// entered yet) with the staffing of that year.
type Budget struct {
	Year         int
	Unit         string // 部门名称
	Initial      *Num   // 年初预算
	Adjusted     *Num   // 调整预算
	FinalIncome  *Num   // 决算收入
	FinalExpense *Num   // 决算支出
	PublicBudget *Num   // 公用经费预算（调整后）
	PublicFinal  *Num   // 公用经费决算
	ThreeBudget  *Num   // "三公"经费预算
	ThreeFinal   *Num   // "三公"经费决算
	Authorized   *int   // 编制数
	Staff        *int   // 实有人数
}

// Amounts lists the budget's amounts with their Chinese names, in the order pages show them.
func (b *Budget) Amounts() []struct {
	Key, Name string
	Value     **Num
} {
	return []struct {
		Key, Name string
		Value     **Num
	}{
		{"initial", "年初预算", &b.Initial}, {"adjusted", "调整预算", &b.Adjusted},
		{"final_income", "决算收入", &b.FinalIncome}, {"final_expense", "决算支出", &b.FinalExpense},
		{"public_budget", "公用经费预算", &b.PublicBudget}, {"public_final", "公用经费决算", &b.PublicFinal},
		{"three_budget", "“三公”经费预算", &b.ThreeBudget}, {"three_final", "“三公”经费决算", &b.ThreeFinal},
	}
}

// Validate refuses negative amounts and staffing, in Chinese.
func (b *Budget) Validate() error {
	if b.Year < 2000 || b.Year > 2100 {
		return app.Invalid("年度 %d 无效", b.Year).WithDetail("bad year %d", b.Year)
	}
	var probs []string
	for _, a := range b.Amounts() {
		if v := *a.Value; v != nil && v.Rat.Sign() < 0 {
			probs = append(probs, a.Name+"不能为负数")
		}
	}
	if b.Authorized != nil && *b.Authorized < 0 || b.Staff != nil && *b.Staff < 0 {
		probs = append(probs, "编制数与实有人数不能为负数")
	}
	if len(probs) > 0 {
		return app.Invalid("%s", strings.Join(probs, "；")).WithDetail("budget %d: negative amounts or staffing", b.Year)
	}
	return nil
}

// Comparators a performance target may use.
var Comparators = []string{">=", "<=", ">", "<", "="}

// PerfTarget is a performance target of a project (or of the whole department when Project
// is empty): 指标名称, comparator, 目标值, 实际值, 单位. Metric names the module the actual
// comes from ("" = entered by hand); Actual is the hand-entered value, if any; Achieved is a
// person's claim that it was met (nil when not claimed).
type PerfTarget struct {
	ID         int64
	Year       int
	Project    string
	Name       string
	Comparator string
	Target     Num
	Actual     *Num
	Unit       string
	Metric     string
	Achieved   *bool
}

// Validate checks a target before it is stored.
func (t *PerfTarget) Validate() error {
	var probs []string
	if strings.TrimSpace(t.Name) == "" {
		probs = append(probs, "指标名称不能为空")
	}
	if t.Comparator == "" {
		t.Comparator = ">="
	}
	if !validRelation(t.Comparator) {
		probs = append(probs, fmt.Sprintf("比较方式 %q 无效（应为 >=、<=、>、<、=）", t.Comparator))
	}
	if !t.Target.IsSet() {
		probs = append(probs, "目标值不能为空")
	}
	if t.Metric != "" {
		if _, ok := MetricByKey(t.Metric); !ok {
			probs = append(probs, fmt.Sprintf("数据来源 %q 未知", t.Metric))
		}
	}
	if len(probs) > 0 {
		return app.Invalid("绩效目标“%s”：%s", t.Name, strings.Join(probs, "；")).WithDetail("performance target %q: %d problems", t.Name, len(probs))
	}
	return nil
}

// Entry is what a person recorded for one indicator of the table: a value (a count of
// checklist items or violations, or a figure entered by hand), a qualitative band and score,
// problems found and the evidence.
type Entry struct {
	Code     string
	Value    *Num
	Band     string
	Score    *Num
	Findings []string
	Evidence string
	By       string
	At       time.Time
}

// Acceptance is a finding accepted with a reason: it no longer blocks filing.
type Acceptance struct {
	Code    string
	Figure  string
	Message string // the finding as it read when accepted: a finding that reads otherwise is open again
	Reason  string
	By      string
	At      time.Time
}

// Key identifies the finding an acceptance is for.
func (a Acceptance) Key() string { return a.Code + "|" + a.Figure }

// FindingKey identifies a finding for acceptances.
func (f Finding) Key() string { return f.Code + "|" + f.Figure }

// YearData is everything stored for one year's self-evaluation.
type YearData struct {
	Year        int
	Unit        string
	Version     int // optimistic-concurrency version of the year's inputs; 0 before the first edit
	Budget      Budget
	Previous    Budget // the year before, for growth figures
	Projects    []string
	Targets     []PerfTarget
	Entries     map[string]Entry
	Acceptances []Acceptance
	Table       []TableRow
	CustomTable bool // the table is a city's own, not DefaultTable
}
