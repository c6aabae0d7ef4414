package cli

import (
	"bytes"
	"context"
	_ "embed"

	"govdesk/internal/app"
	"govdesk/internal/config"
	"govdesk/internal/selfeval"
	"govdesk/internal/sheet"
	"govdesk/internal/store"
)

// The demo's budgets (2021 and 2022, on the seed report's 年初预算 and 决算) and 2022 targets,
// read through the same importers as `govdesk import budgets|targets`.
var (
	//go:embed demodata/selfeval_budgets.csv
	demoBudgetsCSV []byte
	//go:embed demodata/selfeval_targets.csv
	demoTargetsCSV []byte
)

// demoProjects are the seven projects of 2022, all with performance targets.
var demoProjects = []string{"政务服务大厅运行保障", "政务服务好差评", "12345 政务服务便民热线", "基层公共服务平台运维",
	"镇村政务服务改革", "电子阅报屏运行维护", "12345 热线数据分析"}

// demoEntries is the 2022 scoring in progress: most indicators scored with evidence, 项目完成及时性
// still open, and the over-limit shredders left to the asset register's own finding.
func demoEntries() []selfeval.Entry {
	num := func(s string) *selfeval.Num { n, _ := selfeval.ParseNum(s); return &n }
	q := func(code, band, score, evidence string) selfeval.Entry {
		return selfeval.Entry{Code: code, Band: band, Score: num(score), Evidence: evidence}
	}
	v := func(code, value, evidence string) selfeval.Entry {
		return selfeval.Entry{Code: code, Value: num(value), Evidence: evidence}
	}
	return []selfeval.Entry{
		q("1.1.1", "好", "2.5", "按“三定方案”职能编制年度预算"), q("1.1.2", "好", "2.5", "按市财政部门文件要求编制"),
		q("1.1.3", "好", "2.5", "中心班子会议形成长期和短期项目实施计划"), q("1.1.4", "好", "2.3", "重点紧急项目优先保障"),
		q("1.2.2", "好", "3", "整体绩效目标依据充分"), q("1.2.3", "好", "2.8", "项目实施计划明确任务与明细"),
		q("2.1.3", "好", "2", "本年度结转结余存量资金为 0"), v("2.1.4", "100", "政府采购执行台账"),
		v("2.1.5", "0", "财务制度执行检查"), v("2.1.6", "0", "本单位无转移支付"), v("2.1.7", "4", "预决算及绩效信息已公开"),
		v("2.2.1", "0", "项目立项与验收记录"), q("2.2.2", "好", "3", "内部控制制度、“三重一大”决策制度"),
		q("2.3.2", "好", "2", "年度资产盘点专项工作，账实相符"), v("2.5.1", "4", "内部控制、政府采购内控、“三重一大”、资产管理制度"),
		v("3.2.1", "100", "《数字政府工作考核落实情况报告》"), v("3.4.1", "0", "本年度未发生信访事件"), v("4.1.1", "0", "无加减分事项"),
	}
}

// loadDemoSelfeval loads the budgets of 2021 and 2022 and a 2022 self-evaluation in progress.
func loadDemoSelfeval(ctx context.Context, db *store.DB, c config.Config) error {
	ctx = app.WithActor(ctx, app.System)
	svc := selfevalService(wire(db, c))
	for _, f := range []struct {
		name string
		data []byte
		spec sheet.Spec
		run  func(*selfeval.Service, context.Context, *sheet.Table, bool) (selfeval.ImportSummary, []sheet.RowError, error)
	}{{"budgets.csv", demoBudgetsCSV, selfeval.BudgetSpec, (*selfeval.Service).ImportBudgets},
		{"targets.csv", demoTargetsCSV, selfeval.TargetSpec, (*selfeval.Service).ImportTargets}} {
		tab, err := sheet.Read(f.name, bytes.NewReader(f.data), f.spec)
		if err != nil {
			return err
		}
		if _, _, err := f.run(svc, ctx, tab, false); err != nil {
			return err
		}
	}
	_, y, err := svc.Evaluation(ctx, 2022)
	if err != nil {
		return err
	}
	v, err := svc.SetProjects(ctx, 2022, demoProjects, y.Version)
	if err != nil {
		return err
	}
	for _, e := range demoEntries() {
		if v, err = svc.SaveEntry(ctx, 2022, e, v); err != nil {
			return err
		}
	}
	return svc.SetPassage(ctx, 2022, "duties", "负责政务服务大厅的运行管理，确定和调整进驻窗口单位及其审批和便民服务事项并监督实施；"+
		"组织联审联办，协调优化审批流程；负责窗口工作人员的培训、管理和考核；承办行政审批制度改革的日常工作；"+
		"负责中心网络和资产的管理维护；负责 12345 热线工单的接收、办理、答复和知识库维护。")
}
