package stats_test

import (
	"testing"

	"govdesk/internal/app"
	"govdesk/internal/stats"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

// TestUnits checks the unit figures of the worked example by hand and that each
// one equals the count of its drill-down.
func TestUnits(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		seed(f)
		p, err := stats.DatePeriod("2022-01-01", "2022-12-31")
		if err != nil {
			t.Fatal(err)
		}
		units, err := f.stats.Units(f.Leader, p)
		if err != nil {
			t.Fatal(err)
		}
		// U001: B C D E G H I K (8 orders, current unit); U002: F.
		// U001 answered B C D E K (approved, with a deadline): on time B C K = 60.00;
		// rated B D E G: satisfied B E = 50.00; overdue D E G H I; G supervised.
		// U002: F on time, 基本满意, returned once (by U001, then dispatched to U002).
		if len(units) != 2 || units[0].Code != "U002" || units[1].Code != "U001" {
			t.Fatalf("units = %+v", units)
		}
		u1 := units[1]
		if u1.Received != 8 || u1.Answered != 5 || u1.OnTime != 3 || *u1.OnTimeRate != 60 || u1.Rated != 4 || *u1.SatisfactionRate != 50 ||
			u1.Overdue != 5 || u1.Supervised != 1 || u1.Returned != 0 || u1.Name != "市住建局" {
			t.Errorf("U001 = %+v", u1)
		}
		u2 := units[0]
		if u2.Received != 1 || *u2.OnTimeRate != 100 || u2.Returned != 1 || *u2.ReturnRate != 100 {
			t.Errorf("U002 = %+v", u2)
		}
		orders := &store.Orders{DB: db}
		for _, u := range units {
			want := map[string]int{"received": u.Received, "closed": u.Closed, "on_time_rate.numerator": u.OnTime,
				"on_time_rate.denominator": u.Answered, "overdue": u.Overdue, "satisfaction_rate.numerator": u.Satisfied,
				"satisfaction_rate.denominator": u.Rated, "returned": u.Returned, "supervised": u.Supervised}
			for _, key := range stats.UnitFigureKeys {
				flt, err := f.stats.FigureFilter(f.Leader, p, "unit."+u.Code+"."+key)
				if err != nil {
					t.Fatal(err)
				}
				if _, n, err := orders.FindOrders(f.System, flt); err != nil || n != want[key] {
					t.Errorf("%s %s: drill-down lists %d orders (%v), the figure counts %d", u.Code, key, n, err, want[key])
				}
			}
		}
		for _, bad := range []string{"unit.U001", "unit..received", "unit.U001.nope", "by_town.", "nope"} {
			if _, err := f.stats.FigureFilter(f.Leader, p, bad); app.ErrorCode(err) != app.EInvalid {
				t.Errorf("%s: %v", bad, err)
			}
		}
		flt, err := f.stats.FigureFilter(f.Leader, p, "by_town.城关镇")
		if _, n, _ := orders.FindOrders(f.System, flt); err != nil || n != 3 {
			t.Errorf("by_town.城关镇 lists %d (%v), want 3 (E F G)", n, err)
		}
		flt, err = f.stats.FigureFilter(f.Leader, p, "previous.received")
		if _, n, _ := orders.FindOrders(f.System, flt); err != nil || n != 3 {
			t.Errorf("previous.received lists %d (%v), want 3", n, err)
		}
	})
}
