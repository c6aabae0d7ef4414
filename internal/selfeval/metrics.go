package selfeval

import (
	"fmt"
	"math/big"
	"strconv"

	"govdesk/internal/asset"
	"govdesk/internal/stats"
)

// Module names shown as the source of a live figure.
const (
	ModuleCatalog     = "事项目录（§6）"
	ModuleCases       = "办件（§6）"
	ModuleEvaluations = "好差评（§7）"
	ModuleAssets      = "资产台账（§8）"
	ModuleDevices     = "基层终端（§8）"
	ModuleHotline     = "12345 热线（§9）"
	ModuleBudget      = "预算与决算（本模块录入）"
	ModuleManual      = "手工填报"
)

// Metric is a figure the system itself knows: its key, Chinese name, unit and module.
type Metric struct {
	Key, Name, Unit, Module string
}

// Metrics are the live figures a target or an indicator can take its actual from.
var Metrics = []Metric{
	{"catalog.hall_entry", "实体大厅进驻率", "%", ModuleCatalog},
	{"catalog.application_hall_entry", "依申请事项进驻率", "%", ModuleCatalog},
	{"catalog.one_window", "一窗分类受理率", "%", ModuleCatalog},
	{"catalog.online", "政务服务网上可办率", "%", ModuleCatalog},
	{"catalog.application_online", "依申请事项可网办率", "%", ModuleCatalog},
	{"hotline.satisfaction_rate", "热线群众满意率", "%", ModuleHotline},
	{"hotline.closure_rate", "热线办结率", "%", ModuleHotline},
	{"evaluations.good_rate", "好差评满意率（好评率）", "%", ModuleEvaluations},
	{"evaluations.rectification_rate", "差评整改率", "%", ModuleEvaluations},
	{"evaluations.avg_score", "好差评平均分", "分", ModuleEvaluations},
	{"cases.town_village", "镇村站点办件量", "件", ModuleCases},
	{"devices.availability", "基层终端可用率", "%", ModuleDevices},
	{"devices.in_service", "在用基层终端", "台", ModuleDevices},
	{"assets.utilization", "固定资产利用率", "%", ModuleAssets},
	{"assets.over_limit", "资产超标准配置", "项", ModuleAssets},
	{"budget.execution", "部门预算资金支出率", "%", ModuleBudget},
	{"budget.staff_ratio", "在编人员比率", "%", ModuleBudget},
	{"budget.public_control", "公用经费控制率", "%", ModuleBudget},
	{"budget.three_control", "“三公”经费控制率", "%", ModuleBudget},
	{"budget.target_coverage", "绩效目标覆盖率", "%", ModuleBudget},
	{"budget.target_completion", "绩效目标完成率", "%", ModuleBudget},
}

// MetricByKey finds a metric.
func MetricByKey(key string) (Metric, bool) {
	for _, m := range Metrics {
		if m.Key == key {
			return m, true
		}
	}
	return Metric{}, false
}

// Measure is the value of a metric as its module computed it: a rate keeps its numerator
// and denominator (so the same checks recompute it), every measure its definition (口径).
type Measure struct {
	Metric      string
	Value       Num // the figure as the module states it (rates with two decimals)
	Numerator   *big.Rat
	Denominator *big.Rat
	Definition  string
	Notes       []string // e.g. the allocation findings behind assets.over_limit
}

// Modules is what the other modules know for a year, by metric key; a metric absent here has
// no module data yet and is entered by hand.
type Modules map[string]Measure

func floatNum(v float64, d int) Num {
	r, _ := new(big.Rat).SetString(strconv.FormatFloat(v, 'f', d, 64))
	return NumOf(r, d)
}

func (m Modules) rate(key string, v *float64, num, den int64, def string) {
	if v == nil || den == 0 {
		return
	}
	m[key] = Measure{Metric: key, Value: floatNum(*v, 2), Numerator: big.NewRat(num, 1), Denominator: big.NewRat(den, 1), Definition: def}
}

func (m Modules) value(key string, v float64, d int, def string) {
	m[key] = Measure{Metric: key, Value: floatNum(v, d), Definition: def}
}

// AddCatalog takes the catalogue rates of stats (nothing when no item is published).
func (m Modules) AddCatalog(c stats.Catalog) {
	if c.Published == 0 {
		return
	}
	for _, r := range c.Rates {
		if _, ok := MetricByKey("catalog." + r.Key); ok {
			m.rate("catalog."+r.Key, r.Percent, int64(r.Numerator), int64(r.Denominator), r.Definition)
		}
	}
}

// AddHotline takes 满意率 and 办结率 of the year's hotline figures.
func (m Modules) AddHotline(h *stats.Hotline) {
	if h.Counts.Received == 0 {
		return
	}
	for _, f := range h.Figures() {
		switch f.Key {
		case "satisfaction_rate", "closure_rate":
			m.rate("hotline."+f.Key, f.Value, int64(f.Numerator), int64(f.Denominator), f.Definition)
		}
	}
}

// AddEvaluations takes 好评率, 差评整改率 and the average score of the year's 好差评.
func (m Modules) AddEvaluations(e stats.Evaluations) {
	if e.Total == 0 {
		return
	}
	if e.GoodRate != nil {
		m.value("evaluations.good_rate", *e.GoodRate, 2, stats.EvaluationDefinitions["good_rate"])
	}
	if e.RectificationRate != nil {
		m.value("evaluations.rectification_rate", *e.RectificationRate, 2, stats.EvaluationDefinitions["rectification_rate"])
	}
	if e.AvgScore != nil {
		m.value("evaluations.avg_score", *e.AvgScore, 2, stats.EvaluationDefinitions["avg_score"])
	}
}

// AddCases takes the year's 镇村站点 case count.
func (m Modules) AddCases(c stats.Cases) {
	if c.Total == 0 {
		return
	}
	m.value("cases.town_village", float64(c.TownVillage), 0, stats.CaseDefinitions["town_village"])
}

// AddDevices takes the terminals in service and their availability over the year.
func (m Modules) AddDevices(a asset.Availability) {
	if a.Devices == 0 {
		return
	}
	m.value("devices.in_service", float64(a.Devices), 0, "统计期内启用的基层终端台数")
	if p := a.Percent(); p != nil {
		m.value("devices.availability", *p, 2, "可用率 = 1 − 故障停机时长 / 在用时长")
	}
}

// AddRegister takes 固定资产利用率 and the allocation findings of the asset register.
func (m Modules) AddRegister(r asset.Register) {
	if len(r.Assets) == 0 {
		return
	}
	u := r.Utilization
	if u.Percent != nil {
		m.rate("assets.utilization", u.Percent, u.InUseCents, u.TotalCents, "固定资产利用率 = 在用资产原值 ÷ 全部资产原值 × 100%")
	}
	ms := Measure{Metric: "assets.over_limit", Value: NumOf(big.NewRat(int64(len(r.Findings)), 1), 0),
		Definition: fmt.Sprintf("按配置标准（%d 类）核对资产台账数量，超标准配置的类别数", len(r.Limits))}
	for _, f := range r.Findings {
		ms.Notes = append(ms.Notes, f.Message)
	}
	m["assets.over_limit"] = ms
}
