package selfeval

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"govdesk/internal/document"
)

// ReportOptions are the choices of a written report.
type ReportOptions struct {
	// Draft writes the report although findings are open: it is marked as a draft on its
	// first line and lists the open findings at the end.
	Draft bool
	// Filled is the filing date line (e.g. "2023年2月2日"); empty leaves it out.
	Filled string
}

var cnNums = []string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五"}

func cn(i int) string {
	if i < len(cnNums) {
		return cnNums[i]
	}
	return fmt.Sprint(i + 1)
}

// WriteReport writes the self-evaluation report (.docx) with the sections 一 to 六 of the
// seed; passages (by Passages key) replace the generated default of their part. It refuses
// while findings are open unless opt.Draft.
func WriteReport(w io.Writer, e *Evaluation, passages map[string]string, opt ReportOptions) error {
	open := e.Open()
	if len(open) > 0 && !opt.Draft {
		return blocked(open)
	}
	d := document.NewDoc()
	d.Title(fmt.Sprintf("%d年度部门整体支出绩效自评报告", e.Year))
	if len(open) > 0 {
		d.Subtitle(fmt.Sprintf("【草稿】尚有 %d 个未处理的问题，不得报送", len(open)))
	}
	d.Subtitle("部门名称：" + e.Unit)
	if opt.Filled != "" {
		d.Subtitle("填报日期：" + opt.Filled)
	}
	r := &reportWriter{d: d, e: e, p: passages}
	r.basics()
	r.conclusion()
	r.analysis()
	r.achievements()
	r.problems()
	r.suggestions()
	if len(open) > 0 {
		d.Heading(1, "附：未处理的问题（草稿）")
		for i, f := range open {
			d.Para(fmt.Sprintf("%d. 【%s】%s", i+1, CodeName(f.Code), f.Message))
		}
	}
	return d.Write(w)
}

type reportWriter struct {
	d *document.Doc
	e *Evaluation
	p map[string]string
}

// passage writes a person's passage, or the generated default when none was written.
func (r *reportWriter) passage(key string, def ...string) {
	if t := strings.TrimSpace(r.p[key]); t != "" {
		for _, line := range strings.Split(t, "\n") {
			if line = strings.TrimSpace(line); line != "" {
				r.d.Para(line)
			}
		}
		return
	}
	for _, l := range def {
		r.d.Para(l)
	}
}

func (r *reportWriter) basics() {
	d, e := r.d, r.e
	d.Heading(1, "一、部门基本情况")
	d.Heading(2, "（一）部门整体概况")
	d.Heading(3, "1. 部门主要职责")
	r.passage("duties", "（请在“自评报告段落”中填写部门主要职责。）")
	d.Heading(3, "2. 部门人员编制构成")
	if s := e.Input.Staffing; s != nil {
		d.Para(fmt.Sprintf("%s核定编制 %d 名，现有在编人员 %d 名。", e.Unit, s.Authorized, s.Actual))
	} else {
		d.Para("编制数与实有人数尚未填报。")
	}
	d.Heading(2, "（二）部门整体收支情况")
	if e.Budget != nil {
		r.budgetLines()
	} else {
		for _, f := range e.Input.Figures {
			if f.Kind == KindGrowth || f.Kind == KindCompare || f.Kind == KindSum {
				d.Para(fmt.Sprintf("%s：%s。", f.Name, figureText(f)))
			}
		}
	}
	r.passage("budget_reasons")
	d.Heading(2, "（三）部门整体支出目标及任务")
	r.passage("tasks")
	r.targetsTable()
}

func amount(n *Num) string { return n.Text + " 元" }

