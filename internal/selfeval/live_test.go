package selfeval

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"govdesk/internal/app"
	"govdesk/internal/asset"
	"govdesk/internal/catalog"
	"govdesk/internal/stats"
)

func np(t *testing.T, s string) *Num {
	t.Helper()
	n, err := ParseNum(s)
	if err != nil {
		t.Fatal(err)
	}
	return &n
}

func ip(i int) *int { return &i }

// catalogItems returns n published items, the first `online` of them online.
func catalogItems(n, online int) []catalog.Item {
	items := make([]catalog.Item, n)
	for i := range items {
		items[i] = catalog.Item{Status: catalog.StatusPublished, Online: i < online, InHall: true, OneWindow: i < 1478}
	}
	return items
}

// liveYear is a 2022 self-evaluation on the seed's budget figures, every qualitative
// indicator scored at the top of 好, checklists complete.
func liveYear(t *testing.T) (*YearData, Modules) {
	y := &YearData{Year: 2022, Unit: "乐昌市行政服务中心", Table: DefaultTable, Entries: map[string]Entry{},
		Budget: Budget{Year: 2022, Initial: np(t, "3432300.00"), Adjusted: np(t, "3432300.00"), FinalExpense: np(t, "3432300.00"),
			PublicBudget: np(t, "186300"), PublicFinal: np(t, "186300"), ThreeBudget: np(t, "44000"), ThreeFinal: np(t, "44000"),
			Authorized: ip(10), Staff: ip(10)},
		Previous: Budget{Year: 2021, Initial: np(t, "2744510.00"), FinalExpense: np(t, "2634600.00")},
		Projects: []string{"基层公共服务平台运维", "大厅运行保障"},
		Targets: []PerfTarget{
			{Project: "大厅运行保障", Name: "网上可办率", Comparator: ">=", Target: *np(t, "90"), Unit: "%", Metric: "catalog.online"},
			{Project: "基层公共服务平台运维", Name: "终端正常使用", Comparator: ">=", Target: *np(t, "120"), Unit: "台", Actual: np(t, "120")},
		},
	}
	for _, r := range DefaultTable {
		switch r.Rule {
		case RuleQualitative:
			y.Entries[r.Code] = Entry{Code: r.Code, Band: "好", Score: np(t, numF(r.Weight).Text), Evidence: "会议纪要"}
		case RuleChecklist:
			y.Entries[r.Code] = Entry{Code: r.Code, Value: np(t, numF(r.Weight/r.Per).Text)}
		case RuleDeduction:
			y.Entries[r.Code] = Entry{Code: r.Code, Value: np(t, "0")}
		case RuleProportional:
			if r.Metric == "" {
				y.Entries[r.Code] = Entry{Code: r.Code, Value: np(t, "100")}
			}
		}
	}
	mods := Modules{}
	mods.AddCatalog(stats.CatalogFigures(catalogItems(1816, 1661)))
	mods.AddEvaluations(stats.Evaluations{Total: 1000, GoodRate: fp(99.9), RectificationRate: fp(100), AvgScore: fp(4.9)})
	pcs := []asset.Asset{{Category: "台式计算机", Quantity: 10, ValueCents: 5_000_000, InUse: true}}
	mods.AddRegister(asset.Register{Assets: pcs, Utilization: asset.UtilizationOf(pcs)})
	return y, mods
}

func fp(f float64) *float64 { return &f }

