package store_test

import (
	"context"
	"testing"

	"govdesk/internal/app"
	"govdesk/internal/selfeval"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

func num(t *testing.T, s string) *selfeval.Num {
	t.Helper()
	n, err := selfeval.ParseNum(s)
	if err != nil {
		t.Fatal(err)
	}
	return &n
}

func TestSelfEvalInputs(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s := &store.SelfEval{DB: db}
		ten, nine := 10, 9
		b := selfeval.Budget{Year: 2022, Unit: "乐昌市行政服务中心", Initial: num(t, "3432300.00"), Adjusted: num(t, "3432300.00"),
			PublicBudget: num(t, "186300"), Authorized: &ten, Staff: &nine}
		v, err := s.SaveBudget(ctx, b, 0, "staff")
		if err != nil || v != 1 {
			t.Fatalf("save budget: v=%d err=%v", v, err)
		}
		// A second editor still on version 0 is refused with a conflict naming who saved.
		if _, err := s.SaveBudget(ctx, b, 0, "leader"); app.ErrorCode(err) != app.EConflict {
			t.Fatalf("stale edit: want conflict, got %v", err)
		}
		got, err := s.Budget(ctx, 2022)
		if err != nil {
			t.Fatal(err)
		}
		if got.Initial.Text != "3432300.00" || got.FinalExpense != nil || *got.Staff != 9 || got.PublicBudget.Text != "186300" || got.Unit != "乐昌市行政服务中心" {
			t.Fatalf("budget round trip: %+v", got)
		}
		neg := selfeval.Budget{Year: 2022, Initial: num(t, "-1")}
		if _, err := s.SaveBudget(ctx, neg, 1, "staff"); app.ErrorCode(err) != app.EInvalid {
			t.Fatalf("negative amount: %v", err)
		}

		yes := true
		ts := []selfeval.PerfTarget{
			{Project: "基层公共服务平台运维", Name: "终端正常使用", Comparator: ">=", Target: *num(t, "120"), Unit: "台", Metric: "devices.in_service"},
			{Name: "实体大厅进驻率", Target: *num(t, "90"), Actual: num(t, "87"), Unit: "%", Achieved: &yes},
		}
		added, updated, v, err := s.SaveTargets(ctx, 2022, ts, 1, "staff")
		if err != nil || added != 2 || updated != 0 || v != 2 {
			t.Fatalf("save targets: %d %d %d %v", added, updated, v, err)
		}
		ts[1].Actual = num(t, "87.0")
		if added, updated, v, err = s.SaveTargets(ctx, 2022, ts[1:], 2, "staff"); err != nil || added != 0 || updated != 1 {
			t.Fatalf("update target: %d %d %v", added, updated, err)
		}
		bad := []selfeval.PerfTarget{{Name: "x", Target: *num(t, "1"), Metric: "nope"}}
		if _, _, _, err := s.SaveTargets(ctx, 2022, bad, v, "staff"); app.ErrorCode(err) != app.EInvalid {
			t.Fatalf("unknown metric: %v", err)
		}
		if v, err = s.SetProjects(ctx, 2022, []string{"基层公共服务平台运维", "大厅运行保障", "大厅运行保障"}, v, "staff"); err != nil {
			t.Fatal(err)
		}
		if v, err = s.SaveEntry(ctx, 2022, selfeval.Entry{Code: "2.3.1", Findings: []string{"碎纸机超标"}, Value: num(t, "1"),
			Evidence: "资产台账"}, v, "staff"); err != nil {
			t.Fatal(err)
		}
		if v, err = s.SaveEntry(ctx, 2022, selfeval.Entry{Code: "1.1.1", Band: "好", Score: num(t, "2.5")}, v, "leader"); err != nil {
			t.Fatal(err)
		}
		if err := s.Accept(ctx, 2022, selfeval.Acceptance{Code: "full_score_with_finding", Figure: "2.3.1 资产配置合规性",
			Message: "指标“2.3.1 资产配置合规性”记录了问题", Reason: "已于 2023 年 1 月调拨", By: "leader",
			At: storetest.At("2023-01-10T09:00:00+08:00")}); err != nil {
			t.Fatal(err)
		}

		y, err := s.Year(ctx, 2022)
		if err != nil {
			t.Fatal(err)
		}
		if y.Version != v || y.Unit != "乐昌市行政服务中心" || len(y.Targets) != 2 || len(y.Projects) != 2 || len(y.Acceptances) != 1 || y.CustomTable {
			t.Fatalf("year: version %d/%d targets %d projects %v acceptances %d custom %v", y.Version, v, len(y.Targets), y.Projects, len(y.Acceptances), y.CustomTable)
		}
		if a := y.Acceptances[0]; a.Message != "指标“2.3.1 资产配置合规性”记录了问题" || a.Reason != "已于 2023 年 1 月调拨" || a.By != "leader" || a.At.IsZero() {
			t.Fatalf("acceptance: %+v", a)
		}
		if e := y.Entries["2.3.1"]; e.Findings[0] != "碎纸机超标" || e.Value.Text != "1" || e.By != "staff" {
			t.Fatalf("entry: %+v", e)
		}
		if e := y.Entries["1.1.1"]; e.Band != "好" || e.Score.Text != "2.5" {
			t.Fatalf("entry: %+v", e)
		}
		tg := y.Targets[1]
		if tg.Project != "基层公共服务平台运维" {
			tg = y.Targets[0]
		}
		if tg.Metric != "devices.in_service" || tg.Actual != nil || tg.Achieved != nil {
			t.Fatalf("target: %+v", tg)
		}
		if len(y.Table) != len(selfeval.DefaultTable) {
			t.Fatalf("default table: %d rows", len(y.Table))
		}

		// A city's own table replaces the default and keeps its bands and metrics.
		own := []selfeval.TableRow{
			{Code: "A", Level1: "产出", Level2: "数量", Level3: "网办", Weight: 60, Rule: selfeval.RuleProportional, Full: 90, Metric: "catalog.online"},
			{Code: "B", Level1: "效益", Level2: "满意度", Level3: "热线", Weight: 40, Rule: selfeval.RuleBands,
				Bands: []selfeval.Band{{Min: 0, Share: 0}, {Min: 90, Share: 1}}},
		}
		if err := s.ReplaceTable(ctx, own[:1]); app.ErrorCode(err) != app.EInvalid {
			t.Fatalf("table not adding to 100: %v", err)
		}
		if err := s.ReplaceTable(ctx, own); err != nil {
			t.Fatal(err)
		}
		rows, custom, err := s.Table(ctx)
		if err != nil || !custom || len(rows) != 2 || rows[1].Bands[1].Min != 90 || rows[0].Metric != "catalog.online" || rows[0].Full != 90 {
			t.Fatalf("own table: %+v %v %v", rows, custom, err)
		}
		if err := s.ReplaceTable(ctx, nil); err != nil {
			t.Fatal(err)
		}
		if _, custom, _ := s.Table(ctx); custom {
			t.Fatal("nil table should restore the default")
		}
	})
}