func (r *reportWriter) budgetLines() {
	d, e := r.d, r.e
	b, p := e.Budget, e.Previous
	line := func(what string, cur, prev *Num, growth string) {
		switch {
		case cur == nil:
			d.Para(fmt.Sprintf("%d 年%s尚未填报。", e.Year, what))
		case prev == nil:
			d.Para(fmt.Sprintf("%d 年%s为 %s（上年数尚未填报，不计算增长率）。", e.Year, what, amount(cur)))
		default:
			f, ok := e.Figure(growth)
			g := "上年为 0，不计算增长率"
			if ok {
				g = "增长 " + f.Stated.Text + "%"
				if f.Stated.Rat.Sign() < 0 {
					g = "下降 " + strings.TrimPrefix(f.Stated.Text, "-") + "%"
				}
			}
			d.Para(fmt.Sprintf("%d 年%s为 %s，%d 年%s为 %s，与上年度相比，%s。", e.Year, what, amount(cur), e.Year-1, what, amount(prev), g))
		}
	}
	d.Heading(3, "1. 部门整体收入")
	line("年初预算", b.Initial, p.Initial, "年初预算增长率")
	if b.Adjusted != nil {
		d.Para(fmt.Sprintf("调整预算为 %s。", amount(b.Adjusted)))
	}
	if b.FinalIncome != nil {
		d.Para(fmt.Sprintf("决算收入为 %s。", amount(b.FinalIncome)))
	}
	d.Heading(3, "2. 部门整体支出")
	line("决算支出", b.FinalExpense, p.FinalExpense, "决算支出增长率")
	var lines []string
	for _, c := range []struct {
		what          string
		budget, final *Num
	}{{"公用经费", b.PublicBudget, b.PublicFinal}, {"“三公”经费", b.ThreeBudget, b.ThreeFinal}} {
		if c.budget != nil && c.final != nil {
			lines = append(lines, fmt.Sprintf("%d 年%s预算为 %s，决算为 %s，决算数%s预算数。", e.Year, c.what, amount(c.budget),
				amount(c.final), compareWord(c.final, c.budget)))
		}
	}
	if len(lines) > 0 {
		d.Heading(3, "3. 公用经费与“三公”经费")
		for _, l := range lines {
			d.Para(l)
		}
	}
}

// compareWord says how a compares with b, from the numbers themselves.
func compareWord(a, b *Num) string {
	switch a.Rat.Cmp(b.Rat) {
	case 1:
		return "大于"
	case -1:
		return "小于"
	}
	return "等于"
}

func (r *reportWriter) targetsTable() {
	if len(r.e.Targets) == 0 {
		r.d.Para("本年度尚未设置绩效目标。")
		return
	}
	t := document.Table{Header: []string{"项目", "指标名称", "目标值", "实际值", "完成情况", "数据来源"}, Widths: []int{20, 22, 14, 14, 10, 20}}
	for _, tg := range r.e.Targets {
		proj := tg.Project
		if proj == "" {
			proj = "部门整体"
		}
		actual, done := "未填报", "—"
		if tg.Met != nil {
			actual = tg.Actual + tg.Unit
			done = map[bool]string{true: "完成", false: "未完成"}[*tg.Met]
		}
		src := tg.Source.Module
		if tg.Source.Manual && tg.Source.Definition != "" {
			src += "（" + tg.Source.Definition + "）"
		}
		t.Rows = append(t.Rows, []string{proj, tg.Name, tg.Target + tg.Unit, actual, done, src})
	}
	r.d.Table(t)
}

func sourceText(s Source) string {
	if s.Manual {
		if s.Definition != "" {
			return ModuleManual + "（" + s.Definition + "）"
		}
		return ModuleManual
	}
	if s.Definition != "" {
		return s.Module + "；口径：" + s.Definition
	}
	return s.Module
}

func (r *reportWriter) conclusion() {
	r.d.Heading(1, "二、自评结论")
	r.d.Para(fmt.Sprintf("按照《部门整体支出绩效评价自评表》的评价指标，我单位进行了认真的自评分析，%d 年整体支出绩效自评结果为 %s 分，评价等级为%s。",
		r.e.Year, r.e.Total, r.e.Grade))
	if c, ok := scoreChart(r.e.Rows); ok {
		r.d.Chart(c) // finite values over named categories: it validates
	}
}