func TestLiveConsistentYear(t *testing.T) {
	y, mods := liveYear(t)
	e := Build(y, mods)
	if len(e.Findings) != 0 {
		t.Fatalf("a consistent year has findings: %+v", e.Findings)
	}
	g, ok := e.Figure("年初预算增长率")
	if !ok || g.Stated.Text != "25.06" {
		t.Fatalf("年初预算增长率: %+v", g)
	}
	if g, _ := e.Figure("决算支出增长率"); g.Stated.Text != "30.28" {
		t.Fatalf("决算支出增长率 %s", g.Stated.Text)
	}
	if g, _ := e.Figure("政务服务网上可办率"); g.Stated.Text != "91.46" || g.Numerator.Text != "1661" {
		t.Fatalf("网上可办率 %+v", g)
	}
	// 热线满意率 has no module data and no entry: scored 0 and said so; the rest full.
	var hot Row
	for _, r := range e.Rows {
		if r.Code == "3.3.3" {
			hot = r
		}
	}
	if hot.Score != "0" || !strings.Contains(hot.Reasoning, "尚未填报") {
		t.Fatalf("热线群众满意率 without data: %+v", hot)
	}
	for _, r := range e.Rows {
		if r.Score != r.Weight {
			t.Logf("%s %s %s/%s %s", r.Code, r.Level3, r.Score, r.Weight, r.Reasoning)
		}
	}
	if e.Total != "96.00" || e.Grade != GradeExcellent {
		t.Fatalf("total %s grade %s", e.Total, e.Grade)
	}
	// Targets: the online rate from the catalogue with its definition, the terminals by hand.
	if s := e.Targets[0].Source; s.Manual || s.Module != ModuleCatalog || !strings.Contains(s.Definition, "网上可办") {
		t.Fatalf("online target source: %+v", s)
	}
	if s := e.Targets[1].Source; !s.Manual || s.Module != ModuleManual || *e.Targets[1].Met != true {
		t.Fatalf("terminal target: %+v", e.Targets[1])
	}
	if g, _ := e.Figure("绩效目标覆盖率"); g.Stated.Text != "100.00" {
		t.Fatalf("绩效目标覆盖率 %+v", g)
	}
}

func findCode(fs []Finding, code string) *Finding {
	for i := range fs {
		if fs[i].Code == code {
			return &fs[i]
		}
	}
	return nil
}

func TestLiveFindings(t *testing.T) {
	y, mods := liveYear(t)
	yes := true
	// A target claimed achieved whose catalogue actual misses it.
	y.Targets = append(y.Targets, PerfTarget{Name: "实体大厅进驻率", Comparator: ">=", Target: *np(t, "100"), Unit: "%",
		Metric: "catalog.hall_entry", Achieved: &yes})
	items := catalogItems(1816, 1661)
	items[0].InHall = false
	mods.AddCatalog(stats.CatalogFigures(items))
	// A hand-typed rate that disagrees with the module's numerator and denominator.
	y.Targets[0].Actual = np(t, "91.4")
	// A hand-typed count disagreeing with the module's count.
	mods.AddDevices(asset.Availability{Devices: 118})
	y.Targets[1].Metric, y.Targets[1].Actual = "devices.in_service", np(t, "120")
	// An allocation over its limit, and a person giving the indicator full marks anyway.
	mods.AddRegister(asset.Register{Assets: []asset.Asset{{Category: "碎纸机", Quantity: 2, ValueCents: 100000, InUse: true}},
		Limits:   []asset.Limit{{Category: "碎纸机", MaxQuantity: 1}},
		Findings: asset.Findings([]asset.Asset{{Category: "碎纸机", Quantity: 2}}, []asset.Limit{{Category: "碎纸机", MaxQuantity: 1}}, 10)})
	y.Entries["2.3.1"] = Entry{Code: "2.3.1", Score: np(t, "2")}
	// A score above the weight (a table changed after scoring).
	y.Entries["2.1.5"] = Entry{Code: "2.1.5", Score: np(t, "4")}
	e := Build(y, mods)
	want := map[string]string{
		CodeTargetClaimFalse:     "实体大厅进驻率",
		CodeRateMismatch:         "大厅运行保障·网上可办率（手工填报值与系统数据核对）",
		CodeRelationFalse:        "基层公共服务平台运维·终端正常使用（手工填报值与系统数据核对）",
		CodeFullScoreWithFinding: "2.3.1 资产配置合规性",
		CodeScoreOverWeight:      "2.1.5 财务合规性",
	}
	for code, fig := range want {
		f := findCode(e.Findings, code)
		if f == nil || f.Figure != fig {
			t.Errorf("%s: want on %q, got %+v", code, fig, f)
		}
	}
	if f := findCode(e.Findings, CodeRateMismatch); f != nil && fmt.Sprint(f.Expected) != "91.5" {
		t.Errorf("rate expected %v", f.Expected)
	}
	if len(e.Open()) != len(e.Findings) {
		t.Fatal("nothing accepted yet")
	}
	// Accepting every finding with a reason unblocks filing.
	for _, f := range e.Findings {
		y.Acceptances = append(y.Acceptances, Acceptance{Code: f.Code, Figure: f.Figure, Message: f.Message, Reason: "已核实", By: "leader"})
	}
	if open := Build(y, mods).Open(); len(open) != 0 {
		t.Fatalf("still open: %+v", open)
	}
	// A finding that reads otherwise once the data changed needs a new decision.
	mods.AddDevices(asset.Availability{Devices: 117})
	open := Build(y, mods).Open()
	if len(open) != 1 || open[0].Code != CodeRelationFalse || !strings.Contains(open[0].Message, "117") {
		t.Fatalf("changed finding should be open again: %+v", open)
	}
}

