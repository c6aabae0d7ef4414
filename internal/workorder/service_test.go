package workorder_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
	"govdesk/internal/workorder"
)

// fixture is the test centre of storetest.
type fixture struct{ *storetest.Centre }

var at = storetest.At

func newFixture(t *testing.T, db *store.DB) *fixture {
	return &fixture{storetest.NewCentre(t, db, at("2022-09-30T09:00:00+08:00"))}
}

func (f *fixture) create(t *testing.T, typ string, at time.Time) workorder.Order {
	t.Helper()
	f.Clock.T = at
	f.Register(t, "乐城街道", "东门社区", "城乡建设/市政设施/路灯")
	o, _, err := f.Orders.Create(f.Operator, workorder.NewOrder{Type: typ, Title: "路灯不亮", Content: "乐城街道东门社区路灯坏了三天",
		CitizenName: "张三", CitizenPhone: "13800138000", Town: "乐城街道", Village: "东门社区", Category: "城乡建设/市政设施/路灯"})
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	return o
}

// musts returns a function that fails the test on err and returns o.
func musts(t *testing.T) func(workorder.Order, error) workorder.Order {
	return func(o workorder.Order, err error) workorder.Order {
		t.Helper()
		if err != nil {
			t.Fatalf("unexpected error: %v", err)
		}
		return o
	}
}

func wantCode(t *testing.T, what string, err error, code string) {
	t.Helper()
	if got := app.ErrorCode(err); got != code {
		t.Errorf("%s: error %v (code %q), want %q", what, err, got, code)
	}
}

