package report_test

import (
	"context"
	"testing"
	"time"

	"govdesk/internal/report"
	"govdesk/internal/stats"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
	"govdesk/internal/workorder"
)

var at = storetest.At

// fixture is the test centre with the brief service over its database.
type fixture struct {
	*storetest.Centre
	t       *testing.T
	reports *report.Service
}

func newFixture(t *testing.T, db *store.DB) *fixture {
	t.Helper()
	c := storetest.NewCentre(t, db, at("2022-01-01T00:00:00+08:00"))
	st := &stats.Service{Source: &store.Stats{DB: db}, Clock: c.Clock, Schedule: c.ScheduleFunc}
	return &fixture{Centre: c, t: t, reports: &report.Service{Stats: st, Orders: &store.Orders{DB: db},
		Passages: &store.Passages{DB: db}, Clock: c.Clock, Centre: "测试市12345热线"}}
}

type spec struct {
	typ, title, town, category, phone string
	urgent                            bool
}

func (f *fixture) create(received string, s spec) *workorder.Order {
	f.t.Helper()
	f.Clock.T = at(received)
	f.Register(f.t, s.town, "", s.category)
	o, _, err := f.Orders.Create(f.Operator, workorder.NewOrder{Type: s.typ, Urgent: s.urgent, Title: s.title, Content: s.title + "，请尽快处理。",
		CitizenPhone: s.phone, Town: s.town, Category: s.category, ReceivedAt: at(received)})
	if err != nil {
		f.t.Fatalf("create %s: %v", s.title, err)
	}
	return &o
}

func (f *fixture) do(o *workorder.Order, when string, cmd func(id int64, v int) (workorder.Order, error)) {
	f.t.Helper()
	f.Clock.T = at(when)
	got, err := cmd(o.ID, o.Version)
	if err != nil {
		f.t.Fatalf("order %s at %s: %v", o.Title, when, err)
	}
	*o = got
}

func (f *fixture) handler(unit string) context.Context {
	if unit == "U002" {
		return f.Handler2
	}
	return f.Handler1
}

// handle dispatches to unit, signs for, replies, approves and calls back.
func (f *fixture) handle(o *workorder.Order, unit, dispatched, replied, result string) {
	f.t.Helper()
	h := f.handler(unit)
	f.do(o, dispatched, func(id int64, v int) (workorder.Order, error) {
		return f.Orders.Dispatch(f.Dispatcher, id, v, workorder.DispatchInput{UnitCode: unit})
	})
	f.do(o, at(dispatched).Add(10*time.Minute).Format(time.RFC3339), func(id int64, v int) (workorder.Order, error) {
		return f.Orders.Accept(h, id, v)
	})
	if replied == "" {
		return
	}
	f.do(o, replied, func(id int64, v int) (workorder.Order, error) {
		return f.Orders.Reply(h, id, v, "已安排维修，现已恢复。")
	})
	f.do(o, at(replied).Add(time.Hour).Format(time.RFC3339), func(id int64, v int) (workorder.Order, error) {
		return f.Orders.Review(f.Dispatcher, id, v, true, "")
	})
	f.do(o, at(replied).Add(2*time.Hour).Format(time.RFC3339), func(id int64, v int) (workorder.Order, error) {
		resolved := true
		return f.Orders.Callback(f.Operator, id, v, result, &resolved, "已回访")
	})
}

