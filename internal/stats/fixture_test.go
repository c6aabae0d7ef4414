package stats_test

import (
	"context"
	"testing"
	"time"

	"govdesk/internal/stats"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
	"govdesk/internal/workorder"
)

// fixture is the test centre of storetest with the statistics over the store.
type fixture struct {
	*storetest.Centre
	t     *testing.T
	stats *stats.Service
}

var at = storetest.At

func newFixture(t *testing.T, db *store.DB) *fixture {
	t.Helper()
	c := storetest.NewCentre(t, db, at("2022-01-01T00:00:00+08:00"))
	return &fixture{Centre: c, t: t, stats: &stats.Service{Source: &store.Stats{DB: db}, Clock: c.Clock, Schedule: c.ScheduleFunc}}
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
	f.Clock.T = at(received)
	f.Register(f.t, in.Town, in.Village, in.Category)
	o, _, err := f.Orders.Create(f.Operator, in)
	if err != nil {
		f.t.Fatalf("create %s %s: %v", typ, received, err)
	}
	return &o
}

// do runs one command at the instant on o and keeps the updated order.
func (f *fixture) do(o *workorder.Order, when string, cmd func(id int64, version int) (workorder.Order, error)) {
	f.t.Helper()
	f.Clock.T = at(when)
	got, err := cmd(o.ID, o.Version)
	if err != nil {
		f.t.Fatalf("order %s at %s: %v", o.No, when, err)
	}
	*o = got
}

func (f *fixture) resolve(o *workorder.Order, when string) {
	f.do(o, when, func(id int64, v int) (workorder.Order, error) {
		return f.Orders.Resolve(f.Operator, id, v, "已当场解答", 0)
	})
}

func (f *fixture) dispatch(o *workorder.Order, when, unit string) {
	f.do(o, when, func(id int64, v int) (workorder.Order, error) {
		return f.Orders.Dispatch(f.Dispatcher, id, v, workorder.DispatchInput{UnitCode: unit})
	})
}

func (f *fixture) handler(o *workorder.Order) context.Context {
	if o.UnitCode == "U002" {
		return f.Handler2
	}
	return f.Handler1
}

// handle dispatches to U001 at dispatched, signs for ten minutes later and replies at replied.
func (f *fixture) handle(o *workorder.Order, dispatched, replied string) {
	f.t.Helper()
	f.dispatch(o, dispatched, "U001")
	f.do(o, at(dispatched).Add(10*time.Minute).Format(time.RFC3339), func(id int64, v int) (workorder.Order, error) {
		return f.Orders.Accept(f.Handler1, id, v)
	})
	f.reply(o, replied)
}

func (f *fixture) reply(o *workorder.Order, when string) {
	f.do(o, when, func(id int64, v int) (workorder.Order, error) {
		return f.Orders.Reply(f.handler(o), id, v, "已办理")
	})
}

func (f *fixture) approve(o *workorder.Order, when string) {
	f.do(o, when, func(id int64, v int) (workorder.Order, error) { return f.Orders.Review(f.Dispatcher, id, v, true, "") })
}

func (f *fixture) callback(o *workorder.Order, when, result string, resolved bool) {
	f.do(o, when, func(id int64, v int) (workorder.Order, error) {
		return f.Orders.Callback(f.Operator, id, v, result, &resolved, "已回访")
	})
}