func TestService_Lifecycle(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		must := musts(t)
		o := f.create(t, "投诉", at("2022-09-30T09:00:00+08:00"))
		if o.Status != workorder.Received || len(o.No) != 14 || o.No[:8] != "20220930" || o.Version != 1 {
			t.Fatalf("created %+v", o)
		}

		// dispatch: only a dispatcher, from received; deadline 9 working days from the dispatch (policy of 2022-03-21).
		f.Clock.T = at("2022-09-30T16:00:00+08:00")
		_, err := f.Orders.Dispatch(f.Operator, o.ID, o.Version, workorder.DispatchInput{UnitCode: "U001"})
		wantCode(t, "dispatch by an operator", err, app.EForbidden)
		_, err = f.Orders.Dispatch(f.Handler1, o.ID, o.Version, workorder.DispatchInput{UnitCode: "U001"})
		wantCode(t, "dispatch by a handler, who cannot see the pool", err, app.ENotFound)
		_, err = f.Orders.Dispatch(f.Dispatcher, o.ID, o.Version, workorder.DispatchInput{UnitCode: "NOPE"})
		wantCode(t, "dispatch to an unknown unit", err, app.EInvalid)
		o = must(f.Orders.Dispatch(f.Dispatcher, o.ID, o.Version, workorder.DispatchInput{UnitCode: "U001", CoUnits: []string{"U002"}}))
		if want := f.Schedule.Deadline(at("2022-09-30T16:00:00+08:00"), 9); !o.DeadlineAt.Equal(want) || o.LimitDays != 9 || o.Status != workorder.Dispatched {
			t.Fatalf("dispatched: deadline %v (want %v), limit %v, status %s", o.DeadlineAt, want, o.LimitDays, o.Status)
		}
		_, err = f.Orders.Dispatch(f.Dispatcher, o.ID, o.Version, workorder.DispatchInput{UnitCode: "U002"})
		wantCode(t, "dispatch twice", err, app.EIllegalTransition)

		// the co-handling unit sees it but cannot act; another unit would not see it at all.
		if _, err := f.Orders.Get(f.Handler2, o.ID); err != nil {
			t.Errorf("co-handling unit cannot read: %v", err)
		}
		_, err = f.Orders.Accept(f.Handler2, o.ID, o.Version)
		wantCode(t, "accept by the co-handling unit", err, app.ENotFound)

		// sign for, late: the 2 working hours ran out at 2022-10-08 09:00.
		f.Clock.T = at("2022-10-08T10:00:00+08:00")
		_, err = f.Orders.Reply(f.Handler1, o.ID, o.Version, "已修复")
		wantCode(t, "reply before signing", err, app.EIllegalTransition)
		o = must(f.Orders.Accept(f.Handler1, o.ID, o.Version))
		if !o.SignLate || o.Status != workorder.Accepted {
			t.Fatalf("accepted: late %v status %s", o.SignLate, o.Status)
		}
		_, err = f.Orders.Accept(f.Handler1, o.ID, o.Version)
		wantCode(t, "accept twice", err, app.EIllegalTransition)

		// extension: deadline moves from the old deadline.
		_, err = f.Orders.RequestExtension(f.Handler1, o.ID, o.Version, 3, "")
		wantCode(t, "extension without a reason", err, app.EInvalid)
		_, err = f.Orders.DecideExtension(f.Dispatcher, o.ID, o.Version, true, "")
		wantCode(t, "decide with nothing pending", err, app.EIllegalTransition)
		o = must(f.Orders.RequestExtension(f.Handler1, o.ID, o.Version, 3, "需协调供电公司"))
		_, err = f.Orders.DecideExtension(f.Handler1, o.ID, o.Version, true, "")
		wantCode(t, "decide by a handler", err, app.EForbidden)
		old := o.DeadlineAt
		o = must(f.Orders.DecideExtension(f.Dispatcher, o.ID, o.Version, true, "同意"))
		if want := f.Schedule.Deadline(old, 3); !o.DeadlineAt.Equal(want) || o.Extensions != 1 || o.LimitDays != 12 {
			t.Fatalf("extended: deadline %v want %v, extensions %d, limit %v", o.DeadlineAt, want, o.Extensions, o.LimitDays)
		}

		// reply, review rejected, reply again, approved.
		f.Clock.T = at("2022-10-12T10:00:00+08:00")
		_, err = f.Orders.Review(f.Dispatcher, o.ID, o.Version, true, "")
		wantCode(t, "review before reply", err, app.EIllegalTransition)
		_, err = f.Orders.Reply(f.Handler1, o.ID, o.Version, " ")
		wantCode(t, "empty reply", err, app.EInvalid)
		o = must(f.Orders.Reply(f.Handler1, o.ID, o.Version, "已安排维修"))
		_, err = f.Orders.Review(f.Dispatcher, o.ID, o.Version, false, "")
		wantCode(t, "reject without a reason", err, app.EInvalid)
		o = must(f.Orders.Review(f.Dispatcher, o.ID, o.Version, false, "请写明维修时间"))
		if o.Status != workorder.Accepted || !o.RepliedAt.IsZero() {
			t.Fatalf("rejected reply: %s %v", o.Status, o.RepliedAt)
		}
		o = must(f.Orders.Reply(f.Handler1, o.ID, o.Version, "10月12日已修复"))
		o = must(f.Orders.Review(f.Dispatcher, o.ID, o.Version, true, ""))
		if o.Status != workorder.Callback || !o.ReplyApproved {
			t.Fatalf("approved: %s", o.Status)
		}

		// callback unsatisfied and unresolved: reopened with 5 working days from now.
		f.Clock.T = at("2022-10-13T09:00:00+08:00")
		yes, no := true, false
		_, err = f.Orders.Callback(f.Operator, o.ID, o.Version, "还行", &yes, "x")
		wantCode(t, "unknown callback result", err, app.EInvalid)
		_, err = f.Orders.Callback(f.Dispatcher, o.ID, o.Version, "满意", &yes, "x")
		wantCode(t, "callback by a dispatcher", err, app.EForbidden)
		o = must(f.Orders.Callback(f.Operator, o.ID, o.Version, "不满意", &no, "路灯仍不亮"))
		if o.Status != workorder.Accepted || o.Reopens != 1 || !o.DeadlineAt.Equal(f.Schedule.Deadline(f.Clock.T, 5)) {
			t.Fatalf("reopened: %s reopens %d deadline %v", o.Status, o.Reopens, o.DeadlineAt)
		}
		f.Clock.T = at("2022-10-14T09:00:00+08:00")
		o = must(f.Orders.Reply(f.Handler1, o.ID, o.Version, "已更换灯具"))
		o = must(f.Orders.Review(f.Dispatcher, o.ID, o.Version, true, ""))
		o = must(f.Orders.Callback(f.Operator, o.ID, o.Version, "满意", &yes, "已亮"))
		if o.Status != workorder.Closed || o.CallbackResult != "满意" || o.ClosedAt.IsZero() {
			t.Fatalf("closed: %+v", o)
		}
		_, err = f.Orders.Remind(f.Dispatcher, o.ID, o.Version, "")
		wantCode(t, "remind a closed order", err, app.EIllegalTransition)

		evs, err := f.Orders.Events(f.Leader, o.ID)
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, e := range evs {
			actions = append(actions, e.Action)
		}
		want := []string{"create", "dispatch", "accept", "extension", "extension/decide", "reply", "review", "reply", "review", "callback", "reply", "review", "callback"}
		if len(actions) != len(want) {
			t.Fatalf("events %v, want %v", actions, want)
		}
		for i := range want {
			if actions[i] != want[i] {
				t.Fatalf("events %v, want %v", actions, want)
			}
		}
		if evs[1].From != workorder.Received || evs[1].To != workorder.Dispatched || evs[1].Actor != "disp" || evs[1].Data["unit"] != "U001" {
			t.Errorf("dispatch event %+v", evs[1])
		}
	})
}

