package stats_test

import (
	"context"
	"testing"
	"time"

	"govdesk/internal/account"
	"govdesk/internal/app"
	"govdesk/internal/stats"
	"govdesk/internal/store"
	"govdesk/internal/workday"
	"govdesk/internal/workorder"
)

// fixture is a centre with a hotline office and two member units, an actor per
// role, the workflow service with a fixed clock and the statistics over the store.
type fixture struct {
	t                                     *testing.T
	db                                    *store.DB
	clock                                 *app.FixedClock
	orders                                *workorder.Service
	stats                                 *stats.Service
	system, op, disp, h1, h2, leader, hh2 context.Context
}

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func newFixture(t *testing.T, db *store.DB) *fixture {
	t.Helper()
	ctx := context.Background()
	acc := &store.Accounts{DB: db}
	if _, _, err := acc.UpsertUnits(ctx, []account.Unit{
		{Code: "C001", Name: "市行政服务中心", Active: true}, {Code: "H001", Name: "12345热线办", Active: true},
		{Code: "U001", Name: "市住建局", Active: true}, {Code: "U002", Name: "市水务局", Active: true},
	}); err != nil {
		t.Fatal(err)
	}
	actor := func(name, role, unit string) context.Context {
		u, err := acc.FindUnitByCode(ctx, unit)
		if err != nil {
			t.Fatal(err)
		}
		return app.WithActor(ctx, app.Actor{Username: name, Name: name, Role: role, UnitID: u.ID, UnitCode: u.Code})
	}
	cal, err := workday.NewCalendar(nil)
	if err != nil {
		t.Fatal(err)
	}
	sched := workday.Schedule{Cal: cal, Clock: workday.WorkHours}
	schedule := func(context.Context) (workday.Schedule, error) { return sched, nil }
	f := &fixture{t: t, db: db, clock: &app.FixedClock{T: at("2022-01-01T00:00:00+08:00")}}
	f.orders = &workorder.Service{Store: &store.Orders{DB: db}, Directory: acc,
		Policies: &workorder.Policies{Store: &store.Policies{DB: db}, Clock: f.clock}, Clock: f.clock, Schedule: schedule}
	f.stats = &stats.Service{Source: &store.Stats{DB: db}, Clock: f.clock, Schedule: schedule}
	f.system = app.WithActor(ctx, app.System)
	f.op, f.disp = actor("op", app.RoleOperator, "H001"), actor("disp", app.RoleDispatcher, "H001")
	f.h1, f.h2 = actor("h1", app.RoleHandler, "U001"), actor("h2", app.RoleHandler, "U002")
	f.leader, f.hh2 = actor("boss", app.RoleLeader, "C001"), actor("ua2", app.RoleUnitAdmin, "U002")
	return f
}

// where is where an order comes from and what it is about; the zero value is the
// common case: 12345热线, 乐城街道/东门社区, 城乡建设/市政设施/路灯.
type where struct {
	source, town, category string
	none                   bool // no town and no category
	urgent                 bool
}

// create registers an order received at the instant.
func (f *fixture) create(typ, received string, w where) *workorder.Order {
	f.t.Helper()
	in := workorder.NewOrder{Type: typ, Urgent: w.urgent, Title: "诉求", Content: typ + "：" + received, Source: w.source,
		CitizenPhone: "13800138000", Town: "乐城街道", Village: "东门社区", Category: "城乡建设/市政设施/路灯", ReceivedAt: at(received)}
	if w.town != "" {
		in.Town, in.Village = w.town, ""
	}
	if w.category != "" {
		in.Category = w.category
	}
	if w.none {
		in.Town, in.Village, in.Category = "", "", ""
	}
	f.clock.T = at(received)
	o, _, err := f.orders.Create(f.op, in)
	if err != nil {
		f.t.Fatalf("create %s %s: %v", typ, received, err)
	}
	return &o
}

// do runs one command at the instant on o and keeps the updated order.
func (f *fixture) do(o *workorder.Order, when string, cmd func(id int64, version int) (workorder.Order, error)) {
	f.t.Helper()
	f.clock.T = at(when)
	got, err := cmd(o.ID, o.Version)
	if err != nil {
		f.t.Fatalf("order %s at %s: %v", o.No, when, err)
	}
	*o = got
}

func (f *fixture) resolve(o *workorder.Order, when string) {
	f.do(o, when, func(id int64, v int) (workorder.Order, error) {
		return f.orders.Resolve(f.op, id, v, "已当场解答", 0)
	})
}

func (f *fixture) dispatch(o *workorder.Order, when, unit string) {
	f.do(o, when, func(id int64, v int) (workorder.Order, error) {
		return f.orders.Dispatch(f.disp, id, v, workorder.DispatchInput{UnitCode: unit})
	})
}

func (f *fixture) handler(o *workorder.Order) context.Context {
	if o.UnitCode == "U002" {
		return f.h2
	}
	return f.h1
}

// handle dispatches to U001 at dispatched, signs for ten minutes later and replies at replied.
func (f *fixture) handle(o *workorder.Order, dispatched, replied string) {
	f.t.Helper()
	f.dispatch(o, dispatched, "U001")
	f.do(o, at(dispatched).Add(10*time.Minute).Format(time.RFC3339), func(id int64, v int) (workorder.Order, error) {
		return f.orders.Accept(f.h1, id, v)
	})
	f.reply(o, replied)
}

func (f *fixture) reply(o *workorder.Order, when string) {
	f.do(o, when, func(id int64, v int) (workorder.Order, error) {
		return f.orders.Reply(f.handler(o), id, v, "已办理")
	})
}

func (f *fixture) approve(o *workorder.Order, when string) {
	f.do(o, when, func(id int64, v int) (workorder.Order, error) { return f.orders.Review(f.disp, id, v, true, "") })
}

func (f *fixture) callback(o *workorder.Order, when, result string, resolved bool) {
	f.do(o, when, func(id int64, v int) (workorder.Order, error) {
		return f.orders.Callback(f.op, id, v, result, resolved, "已回访")
	})
}
