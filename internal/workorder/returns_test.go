package workorder_test

import (
	"testing"

	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
	"govdesk/internal/workorder"
)

// Every return is kept with its unit, reason, actor and time; the order page and
// the dispatch suggestion read them from the timeline.
func TestService_ReturnHistory(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		must := musts(t)
		o := f.create(t, "投诉", at("2022-09-30T09:00:00+08:00"))
		o = must(f.Orders.Dispatch(f.Dispatcher, o.ID, o.Version, workorder.DispatchInput{UnitCode: "U001"}))
		f.Clock.T = at("2022-09-30T10:00:00+08:00")
		o = must(f.Orders.Return(f.Handler1, o.ID, o.Version, "不属于本单位职责"))
		o = must(f.Orders.Dispatch(f.Dispatcher, o.ID, o.Version, workorder.DispatchInput{UnitCode: "U002"}))
		f.Clock.T = at("2022-09-30T11:00:00+08:00")
		o = must(f.Orders.Return(f.Handler2, o.ID, o.Version, "应由供电公司处理"))
		d, err := f.Orders.Detail(f.Dispatcher, o.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := []workorder.ReturnRecord{
			{UnitCode: "U001", Reason: "不属于本单位职责", Actor: "h1", At: at("2022-09-30T10:00:00+08:00")},
			{UnitCode: "U002", Reason: "应由供电公司处理", Actor: "h2", At: at("2022-09-30T11:00:00+08:00")},
		}
		if len(d.Returned) != len(want) {
			t.Fatalf("returns %+v, want %+v", d.Returned, want)
		}
		for i, w := range want {
			if g := d.Returned[i]; g.UnitCode != w.UnitCode || g.Reason != w.Reason || g.Actor != w.Actor || !g.At.Equal(w.At) {
				t.Errorf("return %d: %+v, want %+v", i, g, w)
			}
		}
		got, returns, err := f.Orders.OrderReturns(f.Dispatcher, o.ID)
		if err != nil || got.ID != o.ID || len(returns) != 2 {
			t.Fatalf("OrderReturns: %+v %+v %v", got, returns, err)
		}
		if u := workorder.ReturnedUnits(append(returns, returns[0])); len(u) != 2 || u[0] != "U001" || u[1] != "U002" {
			t.Fatalf("returned units %v", u)
		}
		_, _, err = f.Orders.OrderReturns(f.Handler1, o.ID)
		wantCode(t, "a unit that returned the order reads it", err, "not_found")
	})
}