func TestService_ReturnsAndFinalAssignment(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		must := musts(t)
		o := f.create(t, "求助", at("2022-05-05T09:00:00+08:00"))
		o = must(f.Orders.Dispatch(f.Dispatcher, o.ID, o.Version, workorder.DispatchInput{UnitCode: "U001"}))
		_, err := f.Orders.Return(f.Handler1, o.ID, o.Version, "")
		wantCode(t, "return without a reason", err, app.EInvalid)
		f.Clock.T = at("2022-05-06T09:00:00+08:00")
		o = must(f.Orders.Return(f.Handler1, o.ID, o.Version, "不属于本单位职责"))
		if o.Status != workorder.Received || o.Returns != 1 || o.UnitID != 0 {
			t.Fatalf("returned %+v", o)
		}
		first := o.FirstDispatchedAt
		o = must(f.Orders.Dispatch(f.Dispatcher, o.ID, o.Version, workorder.DispatchInput{UnitCode: "U002"}))
		if !o.FirstDispatchedAt.Equal(first) || !o.DeadlineAt.Equal(f.Schedule.Deadline(f.Clock.T, 9)) {
			t.Fatalf("re-dispatch: first %v (was %v), deadline %v", o.FirstDispatchedAt, first, o.DeadlineAt)
		}
		o = must(f.Orders.Accept(f.Handler2, o.ID, o.Version))
		o = must(f.Orders.Return(f.Handler2, o.ID, o.Version, "也不属于本单位"))
		_, err = f.Orders.Dispatch(f.Dispatcher, o.ID, o.Version, workorder.DispatchInput{UnitCode: "U001"})
		wantCode(t, "third dispatch without final assignment", err, app.EIllegalTransition)
		o = must(f.Orders.Dispatch(f.Dispatcher, o.ID, o.Version, workorder.DispatchInput{UnitCode: "U001", Final: true}))
		_, err = f.Orders.Return(f.Handler1, o.ID, o.Version, "仍不属于")
		wantCode(t, "return a final assignment", err, app.EIllegalTransition)
		_, err = f.Orders.Return(f.Handler2, o.ID, o.Version, "x")
		wantCode(t, "return by another unit", err, app.ENotFound)
	})
}