// scoreChart compares each first-level indicator's score with its weight.
func scoreChart(rows []Row) (document.Chart, bool) {
	c := document.Chart{Kind: document.Bar, Title: "各一级指标得分与分值", Unit: "分",
		Series: []document.Series{{Name: "分值"}, {Name: "得分"}}}
	at := map[string]int{}
	for _, row := range rows {
		w, errW := strconv.ParseFloat(row.Weight, 64)
		sc, errS := strconv.ParseFloat(row.Score, 64)
		if errW != nil || errS != nil || math.IsInf(w+sc, 0) || math.IsNaN(w+sc) {
			continue
		}
		name := orDash(row.Level1)
		i, ok := at[name]
		if !ok {
			i = len(c.Categories)
			at[name] = i
			c.Categories = append(c.Categories, name)
			c.Series[0].Values = append(c.Series[0].Values, 0)
			c.Series[1].Values = append(c.Series[1].Values, 0)
		}
		c.Series[0].Values[i] += w
		c.Series[1].Values[i] += sc
	}
	return c, len(c.Categories) > 0
}

// analysis writes 三、绩效分析 by the table's levels with each indicator's reasoning.
func (r *reportWriter) analysis() {
	d := r.d
	d.Heading(1, "三、绩效分析")
	l1, l2 := -1, 0
	var last1, last2 string
	for _, row := range r.e.Rows {
		if row.Level1 != last1 || l1 < 0 {
			l1++
			l2 = 0
			last1, last2 = row.Level1, ""
			d.Heading(2, fmt.Sprintf("（%s）%s", cn(l1), orDash(row.Level1)))
		}
		if row.Level2 != last2 {
			l2++
			last2 = row.Level2
			d.Heading(3, fmt.Sprintf("%d. %s", l2, orDash(row.Level2)))
		}
		r.d.Para(indicatorText(row))
		if row.Source != nil && !row.Source.Manual && row.Source.Definition != "" {
			d.Note(fmt.Sprintf("数据来源：%s；口径：%s", row.Source.Module, row.Source.Definition))
		}
	}
	if len(r.e.Sources) > 0 {
		d.Heading(2, fmt.Sprintf("（%s）数据来源", cn(l1+1)))
		t := document.Table{Header: []string{"数字", "报告所写", "来源", "口径"}, Widths: []int{24, 14, 22, 40}}
		for _, s := range r.e.Sources {
			t.Rows = append(t.Rows, []string{s.Name, s.Value, s.Module, s.Definition})
		}
		d.Table(t)
	}
}

// indicatorText is an indicator's paragraph in 三、绩效分析.
func indicatorText(row Row) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s（%s）：", row.Level3, row.Code)
	if row.Actual != "" && row.Rule != RuleQualitative {
		fmt.Fprintf(&b, "实际完成值 %s；", row.Actual)
	}
	if row.Why != "" {
		b.WriteString(row.Why + "；")
	}
	fmt.Fprintf(&b, "分值 %s，得 %s 分。", row.Weight, row.Score)
	if len(row.Findings) > 0 {
		fmt.Fprintf(&b, "发现问题：%s。", strings.Join(row.Findings, "；"))
	}
	if row.Evidence != "" {
		fmt.Fprintf(&b, "佐证：%s。", row.Evidence)
	}
	return b.String()
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

func (r *reportWriter) achievements() {
	r.d.Heading(1, "四、主要绩效")
	var def []string
	n := 0
	for _, t := range r.e.Targets {
		if t.Met != nil && *t.Met {
			n++
			def = append(def, fmt.Sprintf("%d、%s：目标%s%s，实际完成 %s%s（%s）。", n, t.Name, t.Target, t.Unit, t.Actual, t.Unit, t.Source.Module))
		}
	}
	if len(def) == 0 {
		def = []string{"本年度尚无已完成的绩效目标。"}
	}
	r.passage("achievements", def...)
}

