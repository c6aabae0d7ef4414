package stats_test

import (
	"encoding/json"
	"testing"

	"govdesk/internal/stats"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
	"govdesk/internal/workorder"
)

// seed builds the orders of the worked example, on the working-hours clock
// (08:30–12:00, 14:30–17:30: 390 minutes a working day). Deadlines follow the
// built-in policies: received before 2022-03-21 咨询 5 days, others 15; from then
// 咨询 1.5, others 9; urgent 1; reopening 5. "now" is 2023-01-10 09:00.
func seed(f *fixture) {
	// --- outside 2021 and 2022
	f.create("建议", "2020-12-31T23:59:00+08:00", where{})
	f.create("咨询", "2023-01-01T00:00:00+08:00", where{})

	// --- 2021
	// P1 urgent 投诉: limit 1 day from Tue 08:30 → Tue 2021-06-01 17:30; replied 17:00, on time;
	// elapsed (210 + 150) / 390 = 0.923 → 0.92; 满意.
	p1 := f.create("投诉", "2021-06-01T08:00:00+08:00", where{urgent: true})
	f.handle(p1, "2021-06-01T08:30:00+08:00", "2021-06-01T17:00:00+08:00")
	f.approve(p1, "2021-06-02T09:00:00+08:00")
	f.callback(p1, "2021-06-02T10:00:00+08:00", workorder.Satisfied, true)
	// P2 咨询 resolved at intake; P3 求助 received in the last minutes of 2021, not dispatched.
	f.resolve(f.create("咨询", "2021-06-02T09:00:00+08:00", where{}), "2021-06-02T09:05:00+08:00")
	f.create("求助", "2021-12-31T23:30:00+08:00", where{})

	// --- 2022
	// A1–A3 咨询 and J 表扬 resolved at intake (J is not a 咨询: not in the first-call rate).
	f.resolve(f.create("咨询", "2022-02-07T09:00:00+08:00", where{}), "2022-02-07T09:05:00+08:00")
	f.resolve(f.create("咨询", "2022-06-01T10:00:00+08:00", where{}), "2022-06-01T10:05:00+08:00")
	f.resolve(f.create("咨询", "2022-12-30T10:00:00+08:00", where{}), "2022-12-30T10:05:00+08:00")
	f.resolve(f.create("表扬", "2022-06-01T11:00:00+08:00", where{}), "2022-06-01T11:05:00+08:00")

	// B 咨询 before the policy change: 5 days from Mon 03-07 08:30 → Fri 03-11 17:30; replied exactly
	// then (at the deadline counts as on time); elapsed 5.00; 满意.
	b := f.create("咨询", "2022-03-07T08:00:00+08:00", where{})
	f.handle(b, "2022-03-07T08:30:00+08:00", "2022-03-11T17:30:00+08:00")
	f.approve(b, "2022-03-14T09:00:00+08:00")
	f.callback(b, "2022-03-14T10:00:00+08:00", workorder.Satisfied, true)

	// C 投诉 received Fri 03-18, before the change: 15 days → Fri 03-18 (1), 03-21..25 (6), 03-28..04-01 (11),
	// Sat 04-02 makeup day (12), 04-03..05 清明, 04-06..08 (15) → 04-08 17:30. Replied Fri 04-01 17:30: on
	// time; elapsed 11.00. Approved, callback not yet done (open, 待回访).
	c := f.create("投诉", "2022-03-18T08:00:00+08:00", where{})
	f.handle(c, "2022-03-18T08:30:00+08:00", "2022-04-01T17:30:00+08:00")
	f.approve(c, "2022-04-06T09:00:00+08:00")

	// D 投诉 received Mon 03-21, after the change: 9 days → Thu 03-31 17:30. Replied at the same instant as
	// C, Fri 04-01 17:30: late (超期); elapsed 10.00. 不满意 but resolved: closed.
	d := f.create("投诉", "2022-03-21T08:00:00+08:00", where{})
	f.handle(d, "2022-03-21T08:30:00+08:00", "2022-04-01T17:30:00+08:00")
	f.approve(d, "2022-04-06T09:00:00+08:00")
	f.callback(d, "2022-04-06T10:00:00+08:00", workorder.Unsatisfied, true)

	// E 咨询 (网络问政, 城关镇, 城乡建设/供水): 1.5 days from Mon 08-01 08:30 → Tue 08-02 11:45; replied Tue
	// 17:30: late; elapsed 2.00; 满意.
	e := f.create("咨询", "2022-08-01T08:00:00+08:00", where{source: "网络问政", town: "城关镇", category: "城乡建设/供水"})
	f.handle(e, "2022-08-01T08:30:00+08:00", "2022-08-02T17:30:00+08:00")
	f.approve(e, "2022-08-03T09:00:00+08:00")
	f.callback(e, "2022-08-03T10:00:00+08:00", workorder.Satisfied, true)

	// F urgent 求助 (城关镇): dispatched Mon 08-08 08:30 to U001, returned 09:00, dispatched to U002 10:00
	// (1 day → Tue 10:00), extension of 2 days approved (→ Thu 08-11 10:00), replied Wed 08-10 17:30: on
	// time; elapsed from the first dispatch Mon 08:30 to Wed 17:30 = 3.00; 基本满意.
	fo := f.create("求助", "2022-08-08T08:00:00+08:00", where{urgent: true, town: "城关镇"})
	f.dispatch(fo, "2022-08-08T08:30:00+08:00", "U001")
	f.do(fo, "2022-08-08T09:00:00+08:00", func(id int64, v int) (workorder.Order, error) {
		return f.Orders.Return(f.Handler1, id, v, "不属于本单位职责")
	})
	f.dispatch(fo, "2022-08-08T10:00:00+08:00", "U002")
	f.do(fo, "2022-08-08T10:30:00+08:00", func(id int64, v int) (workorder.Order, error) { return f.Orders.Accept(f.Handler2, id, v) })
	f.do(fo, "2022-08-08T10:40:00+08:00", func(id int64, v int) (workorder.Order, error) {
		return f.Orders.RequestExtension(f.Handler2, id, v, 2, "需协调施工单位")
	})
	f.do(fo, "2022-08-08T11:00:00+08:00", func(id int64, v int) (workorder.Order, error) {
		return f.Orders.DecideExtension(f.Dispatcher, id, v, true, "同意")
	})
	f.reply(fo, "2022-08-10T17:30:00+08:00")
	f.approve(fo, "2022-08-11T09:00:00+08:00")
	f.callback(fo, "2022-08-11T10:00:00+08:00", workorder.BasicSatisfied, true)

	// G 举报 (来信, 城关镇, 环境保护/噪声): replied Thu 11-03 17:30, approved, 不满意 and unresolved on Fri
	// 11-04 10:00: reopened with 5 days → Fri 11-11 10:00, no new reply: overdue now; its latest rating
	// 不满意 counts; no approved reply. Supervised.
	g := f.create("举报", "2022-11-01T08:00:00+08:00", where{source: "来信", town: "城关镇", category: "环境保护/噪声"})
	f.handle(g, "2022-11-01T08:30:00+08:00", "2022-11-03T17:30:00+08:00")
	f.approve(g, "2022-11-04T09:00:00+08:00")
	f.callback(g, "2022-11-04T10:00:00+08:00", workorder.Unsatisfied, false)
	f.do(g, "2022-11-07T09:00:00+08:00", func(id int64, v int) (workorder.Order, error) {
		return f.Orders.Supervise(f.Leader, id, v, "限期办结")
	})

	// H 建议 (网络问政, 环境保护): dispatched Thu 12-01 08:30, 9 days → Tue 12-13 17:30, never signed for:
	// overdue now. Reminded twice (one order, two reminders).
	h := f.create("建议", "2022-12-01T08:00:00+08:00", where{source: "网络问政", category: "环境保护"})
	f.dispatch(h, "2022-12-01T08:30:00+08:00", "U001")
	for _, when := range []string{"2022-12-14T09:00:00+08:00", "2022-12-15T09:00:00+08:00"} {
		f.do(h, when, func(id int64, v int) (workorder.Order, error) {
			return f.Orders.Remind(f.Dispatcher, id, v, "请尽快办理")
		})
	}

	// I 其他: 9 days from Mon 12-05 08:30 → Thu 12-15 17:30; replied Fri 12-16 17:30, not yet reviewed:
	// overdue (replied late), no approved reply.
	i := f.create("其他", "2022-12-05T08:00:00+08:00", where{})
	f.handle(i, "2022-12-05T08:30:00+08:00", "2022-12-16T17:30:00+08:00")

	// K 投诉: 9 days from Mon 09-05 08:30 (09-12 中秋 is a holiday) → Fri 09-16 17:30; replied Tue 09-06
	// 12:00: on time; elapsed 1 + 210/390 = 1.538; unreachable twice: closed 无法回访, not a rating.
	k := f.create("投诉", "2022-09-05T08:00:00+08:00", where{})
	f.handle(k, "2022-09-05T08:30:00+08:00", "2022-09-06T12:00:00+08:00")
	f.approve(k, "2022-09-07T09:00:00+08:00")
	f.callback(k, "2022-09-07T10:00:00+08:00", workorder.Unreachable, false)
	f.callback(k, "2022-09-08T10:00:00+08:00", workorder.Unreachable, false)

	// L 咨询 marked a duplicate of H: closed.
	l := f.create("咨询", "2022-12-02T09:00:00+08:00", where{})
	f.do(l, "2022-12-02T09:30:00+08:00", func(id int64, v int) (workorder.Order, error) {
		return f.Orders.MarkDuplicate(f.Dispatcher, id, v, h.No)
	})

	// M 投诉 received at the first instant of 2022 (no town, no category) and N 求助 at its last second;
	// both wait for dispatch.
	f.create("投诉", "2022-01-01T00:00:00+08:00", where{none: true})
	f.create("求助", "2022-12-31T23:59:59+08:00", where{})

	f.Clock.T = at("2023-01-10T09:00:00+08:00")
}