func TestService_IntakeDuplicateRemindSupervise(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		must := musts(t)
		c := f.create(t, "咨询", at("2022-03-18T10:00:00+08:00"))
		_, err := f.Orders.Resolve(f.Dispatcher, c.ID, c.Version, "可在线办理", 0)
		wantCode(t, "resolve by a dispatcher", err, app.EForbidden)
		kb := f.Article(t, "营业执照可以网上办理吗", "published", time.Time{})
		c = must(f.Orders.Resolve(f.Operator, c.ID, c.Version, "可在政务服务网在线办理", kb))
		if c.Status != workorder.Closed || !c.FirstCallResolved || c.KBArticleID != kb || c.CloseReason != workorder.CloseIntake {
			t.Fatalf("resolved %+v", c)
		}
		comp := f.create(t, "投诉", at("2022-03-18T10:05:00+08:00"))
		_, err = f.Orders.Resolve(f.Operator, comp.ID, comp.Version, "x", 0)
		wantCode(t, "resolve a complaint at intake", err, app.EIllegalTransition)

		// the March policy change: 咨询 received before 2022-03-21 keeps 5 days.
		cons := f.create(t, "咨询", at("2022-03-18T11:00:00+08:00"))
		f.Clock.T = at("2022-03-22T09:00:00+08:00")
		cons = must(f.Orders.Dispatch(f.Dispatcher, cons.ID, cons.Version, workorder.DispatchInput{UnitCode: "U001"}))
		after := f.create(t, "咨询", at("2022-03-21T08:00:00+08:00"))
		f.Clock.T = at("2022-03-22T09:00:00+08:00")
		after = must(f.Orders.Dispatch(f.Dispatcher, after.ID, after.Version, workorder.DispatchInput{UnitCode: "U001"}))
		if cons.LimitDays != 5 || after.LimitDays != 1.5 {
			t.Fatalf("policy by receipt: %v and %v, want 5 and 1.5", cons.LimitDays, after.LimitDays)
		}

		// duplicate of an open order; not of a closed one; not by an operator.
		dup := f.create(t, "投诉", at("2022-03-22T10:00:00+08:00"))
		_, err = f.Orders.MarkDuplicate(f.Operator, dup.ID, dup.Version, comp.No)
		wantCode(t, "duplicate by an operator", err, app.EForbidden)
		_, err = f.Orders.MarkDuplicate(f.Dispatcher, dup.ID, dup.Version, c.No)
		wantCode(t, "duplicate of a closed order", err, app.EInvalid)
		dup = must(f.Orders.MarkDuplicate(f.Dispatcher, dup.ID, dup.Version, comp.No))
		if dup.Status != workorder.Closed || dup.DuplicateOf != comp.ID {
			t.Fatalf("duplicate %+v", dup)
		}

		// remind (dispatcher, leader) and supervise (leader only).
		cons = must(f.Orders.Remind(f.Leader, cons.ID, cons.Version, "请加快"))
		cons = must(f.Orders.Remind(f.Dispatcher, cons.ID, cons.Version, ""))
		_, err = f.Orders.Remind(f.Operator, cons.ID, cons.Version, "")
		wantCode(t, "remind by an operator", err, app.EForbidden)
		_, err = f.Orders.Supervise(f.Dispatcher, cons.ID, cons.Version, "")
		wantCode(t, "supervise by a dispatcher", err, app.EForbidden)
		cons = must(f.Orders.Supervise(f.Leader, cons.ID, cons.Version, "领导督办"))
		_, err = f.Orders.Supervise(f.Leader, cons.ID, cons.Version, "")
		wantCode(t, "supervise twice", err, app.EIllegalTransition)
		if cons.Reminders != 2 || !cons.Supervised {
			t.Fatalf("reminders %d supervised %v", cons.Reminders, cons.Supervised)
		}
		yes := true
		list, total, err := f.Orders.List(f.Leader, workorder.Filter{Supervised: &yes})
		if err != nil || total != 1 || list[0].ID != cons.ID {
			t.Fatalf("supervised list %d %v", total, err)
		}
	})
}

func TestService_ConcurrentCommands(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		must := musts(t)
		o := f.create(t, "投诉", at("2022-09-30T09:00:00+08:00"))
		o = must(f.Orders.Dispatch(f.Dispatcher, o.ID, o.Version, workorder.DispatchInput{UnitCode: "U001"}))
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i := range errs {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				if i == 0 {
					_, errs[i] = f.Orders.Accept(f.Handler1, o.ID, o.Version)
				} else {
					_, errs[i] = f.Orders.Remind(f.Dispatcher, o.ID, o.Version, "快")
				}
			}(i)
		}
		wg.Wait()
		ok, conflicts := 0, 0
		for _, err := range errs {
			switch app.ErrorCode(err) {
			case "":
				ok++
			case app.EConflict:
				conflicts++
			default:
				t.Errorf("unexpected %v", err)
			}
		}
		if ok != 1 || conflicts != 1 {
			t.Fatalf("ok %d conflicts %d: %v", ok, conflicts, errs)
		}
		got, _ := f.Orders.Get(f.Dispatcher, o.ID)
		evs, _ := f.Orders.Events(f.Dispatcher, o.ID)
		if got.Version != o.Version+1 || len(evs) != 3 {
			t.Fatalf("version %d (want %d), %d events", got.Version, o.Version+1, len(evs))
		}
	})
}

