package workorder_test

import (
	"testing"

	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
	"govdesk/internal/workorder"
)

// Every kind of notice the workflow raises has its Chinese label: an order taken
// through every command that notifies, and the deadline scan past its sign-for
// limit and its deadline, leaves no notice whose kind the pages would show raw.
func TestNoticeKinds_EveryRaisedKindNamed(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		must := musts(t)
		f.Clock.T = at("2022-09-30T09:00:00+08:00")
		o, _, err := f.Orders.Create(f.Operator, workorder.NewOrder{Type: "投诉", Title: "工地夜间施工", Content: "工地夜间施工扰民，多户居民联名反映",
			CitizenPhone: "13800138000", Sensitive: []string{"群体诉求"}})
		if err != nil {
			t.Fatal(err)
		}
		o = must(f.Orders.Dispatch(f.Dispatcher, o.ID, o.Version, workorder.DispatchInput{UnitCode: "U001", CoUnits: []string{"U002"}}))
		o = must(f.Orders.Return(f.Handler1, o.ID, o.Version, "不属于本单位职责"))
		o = must(f.Orders.Dispatch(f.Dispatcher, o.ID, o.Version, workorder.DispatchInput{UnitCode: "U001"}))
		f.Clock.T = at("2022-10-12T09:00:00+08:00") // past the sign-for limit, not yet signed
		if _, err := f.Orders.RaiseDeadlineNotices(f.System); err != nil {
			t.Fatal(err)
		}
		o = must(f.Orders.Accept(f.Handler1, o.ID, o.Version))
		o = must(f.Orders.RequestExtension(f.Handler1, o.ID, o.Version, 1, "需现场核实"))
		o = must(f.Orders.DecideExtension(f.Dispatcher, o.ID, o.Version, true, "同意"))
		o = must(f.Orders.Remind(f.Dispatcher, o.ID, o.Version, "请加快办理"))
		o = must(f.Orders.Supervise(f.Leader, o.ID, o.Version, "重点督办"))
		o = must(f.Orders.Reply(f.Handler1, o.ID, o.Version, "已责令停工"))
		o = must(f.Orders.Review(f.Dispatcher, o.ID, o.Version, false, "答复过简"))
		o = must(f.Orders.Reply(f.Handler1, o.ID, o.Version, "已责令夜间停工并处罚款"))
		o = must(f.Orders.Review(f.Dispatcher, o.ID, o.Version, true, ""))
		no := false
		o = must(f.Orders.Callback(f.Operator, o.ID, o.Version, workorder.Unsatisfied, &no, "仍有夜间施工"))
		f.Clock.T = at("2022-12-30T09:00:00+08:00") // the reopened order far past its new deadline
		if _, err := f.Orders.RaiseDeadlineNotices(f.System); err != nil {
			t.Fatal(err)
		}
		rows, err := db.QueryContext(f.System, `SELECT DISTINCT kind FROM notices`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		seen := map[string]bool{}
		for rows.Next() {
			var k string
			if err := rows.Scan(&k); err != nil {
				t.Fatal(err)
			}
			seen[k] = true
			if workorder.NoticeKindNames[k] == "" {
				t.Errorf("notice kind %q has no Chinese label", k)
			}
		}
		for _, k := range []string{workorder.NoticeSignLate, workorder.NoticeOverdue, workorder.NoticeReopen, workorder.NoticeSensitive} {
			if !seen[k] {
				t.Errorf("the run raised no %q notice, so it checks less than it says (raised: %v)", k, seen)
			}
		}
		if got := workorder.NoticeKindName("something-new"); got != "通知" {
			t.Errorf("an unknown kind is labelled %q", got)
		}
	})
}