// want2022 is the hand count of the worked example for 2022, previous year 2021.
//
//	received 16: A1 A2 A3 J B C D E F G H I K L M N; by type 咨询 6 (A1 A2 A3 B E L), 投诉 4 (C D K M),
//	  举报 1 (G), 求助 2 (F N), 建议 1 (H), 表扬 1 (J), 其他 1 (I); urgent 1 (F)
//	closed 10 (A1 A2 A3 J B D E F K L): closure 10/16 = 62.50
//	on time: approved with a deadline B C D E F K = 6, on time B C F K = 4: 66.67
//	overdue 5: replied late D E I, open past the deadline G H
//	avg 咨询 (5 + 2)/2 = 3.50; 非咨询 (11 + 10 + 3 + 1.538)/4 = 6.3846 → 6.38
//	satisfaction: rated B D E F G = 5, 满意/基本满意 B E F = 3: 60.00
//	first call: 3 of 6 咨询: 50.00
//	returned 1 (F), extended 1 (F), reopened 1 (G)
//	2021: received 3 (P1 P2 P3), 咨询 1, 投诉 1, 求助 1, urgent 1, closed 2 (66.67), on time 1/1 (100),
//	  overdue 0, 咨询 average null (no dispatched 咨询), 非咨询 0.92, satisfaction 1/1, first call 1/1
//	growth: received (16 − 3)/3 = 433.33; urgent (1 − 1)/1 = 0
const want2022 = `{"received":16,"by_type":{"咨询":6,"投诉":4,"举报":1,"求助":2,"建议":1,"表扬":1,"其他":1},"urgent":1,` +
	`"closed":10,"closure_rate":62.5,"on_time_rate":66.67,"overdue":5,"avg_workdays":{"咨询":3.5,"非咨询":6.38},` +
	`"satisfaction_rate":60,"first_call_resolution_rate":50,"returned":1,"extended":1,"reopened":1,` +
	`"previous":{"received":3,"by_type":{"咨询":1,"投诉":1,"举报":0,"求助":1,"建议":0,"表扬":0,"其他":0},"urgent":1,` +
	`"closed":2,"closure_rate":66.67,"on_time_rate":100,"overdue":0,"avg_workdays":{"咨询":null,"非咨询":0.92},` +
	`"satisfaction_rate":100,"first_call_resolution_rate":100,"returned":0,"extended":0,"reopened":0},` +
	`"growth":{"received":433.33,"urgent":0}}`