func TestLiveScoringRules(t *testing.T) {
	y, mods := liveYear(t)
	y.Budget.FinalExpense = np(t, "3089070.00") // 90 % executed
	y.Budget.PublicFinal = np(t, "195615")      // 105 % of the public budget
	y.Budget.Staff = ip(9)                      // 90 % staffed
	y.Entries["2.5.1"] = Entry{Code: "2.5.1", Value: np(t, "3")}
	y.Entries["3.4.1"] = Entry{Code: "3.4.1", Value: np(t, "5")}
	y.Entries["1.1.1"] = Entry{Code: "1.1.1", Band: "一般", Score: np(t, "1.75")}
	e := Build(y, mods)
	score := map[string]string{}
	for _, r := range e.Rows {
		score[r.Code] = r.Score
	}
	for code, want := range map[string]string{
		"2.1.1": "4.5",  // proportional: 5 × 90 %
		"2.1.2": "1.8",  // bands: 90 % reaches the 0.6 band of 3
		"3.1.1": "2",    // bands: above 100 % → half of 4
		"2.4.1": "2",    // bands: 90 % staffed → half of 4
		"2.5.1": "3",    // checklist: 3 items × 1
		"3.4.1": "0",    // deduction floored at zero
		"1.1.1": "1.75", // qualitative 一般 band
		"3.3.1": "4",    // 91.46 % against 90 → full
	} {
		if score[code] != want {
			t.Errorf("%s: score %s, want %s", code, score[code], want)
		}
	}
}

func TestDefaultTableIsValidConfiguration(t *testing.T) {
	if err := ValidateTable(DefaultTable); err != nil {
		t.Fatal(err)
	}
	bad := append([]TableRow(nil), DefaultTable...)
	bad[0].Rule, bad[1].Metric, bad[2].Code = "magic", "nowhere", bad[3].Code
	err := ValidateTable(bad)
	for _, s := range []string{"评分规则 \"magic\" 未知", "数据来源 \"nowhere\" 未知", "编码重复"} {
		if err == nil || !strings.Contains(err.Error(), s) {
			t.Errorf("want %q in %v", s, err)
		}
	}
}

// The converters take each module's own figures and definitions; no data means no measure.
func TestModulesFromStatistics(t *testing.T) {
	m := Modules{}
	m.AddCatalog(stats.Catalog{})
	m.AddEvaluations(stats.Evaluations{})
	m.AddCases(stats.Cases{})
	m.AddDevices(asset.Availability{})
	m.AddRegister(asset.Register{})
	if len(m) != 0 {
		t.Fatalf("empty modules give measures: %v", m)
	}
	m.AddCases(stats.Cases{Total: 30000, TownVillage: 25310})
	m.AddDevices(asset.Availability{Devices: 120, Downtime: 36e11, Service: 36e13})
	m.AddEvaluations(stats.Evaluations{Total: 49166, GoodRate: fp(99.9), RectificationRate: fp(100), AvgScore: fp(4.95)})
	for key, want := range map[string]string{"cases.town_village": "25310", "devices.in_service": "120", "devices.availability": "99.00",
		"evaluations.good_rate": "99.90", "evaluations.rectification_rate": "100.00", "evaluations.avg_score": "4.95"} {
		if got := m[key]; got.Value.Text != want || got.Definition == "" {
			t.Errorf("%s = %q (%q), want %s", key, got.Value.Text, got.Definition, want)
		}
	}
	if m["evaluations.good_rate"].Definition != stats.EvaluationDefinitions["good_rate"] {
		t.Error("the 好评率 definition is the one of stats")
	}
}

