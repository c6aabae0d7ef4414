package workorder_test

import (
	"context"
	"testing"
	"time"

	"govdesk/internal/account"
	"govdesk/internal/app"
	"govdesk/internal/sheet"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
	"govdesk/internal/workday"
	"govdesk/internal/workorder"
)

// impFixture is a database with three member units (one of them no longer active) and
// an importer whose clock stands at 2024-01-01.
type impFixture struct {
	im     *workorder.Importer
	orders *store.Orders
	sched  workday.Schedule
	ctx    context.Context
}

func newImpFixture(t *testing.T, db *store.DB) *impFixture {
	t.Helper()
	ctx := app.WithActor(context.Background(), app.System)
	if _, _, err := (&store.Accounts{DB: db}).UpsertUnits(ctx, []account.Unit{
		{Code: "U001", Name: "市住建局", Active: true}, {Code: "U002", Name: "市水务局", Active: true},
		{Code: "U003", Name: "原市城管局", Active: false},
	}); err != nil {
		t.Fatal(err)
	}
	cal, err := workday.NewCalendar(nil)
	if err != nil {
		t.Fatal(err)
	}
	f := &impFixture{orders: &store.Orders{DB: db}, sched: workday.Schedule{Cal: cal, Clock: workday.WorkHours}, ctx: ctx}
	f.im = &workorder.Importer{Store: f.orders, Policies: &store.Policies{DB: db}, Clock: &app.FixedClock{T: at("2024-01-01T00:00:00+08:00")},
		Schedule: func(context.Context) (workday.Schedule, error) { return f.sched, nil }}
	return f
}

// table builds an order table from rows of column → value, numbered from row 2.
func table(rows ...map[string]string) *sheet.Table {
	t := &sheet.Table{Headers: workorder.OrderColumns}
	for i, r := range rows {
		t.Rows = append(t.Rows, sheet.NewRow(i+2, r))
	}
	return t
}

func (f *impFixture) order(t *testing.T, no string) (workorder.Order, []string) {
	t.Helper()
	o, err := f.orders.FindOrderByNo(f.ctx, no)
	if err != nil {
		t.Fatalf("order %s: %v", no, err)
	}
	evs, err := f.orders.FindEvents(f.ctx, o.ID)
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, e := range evs {
		actions = append(actions, e.Action)
		if e.Actor != workorder.ImportActor && e.Action != workorder.CmdImport {
			t.Errorf("%s: event %s by %q", no, e.Action, e.Actor)
		}
	}
	return o, actions
}