func TestService_ScopeMaskingNotices(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		must := musts(t)
		o := f.create(t, "举报", at("2022-09-30T09:00:00+08:00"))
		o = must(f.Orders.Dispatch(f.Dispatcher, o.ID, o.Version, workorder.DispatchInput{UnitCode: "U001"}))
		if _, err := f.Orders.Get(f.Handler2, o.ID); app.ErrorCode(err) != app.ENotFound {
			t.Errorf("another unit's order: %v", err)
		}
		if list, total, _ := f.Orders.List(f.Handler2, workorder.Filter{}); total != 0 || len(list) != 0 {
			t.Errorf("another unit lists %d orders", total)
		}
		if _, total, _ := f.Orders.List(f.Handler1, workorder.Filter{}); total != 1 {
			t.Errorf("own unit lists %d orders", total)
		}
		if g, _ := f.Orders.Get(f.Leader, o.ID); g.CitizenPhone != "138****8000" {
			t.Errorf("leader sees phone %q", g.CitizenPhone)
		}
		if g, _ := f.Orders.Get(f.Operator, o.ID); g.CitizenPhone != "13800138000" {
			t.Errorf("operator sees phone %q", g.CitizenPhone)
		}
		anon, _, err := f.Orders.Create(f.Operator, workorder.NewOrder{Type: "举报", Content: "匿名举报违建", CitizenName: "王五",
			CitizenPhone: "13700137000", Anonymous: true})
		if err != nil {
			t.Fatal(err)
		}
		anon = must(f.Orders.Dispatch(f.Dispatcher, anon.ID, anon.Version, workorder.DispatchInput{UnitCode: "U001"}))
		if g, _ := f.Orders.Get(f.Handler1, anon.ID); g.CitizenName != "匿名" || g.CitizenPhone != "" {
			t.Errorf("the unit sees an anonymous citizen: %q %q", g.CitizenName, g.CitizenPhone)
		}
		if g, _ := f.Orders.Get(f.Operator, anon.ID); g.CitizenPhone != "13700137000" {
			t.Errorf("the operator cannot call back an anonymous citizen: %q", g.CitizenPhone)
		}
		if list, _, _ := f.Orders.List(f.Operator, workorder.Filter{}); list[len(list)-1].CitizenPhone != "138****8000" {
			t.Errorf("list shows phone %q", list[0].CitizenPhone)
		}
		var n int
		db.QueryRow(`SELECT count(*) FROM access_log WHERE action = 'phone_read' AND username = 'op'`).Scan(&n)
		if n != 2 { // the operator's two full reads; the handler's read of the anonymous order is not one
			t.Errorf("access log has %d phone reads, want 2", n)
		}
		// A command's result shows the full phone to the dispatcher: each is a read, logged.
		db.QueryRow(`SELECT count(*) FROM access_log WHERE action = 'phone_read' AND username = 'disp'`).Scan(&n)
		if n != 2 {
			t.Errorf("access log has %d phone reads by the dispatcher's two dispatches, want 2", n)
		}
		// notices: the unit got both dispatches.
		st := &store.Orders{DB: db}
		a, _ := app.ActorFrom(f.Handler1)
		if c, err := st.UnreadNotices(context.Background(), 99, a.UnitID, a.Role); err != nil || c != 2 {
			t.Errorf("unread notices of U001: %d %v", c, err)
		}
		// duplicate hint: same phone, open, within 30 days.
		f.Clock.T = at("2022-10-10T09:00:00+08:00")
		_, hints, err := f.Orders.Create(f.Operator, workorder.NewOrder{Type: "投诉", Content: "别的事情", CitizenPhone: "138 0013 8000"})
		if err != nil || len(hints) != 1 || hints[0].ID != o.ID {
			t.Errorf("duplicate hints %v %v", hints, err)
		}
		_, _, err = f.Orders.Create(f.Operator, workorder.NewOrder{Type: "吐槽", Content: "", CitizenPhone: "12"})
		wantCode(t, "bad create", err, app.EInvalid)
	})
}