func (r *reportWriter) problems() {
	r.d.Heading(1, "五、存在问题")
	var def []string
	for _, t := range r.e.Targets {
		if t.Met != nil && !*t.Met {
			def = append(def, fmt.Sprintf("绩效目标“%s”未完成：目标%s%s，实际 %s%s。", t.Name, t.Target, t.Unit, t.Actual, t.Unit))
		}
	}
	for _, row := range r.e.Rows {
		if row.Deviation != "" {
			def = append(def, fmt.Sprintf("%s（得 %s 分，分值 %s）：%s。", row.Level3, row.Score, row.Weight, row.Deviation))
		}
	}
	for _, f := range r.e.Findings {
		if a, ok := r.e.AcceptanceOf(f); ok {
			def = append(def, fmt.Sprintf("校验问题“%s”已说明理由：%s（%s）。", f.Message, a.Reason, a.By))
		}
	}
	if len(def) == 0 {
		def = []string{"各项指标均得满分，未发现问题。"}
	}
	for i := range def {
		def[i] = fmt.Sprintf("%d. %s", i+1, def[i])
	}
	r.passage("problems", def...)
}

func (r *reportWriter) suggestions() {
	r.d.Heading(1, "六、相关建议")
	var def []string
	for _, row := range r.e.Rows {
		if row.Deviation != "" {
			def = append(def, fmt.Sprintf("针对“%s”未达满分的情况，查明原因，制定整改措施并跟踪落实。", row.Level3))
		}
	}
	if len(def) == 0 {
		def = []string{"保持现有管理水平，持续完善绩效评价指标体系。"}
	}
	r.passage("suggestions", def...)
}

// TableHeader is the header of the 自评表.
var TableHeader = []string{"一级指标", "二级指标", "三级指标", "分值", "年度指标值", "实际完成值", "得分", "偏差原因及改进措施"}

// WriteTable writes the 自评表 (.xlsx): the scored indicators with the total, the targets,
// and the source of every figure.
func WriteTable(w io.Writer, e *Evaluation) error {
	b := document.NewBook()
	var rows [][]any
	for _, r := range e.Rows {
		rows = append(rows, []any{r.Level1, r.Level2, r.Level3, numCell(r.Weight), r.Target, r.Actual, numCell(r.Score), r.Deviation})
	}
	rows = append(rows, []any{"合计", "", "", 100, "", "", numCell(e.Total), "评价等级：" + e.Grade})
	if err := b.Sheet("自评表", TableHeader, rows); err != nil {
		return err
	}
	var trs [][]any
	for _, t := range e.Targets {
		done := "未填报"
		if t.Met != nil {
			done = map[bool]string{true: "完成", false: "未完成"}[*t.Met]
		}
		trs = append(trs, []any{t.Project, t.Name, t.Target + t.Unit, t.Actual, done, sourceText(t.Source)})
	}
	if err := b.Sheet("绩效目标", []string{"项目", "指标名称", "目标值", "实际值", "完成情况", "数据来源"}, trs); err != nil {
		return err
	}
	var srcs [][]any
	for _, s := range e.Sources {
		srcs = append(srcs, []any{s.Name, s.Value, s.Module, s.Definition})
	}
	for _, r := range e.Rows {
		if r.Source != nil {
			srcs = append(srcs, []any{r.Level3, r.Source.Value, r.Source.Module, r.Source.Definition})
		}
	}
	if err := b.Sheet("数据来源", []string{"数字", "数值", "来源", "口径"}, srcs); err != nil {
		return err
	}
	return b.Write(w)
}

// numCell writes a decimal as a number cell when it is one.
func numCell(s string) any {
	if n, err := ParseNum(s); err == nil {
		return n.Float()
	}
	return s
}