func same(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// row is a minimal valid row with the given changes.
func row(no, typ, received string, kv ...string) map[string]string {
	r := map[string]string{workorder.ColNo: no, workorder.ColType: typ, workorder.ColReceived: received, workorder.ColContent: "路灯不亮，请尽快维修"}
	for i := 0; i+1 < len(kv); i += 2 {
		r[kv[i]] = kv[i+1]
	}
	return r
}

const (
	cUnit, cDisp, cRepl, cReply = workorder.ColUnit, workorder.ColDispatched, workorder.ColReplied, workorder.ColReply
	cClosed, cCB, cRes, cFirst  = workorder.ColClosed, workorder.ColCallback, workorder.ColResolved, workorder.ColFirstCall
)

func TestImporter_FinalStates(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f := newImpFixture(t, db)
		tab := table(
			row("A1", "咨询", "2022-03-18 10:00:00", cReply, "已告知办理地点", cFirst, "是"),
			row("B1", "投诉", "2022-03-18 10:00"),
			row("C1", "咨询", "2022-03-18 09:00:00", cUnit, "U001", cDisp, "2022-03-18 10:00:00"),
			row("D1", "咨询", "2022-03-21 09:00:00", cUnit, "U001", cDisp, "2022-03-21 10:00:00"),
			row("E1", "投诉", "2022-06-01 09:00:00", cUnit, "市水务局", cDisp, "2022-06-01 09:30:00", cRepl, "2022-06-02 15:00:00", cReply, "已修复"),
			row("F1", "求助", "2022-06-01 09:00:00", cUnit, "U001", cDisp, "2022-06-01 09:30:00", cRepl, "2022-06-02 15:00:00",
				cReply, "已修复", cCB, "满意", cRes, "是", cClosed, "2022-06-03 10:00:00"),
			row("G1", "投诉", "2022-06-01 09:00:00", cUnit, "U001", cDisp, "2022-06-01 09:30:00", cRepl, "2022-06-02 15:00:00",
				cReply, "已答复", cCB, "不满意", cRes, "否"),
			row("H1", "建议", "2022-06-01 09:00:00", cUnit, "U002", cDisp, "2022-06-01 09:30:00", cClosed, "2022-06-05 09:00:00"),
			row("I1", "投诉", "2022-06-01 09:00:00", cUnit, "市住建局", workorder.ColUrgency, "紧急"),
			row("J1", "咨询", "44641.5", cUnit, "U003", cDisp, "2022/3/21 13:05:07", cRepl, "2022-03-21 14:00:00", cCB, "无法回访",
				cClosed, "2022年3月22日"),
		)
		sum, bad, err := f.im.Import(f.ctx, tab, false)
		if err != nil || len(bad) > 0 || sum.Imported != 10 || sum.Updated != 0 || sum.Skipped != 0 {
			t.Fatalf("import: %+v %v %v", sum, bad, err)
		}
		check := func(no string, status workorder.Status, events ...string) workorder.Order {
			t.Helper()
			o, actions := f.order(t, no)
			if o.Status != status || !same(actions, events) {
				t.Errorf("%s: status %s events %v, want %s %v", no, o.Status, actions, status, events)
			}
			return o
		}
		shanghai := func(s string) time.Time { return at(s) }

		o := check("A1", workorder.Closed, "create", "resolve")
		if !o.FirstCallResolved || o.CloseReason != workorder.CloseIntake || !o.RepliedAt.Equal(shanghai("2022-03-18T10:00:00+08:00")) ||
			!o.ClosedAt.Equal(o.RepliedAt) || o.ReplyText != "已告知办理地点" || o.UnitID != 0 {
			t.Errorf("A1 %+v", o)
		}
		check("B1", workorder.Received, "create")

		// The 2022-03-21 policy change: a 咨询 received on the 18th has 5 working days, on the 21st 1.5.
		o = check("C1", workorder.Dispatched, "create", "dispatch")
		if want := f.sched.Deadline(shanghai("2022-03-18T10:00:00+08:00"), 5); o.LimitDays != 5 || !o.DeadlineAt.Equal(want) || o.UnitCode != "U001" {
			t.Errorf("C1 limit %v deadline %v, want 5 and %v", o.LimitDays, o.DeadlineAt, want)
		}
		o = check("D1", workorder.Dispatched, "create", "dispatch")
		if want := f.sched.Deadline(shanghai("2022-03-21T10:00:00+08:00"), 1.5); o.LimitDays != 1.5 || !o.DeadlineAt.Equal(want) {
			t.Errorf("D1 limit %v deadline %v, want 1.5 and %v", o.LimitDays, o.DeadlineAt, want)
		}
		if want := f.sched.DeadlineHours(shanghai("2022-03-21T10:00:00+08:00"), 2); !o.SignDeadlineAt.Equal(want) {
			t.Errorf("D1 sign-for deadline %v, want %v", o.SignDeadlineAt, want)
		}

		o = check("E1", workorder.Callback, "create", "dispatch", "reply", "review")
		if !o.ReplyApproved || o.UnitCode != "U002" || o.LimitDays != 9 || !o.RepliedAt.Equal(shanghai("2022-06-02T15:00:00+08:00")) {
			t.Errorf("E1 %+v", o)
		}
		o = check("F1", workorder.Closed, "create", "dispatch", "reply", "review", "callback")
		if o.CallbackResult != "满意" || !o.CallbackResolved || o.CloseReason != workorder.CloseCallback ||
			!o.ClosedAt.Equal(shanghai("2022-06-03T10:00:00+08:00")) {
			t.Errorf("F1 %+v", o)
		}
		o = check("G1", workorder.Accepted, "create", "dispatch", "reply", "review", "callback")
		if want := f.sched.Deadline(shanghai("2022-06-02T15:00:00+08:00"), 5); o.Reopens != 1 || !o.DeadlineAt.Equal(want) ||
			!o.RepliedAt.IsZero() || o.CallbackResult != "不满意" || o.FirstDispatchedAt.IsZero() {
			t.Errorf("G1 reopened: %+v", o)
		}
		o = check("H1", workorder.Closed, "create", "dispatch", "import")
		if o.CloseReason != workorder.CloseImport || o.ReplyApproved {
			t.Errorf("H1 %+v", o)
		}
		o = check("I1", workorder.Dispatched, "create", "dispatch")
		if !o.DispatchedAt.Equal(o.ReceivedAt) || o.LimitDays != 1 || !o.Urgent {
			t.Errorf("I1 (dispatch time taken from receipt, urgent): %+v", o)
		}
		o = check("J1", workorder.Closed, "create", "dispatch", "reply", "review", "callback")
		if !o.ReceivedAt.Equal(shanghai("2022-03-21T12:00:00+08:00")) || !o.DispatchedAt.Equal(shanghai("2022-03-21T13:05:07+08:00")) ||
			o.LimitDays != 1.5 || o.CloseReason != workorder.CloseNoContact || !o.ClosedAt.Equal(shanghai("2022-03-22T00:00:00+08:00")) {
			t.Errorf("J1 (serial and other time forms, inactive unit on a closed order): %+v", o)
		}

		evs, _ := f.orders.FindEvents(f.ctx, o.ID)
		if e := evs[1]; e.Data["unit"] != "U003" || e.Data["limit_days"] != "1.5" || !e.At.Equal(o.DispatchedAt) || e.From != workorder.Received {
			t.Errorf("J1 dispatch event %+v", e)
		}
		if e := evs[4]; e.Data["result"] != "无法回访" || !e.At.Equal(o.ClosedAt) || e.To != workorder.Closed {
			t.Errorf("J1 callback event %+v", e)
		}
	})
}
