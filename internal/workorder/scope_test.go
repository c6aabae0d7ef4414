package workorder_test

import (
	"context"
	"testing"

	"govdesk/internal/account"
	"govdesk/internal/app"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
	"govdesk/internal/workorder"
)

// TestService_UnitScopeIsExact: a unit's list holds its own and its co-handled
// orders only, even when its code holds LIKE's wildcards (U%, U_0_), and a search
// text with them matches itself only.
func TestService_UnitScopeIsExact(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		must := musts(t)
		o := f.create(t, "投诉", at("2022-09-30T09:00:00+08:00"))
		must(f.Orders.Dispatch(f.Dispatcher, o.ID, o.Version, workorder.DispatchInput{UnitCode: "U001", CoUnits: []string{"U002"}}))
		acc := &store.Accounts{DB: db}
		for _, code := range []string{"U%", "U_0_", `U\`} {
			if _, _, err := acc.UpsertUnits(context.Background(), []account.Unit{{Code: code, Name: "通配符单位 " + code, Active: true}}); err != nil {
				t.Fatal(err)
			}
			u, err := acc.FindUnitByCode(context.Background(), code)
			if err != nil {
				t.Fatal(err)
			}
			h := app.WithActor(context.Background(), app.Actor{Username: "wild", Role: app.RoleHandler, UnitID: u.ID, UnitCode: u.Code})
			list, total, err := f.Orders.List(h, workorder.Filter{})
			if err != nil || total != 0 || len(list) != 0 {
				t.Errorf("a handler of unit %q lists %d orders (%v), want none", code, total, err)
			}
		}
		if _, total, err := f.Orders.List(f.Handler2, workorder.Filter{}); err != nil || total != 1 {
			t.Errorf("the co-handling unit lists %d orders (%v), want 1", total, err)
		}
		for q, want := range map[string]int{"路灯": 1, "%": 0, "路_不亮": 0, "路灯不亮": 1} {
			if _, total, err := f.Orders.List(f.Leader, workorder.Filter{Q: q}); err != nil || total != want {
				t.Errorf("search %q finds %d (%v), want %d", q, total, err, want)
			}
		}
	})
}
