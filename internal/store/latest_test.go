package store_test

import (
	"context"
	"testing"

	"govdesk/internal/catalog"
	"govdesk/internal/evaluation"
	"govdesk/internal/selfeval"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

// TestLatest: the newest case, evaluation (of a unit) and self-evaluation year before
// an instant, which the pages open their period on.
func TestLatest(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		c := storetest.NewCentre(t, db, storetest.At("2022-06-30T10:00:00+08:00"))
		cat := &store.Catalog{DB: db}
		units, err := cat.UnitKeys(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok, err := cat.LatestCase(ctx, storetest.At("2030-01-01T00:00:00Z"), 0); ok || err != nil {
			t.Fatalf("a case before any: %v %v", ok, err)
		}
		if _, _, err := cat.UpsertItems(ctx, []catalog.Item{{Code: "GC001", Name: "建设用地规划许可证核发", UnitID: units["U001"],
			Category: "行政许可", Status: catalog.StatusPublished, PromisedDays: 10}}, "test", c.Clock.T); err != nil {
			t.Fatal(err)
		}
		it, err := cat.FindItemByCode(ctx, "GC001")
		if err != nil {
			t.Fatal(err)
		}
		var cases []catalog.Case
		for i, at := range []string{"2021-03-01T09:00:00+08:00", "2022-05-20T09:00:00+08:00", "2021-12-31T17:00:00+08:00"} {
			cases = append(cases, catalog.Case{No: "BJ-" + string(rune('A'+i)), ItemID: it.ID, ItemCode: "GC001", Applicant: "甲",
				Channel: "窗口", Town: "城关镇", AcceptedAt: storetest.At(at)})
		}
		if _, _, _, err := cat.UpsertCases(ctx, cases); err != nil {
			t.Fatal(err)
		}
		for before, want := range map[string]string{
			"2030-01-01T00:00:00+08:00": "2022-05-20T09:00:00+08:00",
			"2022-01-01T00:00:00+08:00": "2021-12-31T17:00:00+08:00",
		} {
			got, ok, err := cat.LatestCase(ctx, storetest.At(before), 0)
			if err != nil || !ok || !got.Equal(storetest.At(want)) {
				t.Errorf("latest case before %s: %v %v %v, want %s", before, got, ok, err, want)
			}
			if got, ok, err := cat.LatestCase(ctx, storetest.At(before), units["U001"]); err != nil || !ok || !got.Equal(storetest.At(want)) {
				t.Errorf("latest case of U001 before %s: %v %v %v, want %s", before, got, ok, err, want)
			}
		}
		// Another unit's people learn nothing of U001's cases.
		if _, ok, err := cat.LatestCase(ctx, storetest.At("2030-01-01T00:00:00Z"), units["U002"]); ok || err != nil {
			t.Errorf("latest case of U002: %v %v, want none", ok, err)
		}

		ev := &evaluation.Service{Store: &store.Evaluations{DB: db}, Clock: c.Clock, Schedule: c.ScheduleFunc, Policy: evaluation.DefaultPolicy}
		for _, e := range []struct{ at, unit string }{{"2021-08-01T10:00:00+08:00", "U002"}, {"2022-06-30T10:00:00+08:00", "U001"}} {
			c.Clock.T = storetest.At(e.at)
			if _, err := ev.Submit(c.Staff, evaluation.Evaluation{Channel: "网上", TargetKind: "事项", Target: "I001", UnitCode: e.unit, Score: 5}); err != nil {
				t.Fatal(err)
			}
		}
		far := storetest.At("2030-01-01T00:00:00Z")
		if got, ok, err := ev.Latest(c.Staff, far); err != nil || !ok || !got.Equal(storetest.At("2022-06-30T10:00:00+08:00")) {
			t.Errorf("centre's latest evaluation %v %v %v", got, ok, err)
		}
		if got, ok, err := ev.Latest(c.Handler2, far); err != nil || !ok || !got.Equal(storetest.At("2021-08-01T10:00:00+08:00")) {
			t.Errorf("a unit sees its own latest evaluation only: %v %v %v", got, ok, err)
		}
		if _, ok, err := ev.Latest(c.Staff, storetest.At("2021-01-01T00:00:00Z")); ok || err != nil {
			t.Errorf("an evaluation before 2021: %v %v", ok, err)
		}

		se := &store.SelfEval{DB: db}
		if ys, err := se.Years(ctx); err != nil || len(ys) != 0 {
			t.Fatalf("years before any input: %v %v", ys, err)
		}
		for _, y := range []int{2022, 2020} {
			if _, err := se.SaveBudget(ctx, selfeval.Budget{Year: y, Initial: num(t, "100")}, 0, "staff"); err != nil {
				t.Fatal(err)
			}
		}
		if ys, err := se.Years(ctx); err != nil || len(ys) != 2 || ys[0] != 2020 || ys[1] != 2022 {
			t.Errorf("years with inputs %v %v", ys, err)
		}
	})
}
