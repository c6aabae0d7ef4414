package cli

import (
	"context"
	"testing"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/config"
	"govdesk/internal/evaluation"
	"govdesk/internal/stats"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

// The demo catalogue reproduces the seed report's figures.
func TestLoadDemoCatalog(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) { testLoadDemoCatalog(t, db) })
}

func testLoadDemoCatalog(t *testing.T, db *store.DB) {
	ctx := context.Background()
	c := config.Default()
	if err := LoadDemo(ctx, db, c); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if err := loadDemoCatalog(ctx, db, c); err != nil {
		t.Fatal(err)
	}
	t.Logf("demo catalogue loaded in %v", time.Since(start))
	items, err := (&store.Catalog{DB: db}).FindItems(ctx)
	if err != nil {
		t.Fatal(err)
	}
	f := stats.CatalogFigures(items)
	rep := f.Report()
	for k, want := range map[string]float64{"hall_entry": 87, "application_hall_entry": 86.07, "one_window": 81.39, "online": 91.46, "application_online": 98.35} {
		if got := rep[k].Percent; got == nil || *got != want {
			t.Errorf("%s = %v, want %v", k, got, want)
		}
	}
	if f.Citywide != 450 || f.CrossProvince != 45 {
		t.Errorf("citywide %d, cross-province %d", f.Citywide, f.CrossProvince)
	}
	evs, err := (&store.Evaluations{DB: db}).FindEvaluations(app.WithActor(ctx, app.System), evaluation.Filter{To: storetest.At("2023-01-01T00:00:00+08:00")})
	if err != nil || len(evs) != 49166 {
		t.Fatalf("%d evaluations, %v", len(evs), err)
	}
	if e := stats.EvaluationFigures(evs); *e.GoodRate < 99 || e.Bad == 0 {
		t.Errorf("evaluation figures %+v", e)
	}
	// Loading again changes nothing.
	if err := loadDemoCatalog(ctx, db, c); err != nil {
		t.Fatal(err)
	}
}