// want2021: 2021 as above; 2020 holds only the 建议 of 2020-12-31 23:59, undispatched: closure 0/1 = 0,
// every other rate has a denominator of 0 (null); growth received (3 − 1)/1 = 200, urgent 1 over 0: null.
const want2021 = `{"received":3,"by_type":{"咨询":1,"投诉":1,"举报":0,"求助":1,"建议":0,"表扬":0,"其他":0},"urgent":1,` +
	`"closed":2,"closure_rate":66.67,"on_time_rate":100,"overdue":0,"avg_workdays":{"咨询":null,"非咨询":0.92},` +
	`"satisfaction_rate":100,"first_call_resolution_rate":100,"returned":0,"extended":0,"reopened":0,` +
	`"previous":{"received":1,"by_type":{"咨询":0,"投诉":0,"举报":0,"求助":0,"建议":1,"表扬":0,"其他":0},"urgent":0,` +
	`"closed":0,"closure_rate":0,"on_time_rate":null,"overdue":0,"avg_workdays":{"咨询":null,"非咨询":null},` +
	`"satisfaction_rate":null,"first_call_resolution_rate":null,"returned":0,"extended":0,"reopened":0},` +
	`"growth":{"received":200,"urgent":null}}`

func report(t *testing.T, f *fixture, first, last string) (string, *stats.Hotline) {
	t.Helper()
	p, err := stats.DatePeriod(first, last)
	if err != nil {
		t.Fatal(err)
	}
	h, err := f.stats.Hotline(f.System, p)
	if err != nil {
		t.Fatalf("hotline %s..%s: %v", first, last, err)
	}
	b, err := json.Marshal(h.Report())
	if err != nil {
		t.Fatal(err)
	}
	return string(b), &h
}