// seed builds the hand-counted centre of the tests, "now" 2022-10-31 09:00.
//
// September 2022 (6 orders; ISO week 2022-W39 is 09-26 … 10-02):
//
//	A 投诉 路灯不亮     乐城街道 城乡建设/市政设施/路灯 P1  09-05  U001 on time, 满意, closed
//	B 投诉 路灯损坏     乐城街道 城乡建设/市政设施/路灯 P1  09-27  U001 signed for, no reply: overdue   (W39)
//	C 求助 自来水停水   城关镇   城乡建设/供水          P2  09-28  urgent, U002 on time, 基本满意   (W39)
//	D 举报 夜间施工噪声 城关镇   环境保护/噪声          P3  09-29  U002 no reply: overdue; supervised (W39)
//	E 咨询 社保缴费查询 乐城街道 劳动保障/社会保险      P1  09-30  resolved at intake            (W39)
//	F 建议 增开公交线路 北乡镇   交通运输/公交          P5  09-15  not dispatched
//
// received 6; 投诉 2 求助 1 举报 1 咨询 1 建议 1; urgent 1; closed 3 (A C E) 50.00%;
// on time 2/2; satisfied 2/2; overdue 2 (B D); supervised 1. Towns 乐城街道 3, 城关镇 2,
// 北乡镇 1; categories 城乡建设 3, then 1 each. Units U001 (A B) and U002 (C D): each
// 2 orders, on time 100%, satisfied 100%, 1 overdue.
//
// August 2022: G 咨询 resolved. September 2021: H 投诉 and I 咨询 (last year 2).
func seed(f *fixture) map[string]*workorder.Order {
	o := map[string]*workorder.Order{}
	o["H"] = f.create("2021-09-10T09:00:00+08:00", spec{typ: "投诉", title: "路灯不亮", town: "乐城街道", category: "城乡建设/市政设施/路灯", phone: "13900000001"})
	o["I"] = f.create("2021-09-20T09:00:00+08:00", spec{typ: "咨询", title: "公积金提取", town: "乐城街道", category: "住房保障/公积金", phone: "13900000009"})
	f.resolveAtIntake(o["I"], "2021-09-20T09:05:00+08:00")
	o["G"] = f.create("2022-08-10T09:00:00+08:00", spec{typ: "咨询", title: "医保报销", town: "城关镇", category: "劳动保障/医疗保险", phone: "13900000008"})
	f.resolveAtIntake(o["G"], "2022-08-10T09:05:00+08:00")

	o["A"] = f.create("2022-09-05T08:00:00+08:00", spec{typ: "投诉", title: "路灯不亮", town: "乐城街道", category: "城乡建设/市政设施/路灯", phone: "13900000001"})
	f.handle(o["A"], "U001", "2022-09-05T08:30:00+08:00", "2022-09-06T10:00:00+08:00", workorder.Satisfied)
	o["F"] = f.create("2022-09-15T10:00:00+08:00", spec{typ: "建议", title: "增开公交线路", town: "北乡镇", category: "交通运输/公交", phone: "13900000005"})
	o["B"] = f.create("2022-09-27T09:00:00+08:00", spec{typ: "投诉", title: "路灯损坏", town: "乐城街道", category: "城乡建设/市政设施/路灯", phone: "13900000001"})
	f.handle(o["B"], "U001", "2022-09-27T09:30:00+08:00", "", "")
	o["C"] = f.create("2022-09-28T10:00:00+08:00", spec{typ: "求助", title: "自来水停水", town: "城关镇", category: "城乡建设/供水", phone: "13900000002", urgent: true})
	f.handle(o["C"], "U002", "2022-09-28T10:30:00+08:00", "2022-09-28T16:00:00+08:00", workorder.BasicSatisfied)
	o["D"] = f.create("2022-09-29T21:00:00+08:00", spec{typ: "举报", title: "夜间施工噪声", town: "城关镇", category: "环境保护/噪声", phone: "13900000003"})
	f.handle(o["D"], "U002", "2022-09-30T08:30:00+08:00", "", "")
	f.do(o["D"], "2022-09-30T15:00:00+08:00", func(id int64, v int) (workorder.Order, error) {
		return f.Orders.Supervise(f.Leader, id, v, "限期办结")
	})
	o["E"] = f.create("2022-09-30T11:00:00+08:00", spec{typ: "咨询", title: "社保缴费查询", town: "乐城街道", category: "劳动保障/社会保险", phone: "13900000001"})
	f.resolveAtIntake(o["E"], "2022-09-30T11:05:00+08:00")
	f.Clock.T = at("2022-10-31T09:00:00+08:00")
	return o
}

func (f *fixture) resolveAtIntake(o *workorder.Order, when string) {
	f.do(o, when, func(id int64, v int) (workorder.Order, error) {
		return f.Orders.Resolve(f.Operator, id, v, "已当场解答", 0)
	})
}

func build(t *testing.T, f *fixture, kind, arg string) *report.Doc {
	t.Helper()
	d, err := f.reports.Build(f.Staff, kind, arg)
	if err != nil {
		t.Fatalf("build %s %s: %v", kind, arg, err)
	}
	return d
}
