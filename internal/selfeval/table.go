package selfeval

// TableRow is one indicator of the indicator table: its three levels, weight and rule.
// A city's own table replaces DefaultTable as configuration.
type TableRow struct {
	Code   string  `json:"code" yaml:"code"`
	Level1 string  `json:"level1" yaml:"level1"`
	Level2 string  `json:"level2" yaml:"level2"`
	Level3 string  `json:"level3" yaml:"level3"`
	Weight float64 `json:"weight" yaml:"weight"`
	Rule   string  `json:"rule" yaml:"rule"`
	// Full is the target ratio (percent) at which a proportional rule gives full marks.
	Full float64 `json:"full,omitempty" yaml:"full,omitempty"`
	// Per is the points per checklist item or per violation.
	Per   float64 `json:"per,omitempty" yaml:"per,omitempty"`
	Bands []Band  `json:"bands,omitempty" yaml:"bands,omitempty"`
	// Metric names the live figure (Metrics) a quantitative rule is applied to; "" takes the
	// value (a figure, or a count of items or violations) a person entered.
	Metric string `json:"metric,omitempty" yaml:"metric,omitempty"`
}

// DefaultTable follows the headings of the seed report (预算编制 / 预算执行 / 资金使用效益 /
// 加减分项) and totals 100; 加减分项 weighs 0 and adjusts the total only by deduction.
var DefaultTable = []TableRow{
	{"1.1.1", "预算编制", "预算编制", "预算编制合理性", 2.5, RuleQualitative, 0, 0, nil, ""},
	{"1.1.2", "预算编制", "预算编制", "预算编制规范性", 2.5, RuleQualitative, 0, 0, nil, ""},
	{"1.1.3", "预算编制", "预算编制", "预算编制规划性", 2.5, RuleQualitative, 0, 0, nil, ""},
	{"1.1.4", "预算编制", "预算编制", "预算编制科学性", 2.5, RuleQualitative, 0, 0, nil, ""},
	{"1.2.1", "预算编制", "目标设置", "绩效目标覆盖率", 4, RuleProportional, 100, 0, nil, "budget.target_coverage"},
	{"1.2.2", "预算编制", "目标设置", "绩效目标合理性", 3, RuleQualitative, 0, 0, nil, ""},
	{"1.2.3", "预算编制", "目标设置", "绩效指标明确性", 3, RuleQualitative, 0, 0, nil, ""},
	{"2.1.1", "预算执行", "资金管理", "部门预算资金支出率", 5, RuleProportional, 100, 0, nil, "budget.execution"},
	{"2.1.2", "预算执行", "资金管理", "结转结余率", 3, RuleBands, 0, 0, []Band{{0, 0}, {90, 0.6}, {95, 0.8}, {100, 1}}, "budget.execution"},
	{"2.1.3", "预算执行", "资金管理", "国库集中支付结转结余存量资金效率性", 2, RuleQualitative, 0, 0, nil, ""},
	{"2.1.4", "预算执行", "资金管理", "政府采购执行率", 3, RuleProportional, 100, 0, nil, ""},
	{"2.1.5", "预算执行", "资金管理", "财务合规性", 3, RuleDeduction, 0, 1, nil, ""},
	{"2.1.6", "预算执行", "资金管理", "资金下达合法性", 2, RuleDeduction, 0, 1, nil, ""},
	{"2.1.7", "预算执行", "资金管理", "预决算信息、绩效评价结果公开性", 2, RuleChecklist, 0, 0.5, nil, ""},
	{"2.2.1", "预算执行", "项目管理", "项目实施程序", 3, RuleDeduction, 0, 1, nil, ""},
	{"2.2.2", "预算执行", "项目管理", "项目监管", 3, RuleQualitative, 0, 0, nil, ""},
	{"2.3.1", "预算执行", "资产管理", "资产配置合规性", 2, RuleDeduction, 0, 1, nil, "assets.over_limit"},
	{"2.3.2", "预算执行", "资产管理", "资产盘点情况", 2, RuleQualitative, 0, 0, nil, ""},
	{"2.3.3", "预算执行", "资产管理", "固定资产利用率", 2, RuleProportional, 100, 0, nil, "assets.utilization"},
	{"2.4.1", "预算执行", "人员管理", "在编人员比率", 4, RuleBands, 0, 0, []Band{{0, 0}, {90, 0.5}, {100, 1}}, "budget.staff_ratio"},
	{"2.5.1", "预算执行", "制度管理", "管理制度健全性", 4, RuleChecklist, 0, 1, nil, ""},
	{"3.1.1", "资金使用效益", "经济性", "公用经费控制率", 4, RuleBands, 0, 0, []Band{{0, 1}, {100.01, 0.5}, {110, 0}}, "budget.public_control"},
	{"3.1.2", "资金使用效益", "经济性", "\"三公\"经费控制率", 4, RuleBands, 0, 0, []Band{{0, 1}, {100.01, 0}}, "budget.three_control"},
	{"3.2.1", "资金使用效益", "效率性", "重点工作完成率", 4, RuleProportional, 100, 0, nil, ""},
	{"3.2.2", "资金使用效益", "效率性", "绩效目标完成率", 4, RuleProportional, 100, 0, nil, "budget.target_completion"},
	{"3.2.3", "资金使用效益", "效率性", "项目完成及时性", 4, RuleQualitative, 0, 0, nil, ""},
	{"3.3.1", "资金使用效益", "效果性", "政务服务网上可办率", 4, RuleProportional, 90, 0, nil, "catalog.online"},
	{"3.3.2", "资金使用效益", "效果性", "一窗分类受理率", 4, RuleProportional, 80, 0, nil, "catalog.one_window"},
	{"3.3.3", "资金使用效益", "效果性", "热线群众满意率", 4, RuleProportional, 90, 0, nil, "hotline.satisfaction_rate"},
	{"3.4.1", "资金使用效益", "公平性", "群众信访办理情况", 4, RuleDeduction, 0, 1, nil, ""},
	{"3.4.2", "资金使用效益", "公平性", "公众或服务对象满意度", 4, RuleProportional, 90, 0, nil, "evaluations.good_rate"},
	{"4.1.1", "加减分项", "加减分项", "加减分事项", 0, RuleDeduction, 0, 1, nil, ""},
}