// Imports write every year in one transaction: an empty amount keeps what is stored, and a
// year's version moves on so that an open form made before the import is stale.
func TestSelfEvalImports(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s := &store.SelfEval{DB: db}
		ten := 10
		if _, err := s.SaveBudget(ctx, selfeval.Budget{Year: 2022, Unit: "中心", Initial: num(t, "100"), Adjusted: num(t, "120"), Authorized: &ten}, 0, "staff"); err != nil {
			t.Fatal(err)
		}
		added, updated, err := s.ImportBudgets(ctx, []selfeval.Budget{
			{Year: 2021, Initial: num(t, "90")},
			{Year: 2022, Initial: num(t, "110"), FinalExpense: num(t, "118")},
		}, "import")
		if err != nil || added != 1 || updated != 1 {
			t.Fatalf("import budgets: %d %d %v", added, updated, err)
		}
		b, _ := s.Budget(ctx, 2022)
		if b.Initial.Text != "110" || b.Adjusted.Text != "120" || b.FinalExpense.Text != "118" || b.Unit != "中心" || *b.Authorized != 10 {
			t.Fatalf("merged budget: %+v", b)
		}
		if v, _ := s.Version(ctx, 2022); v != 2 {
			t.Fatalf("version after import %d", v)
		}
		if _, err := s.SaveBudget(ctx, b, 1, "staff"); app.ErrorCode(err) != app.EConflict {
			t.Fatalf("a form from before the import is stale: %v", err)
		}
		// A bad row refuses the whole import.
		_, _, err = s.ImportBudgets(ctx, []selfeval.Budget{{Year: 2023, Initial: num(t, "1")}, {Year: 2024, Initial: num(t, "-1")}}, "import")
		if app.ErrorCode(err) != app.EInvalid {
			t.Fatalf("negative amount: %v", err)
		}
		if b, _ := s.Budget(ctx, 2023); b.Initial != nil {
			t.Fatal("nothing of a refused import is written")
		}
		ts := []selfeval.PerfTarget{{Year: 2022, Project: "大厅", Name: "一窗率", Target: *num(t, "80")}, {Year: 2021, Name: "网办率", Target: *num(t, "70")}}
		if added, updated, err = s.ImportTargets(ctx, ts, "import"); err != nil || added != 2 || updated != 0 {
			t.Fatalf("import targets: %d %d %v", added, updated, err)
		}
		y, _ := s.Year(ctx, 2022)
		if len(y.Targets) != 1 || y.Targets[0].Comparator != ">=" || len(y.Projects) != 1 || y.Previous.Initial.Text != "90" {
			t.Fatalf("year after imports: %+v", y)
		}
	})
}

// Two people saving the same year on the same version at once: exactly one wins.
func TestSelfEvalConcurrentEdits(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s := &store.SelfEval{DB: db}
		v, err := s.SaveBudget(ctx, selfeval.Budget{Year: 2022, Initial: num(t, "1")}, 0, "staff")
		if err != nil {
			t.Fatal(err)
		}
		const n = 8
		errs := make(chan error, n)
		for i := 0; i < n; i++ {
			go func(i int) {
				_, err := s.SaveBudget(ctx, selfeval.Budget{Year: 2022, Initial: num(t, "100")}, v, "editor")
				errs <- err
			}(i)
		}
		ok, conflicts := 0, 0
		for i := 0; i < n; i++ {
			switch err := <-errs; app.ErrorCode(err) {
			case "":
				ok++
			case app.EConflict:
				conflicts++
			default:
				t.Errorf("unexpected error: %v", err)
			}
		}
		if ok != 1 || conflicts != n-1 {
			t.Fatalf("%d saved, %d conflicts; want 1 and %d", ok, conflicts, n-1)
		}
		if got, _ := s.Version(ctx, 2022); got != v+1 {
			t.Fatalf("version %d, want %d", got, v+1)
		}
	})
}