func TestModulesFromHotline(t *testing.T) {
	m := Modules{}
	m.AddHotline(&stats.Hotline{})
	if len(m) != 0 {
		t.Fatal("no orders, no hotline measures")
	}
	h := &stats.Hotline{SatisfactionRate: fp(91.17), ClosureRate: fp(100)}
	h.Received, h.Closed, h.Rated, h.Satisfied = 12000, 12000, 3000, 2735
	m.AddHotline(h)
	s := m["hotline.satisfaction_rate"]
	if s.Value.Text != "91.17" || s.Numerator.String() != "2735/1" || s.Denominator.String() != "3000/1" || !strings.Contains(s.Definition, "回访") {
		t.Fatalf("满意率 %+v", s)
	}
	if c := m["hotline.closure_rate"]; c.Value.Text != "100.00" || c.Denominator.String() != "12000/1" {
		t.Fatalf("办结率 %+v", c)
	}
}

// Live scores are graded on their exact sum, half-open: 89.99 良, 90 优, 59.99 差, 60 中.
func TestLiveGradeBoundaries(t *testing.T) {
	table := []TableRow{
		{Code: "A", Level1: "产出", Level2: "质量", Level3: "甲", Weight: 50, Rule: RuleQualitative},
		{Code: "B", Level1: "产出", Level2: "质量", Level3: "乙", Weight: 50, Rule: RuleQualitative},
	}
	for _, c := range []struct{ bandA, a, bandB, b, total, grade string }{
		{"好", "45", "好", "44.99", "89.99", GradeGood},
		{"好", "45", "好", "45", "90.00", GradeExcellent},
		{"一般", "30", "差", "29.99", "59.99", GradePoor},
		{"一般", "30", "一般", "30", "60.00", GradeFair},
	} {
		y := &YearData{Year: 2022, Table: table, Entries: map[string]Entry{
			"A": {Code: "A", Band: c.bandA, Score: np(t, c.a), Evidence: "佐证"},
			"B": {Code: "B", Band: c.bandB, Score: np(t, c.b), Evidence: "佐证"},
		}}
		e := Build(y, nil)
		if e.Total != c.total || e.Grade != c.grade || len(e.Findings) != 0 {
			t.Errorf("%s+%s: total %s grade %s findings %v, want %s %s", c.a, c.b, e.Total, e.Grade, e.Findings, c.total, c.grade)
		}
	}
}

// memStore is an in-memory Store for the service's checks.
type memStore struct {
	Store
	saved []Entry
}

func (m *memStore) Table(context.Context) ([]TableRow, bool, error) { return DefaultTable, false, nil }
func (m *memStore) SaveEntry(_ context.Context, _ int, e Entry, v int, _ string) (int, error) {
	m.saved = append(m.saved, e)
	return v + 1, nil
}

func TestServiceEntryChecks(t *testing.T) {
	m := &memStore{}
	s := &Service{Store: m}
	staff := app.WithActor(context.Background(), app.Actor{Username: "staff", Role: app.RoleStaff})
	for _, c := range []struct {
		e    Entry
		want string
	}{
		{Entry{Code: "1.1.1", Band: "好", Score: np(t, "1")}, "“好”档的得分应在 2.00 至 2.50 之间"},
		{Entry{Code: "1.1.1", Band: "好", Score: np(t, "2.5")}, "须填写佐证材料"},
		{Entry{Code: "2.5.1", Value: np(t, "2.5")}, "应填写项数（整数）"},
		{Entry{Code: "2.1.5", Value: np(t, "-1")}, "不能为负数"},
		{Entry{Code: "9.9.9", Value: np(t, "1")}, "不在指标表中"},
	} {
		if _, err := s.SaveEntry(staff, 2022, c.e, 0); err == nil || !strings.Contains(app.ErrorMessage(err), c.want) {
			t.Errorf("%+v: want %q, got %v", c.e, c.want, err)
		}
	}
	if _, err := s.SaveEntry(app.WithActor(context.Background(), app.Actor{Username: "h", Role: app.RoleHandler}), 2022,
		Entry{Code: "2.5.1", Value: np(t, "3")}, 0); app.ErrorCode(err) != app.EForbidden {
		t.Errorf("a handler may not score: %v", err)
	}
	if _, err := s.SaveEntry(staff, 2022, Entry{Code: "1.1.1", Band: "好", Score: np(t, "2.5"), Evidence: "纪要"}, 0); err != nil || len(m.saved) != 1 {
		t.Fatalf("valid entry: %v", err)
	}
}
