package cli

import (
	"context"
	"testing"

	"govdesk/internal/app"
	"govdesk/internal/config"
	"govdesk/internal/selfeval"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

// The demo's 2022 self-evaluation is in progress over the demo's own modules: the seed's
// budget growth, live catalogue rates, and the seed's own 进驻率 claim left to accept.
func TestLoadDemoSelfeval(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		c := config.Default()
		for _, load := range []func(context.Context, *store.DB, config.Config) error{LoadDemo, loadDemoAssets, loadDemoCatalog, loadDemoSelfeval} {
			if err := load(ctx, db, c); err != nil {
				t.Fatal(err)
			}
		}
		svc := selfevalService(wire(db, c))
		e, y, err := svc.Evaluation(app.WithActor(ctx, app.System), 2022)
		if err != nil {
			t.Fatal(err)
		}
		if y.Unit != "乐昌市行政服务中心" || len(y.Projects) != 7 || len(y.Targets) != 12 {
			t.Fatalf("demo year: %q %d projects %d targets", y.Unit, len(y.Projects), len(y.Targets))
		}
		if f, _ := e.Figure("年初预算增长率"); f.Stated.Text != "25.06" {
			t.Errorf("年初预算增长率 %v", f.Stated)
		}
		if f, _ := e.Figure("政务服务网上可办率"); f.Stated.Text != "91.46" {
			t.Errorf("网上可办率 %v", f.Stated)
		}
		open := e.Open()
		if len(open) != 1 || open[0].Code != selfeval.CodeTargetClaimFalse || open[0].Figure != "政务服务大厅运行保障·实体大厅进驻率" {
			t.Fatalf("open findings: %+v", open)
		}
		var alloc selfeval.Row
		for _, r := range e.Rows {
			if r.Code == "2.3.1" {
				alloc = r
			}
		}
		if alloc.Score == alloc.Weight || len(alloc.Findings) == 0 {
			t.Errorf("the demo's over-limit shredders cost 资产配置合规性 points: %+v", alloc)
		}
		p, err := svc.PassageTexts(ctx, 2022)
		if err != nil || p["duties"] == "" {
			t.Fatalf("duties passage: %v %v", p, err)
		}
	})
}
