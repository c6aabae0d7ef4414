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

// TestService_SearchNeverReachesWhatIsHidden: a keyword does not find an order through
// text its reader is shown masked — an anonymous citizen's words for readers who may
// not know them, the numbers in any text for readers without the phone right — and
// looking orders up by phone needs the phone right.
func TestService_SearchNeverReachesWhatIsHidden(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		must := musts(t)
		anon, _, err := f.Orders.Create(f.Operator, workorder.NewOrder{Type: "举报", Content: "我叫测试甲，电话13912345678，身份证110101199003071234",
			CitizenName: "测试甲", CitizenPhone: "13912345678", Anonymous: true})
		if err != nil {
			t.Fatal(err)
		}
		must(f.Orders.Dispatch(f.Dispatcher, anon.ID, anon.Version, workorder.DispatchInput{UnitCode: "U001"}))
		named, _, err := f.Orders.Create(f.Operator, workorder.NewOrder{Type: "投诉", Content: "住户李四反映楼道堆物，回电13800001111",
			CitizenName: "李四", CitizenPhone: "13800001111"})
		if err != nil {
			t.Fatal(err)
		}
		must(f.Orders.Dispatch(f.Dispatcher, named.ID, named.Version, workorder.DispatchInput{UnitCode: "U001"}))
		for _, c := range []struct {
			who  string
			ctx  context.Context
			q    string
			want int
		}{
			{"handler", f.Handler1, "测试甲", 0}, {"handler", f.Handler1, "13912345678", 0}, {"handler", f.Handler1, "19900307", 0},
			{"handler", f.Handler1, anon.No, 1}, {"handler", f.Handler1, "李四", 1}, {"handler", f.Handler1, "13800001111", 1},
			{"leader", f.Leader, "测试甲", 0}, {"leader", f.Leader, "1380000", 0}, {"leader", f.Leader, "138 0000 1111", 0},
			{"leader", f.Leader, "李四", 1}, {"leader", f.Leader, named.No, 1},
			{"operator", f.Operator, "测试甲", 1}, {"operator", f.Operator, "13912345678", 1}, {"operator", f.Operator, "李四", 1},
		} {
			if _, total, err := f.Orders.List(c.ctx, workorder.Filter{Q: c.q}); err != nil || total != c.want {
				t.Errorf("%s searching %q finds %d orders (%v), want %d", c.who, c.q, total, err, c.want)
			}
		}
		if _, _, err := f.Orders.List(f.Leader, workorder.Filter{Phone: "13800001111"}); app.ErrorCode(err) != app.EForbidden {
			t.Errorf("a leader looks orders up by phone: %v", err)
		}
		for phone, want := range map[string]int{"13912345678": 0, "13800001111": 1} {
			if _, total, err := f.Orders.List(f.Handler1, workorder.Filter{Phone: phone}); err != nil || total != want {
				t.Errorf("handler by phone %s: %d (%v), want %d", phone, total, err, want)
			}
		}
	})
}