func TestService_Hotline(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		seed(f)
		t.Run("OK", func(t *testing.T) {
			if got, _ := report(t, f, "2022-01-01", "2022-12-31"); got != want2022 {
				t.Errorf("2022:\n got %s\nwant %s", got, want2022)
			}
		})
		t.Run("NullRates", func(t *testing.T) {
			if got, _ := report(t, f, "2021-01-01", "2021-12-31"); got != want2021 {
				t.Errorf("2021:\n got %s\nwant %s", got, want2021)
			}
		})
		t.Run("Extras", func(t *testing.T) {
			_, h := report(t, f, "2022-01-01", "2022-12-31")
			// H reminded (twice: one order); G supervised and reopened; F returned and extended.
			if h.Reminded != 1 || h.Supervised != 1 || h.Returned != 1 || h.Extended != 1 || h.Reopened != 1 {
				t.Errorf("extras %+v", h.Counts)
			}
			if h.SpansConsult != 2 || h.SpansNonConsult != 4 {
				t.Errorf("averaged %d 咨询 and %d others, want 2 and 4", h.SpansConsult, h.SpansNonConsult)
			}
		})
		t.Run("UnitScope", func(t *testing.T) {
			// U002 handles F only: received 1, urgent 1, closed 1, on time 1/1, average 3.00.
			p, _ := stats.DatePeriod("2022-01-01", "2022-12-31")
			h, err := f.stats.Hotline(f.UnitAdmin2, p)
			if err != nil {
				t.Fatal(err)
			}
			if h.Received != 1 || h.Urgent != 1 || *h.OnTimeRate != 100 || *h.AvgNonConsult != 3 || h.Previous.Received != 0 {
				t.Errorf("unit admin of U002 sees %+v", h.Counts)
			}
		})
	})
}
