package store_test

import (
	"context"
	"testing"

	"govdesk/internal/app"
	"govdesk/internal/evaluation"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

func TestEvaluations_RectificationWorkflow(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		c := storetest.NewCentre(t, db, storetest.At("2022-09-30T15:00:00+08:00"))
		svc := &evaluation.Service{Store: &store.Evaluations{DB: db}, Clock: c.Clock, Schedule: c.ScheduleFunc, Policy: evaluation.DefaultPolicy}
		good, err := svc.Submit(c.Staff, evaluation.Evaluation{Channel: "网上", TargetKind: "事项", Target: "I001", UnitCode: "U001", Score: 5})
		if err != nil || good.Rect != nil {
			t.Fatalf("good = %+v, %v", good, err)
		}
		if _, err := svc.Submit(c.Staff, evaluation.Evaluation{Channel: "网上", TargetKind: "窗口", Target: "1号窗口", Score: 2}); app.ErrorCode(err) != app.EInvalid {
			t.Errorf("差评 without a unit: %v", err)
		}
		bad, err := svc.Submit(c.Staff, evaluation.Evaluation{No: "PJ-1", Channel: "窗口评价器", TargetKind: "窗口", Target: "1号窗口",
			UnitCode: "市住建局", Score: 1, Contact: "13800138000"})
		if err != nil || bad.Rect == nil || bad.UnitCode != "U001" || bad.Contact != "13800138000" {
			t.Fatalf("bad = %+v, %v", bad, err)
		}
		if !bad.Rect.VerifyDeadline.Equal(storetest.At("2022-10-09T00:00:00+08:00")) || !bad.Rect.RectifyDeadline.Equal(storetest.At("2022-10-27T00:00:00+08:00")) {
			t.Errorf("deadlines %v %v", bad.Rect.VerifyDeadline, bad.Rect.RectifyDeadline)
		}
		if _, err := svc.Submit(c.Staff, evaluation.Evaluation{No: "PJ-1", Channel: "网上", TargetKind: "窗口", Target: "x", Score: 4}); app.ErrorCode(err) != app.EConflict {
			t.Errorf("duplicate number: %v", err)
		}

		// Another unit's handler neither sees nor touches it.
		if _, err := svc.Verify(c.Handler2, bad.ID, 0, "属实", "已联系"); app.ErrorCode(err) != app.ENotFound {
			t.Errorf("other unit verify: %v", err)
		}
		if list, err := svc.Evaluations(c.Handler2, evaluation.Filter{To: storetest.At("2030-01-01T00:00:00Z")}); err != nil || len(list) != 0 {
			t.Errorf("other unit list: %d %v", len(list), err)
		}
		// The scheduler flags it once the verify deadline passes.
		c.Clock.T = storetest.At("2022-10-09T08:00:00+08:00")
		if n, err := svc.FlagOverdue(c.System); err != nil || n != 1 {
			t.Errorf("flag = %d, %v", n, err)
		}
		if n, _ := svc.FlagOverdue(c.System); n != 0 {
			t.Errorf("flagged twice: %d", n)
		}
		// The centre's staff does not do the unit's steps.
		if _, err := svc.Verify(c.Staff, bad.ID, 0, "属实", "已联系"); app.ErrorCode(err) != app.EForbidden {
			t.Errorf("staff verifies: %v", err)
		}
		if _, err := svc.Verify(c.Handler1, bad.ID, 2, "属实", "已联系"); app.ErrorCode(err) != app.EConflict {
			t.Errorf("a version from the future: %v", err)
		}
		got, err := svc.Verify(c.Handler1, bad.ID, 1, "属实", "已电话联系评价人，情况属实")
		if err != nil || got.Rect.Version != 2 {
			t.Fatal(err, got.Rect)
		}
		c.Clock.T = storetest.At("2022-10-20T10:00:00+08:00")
		if _, err := svc.Rectify(c.Handler1, bad.ID, 1, "增开窗口", "已回访"); app.ErrorCode(err) != app.EConflict {
			t.Errorf("stale version: %v", err)
		}
		if _, err := svc.Rectify(c.Staff, bad.ID, 2, "增开窗口", "已回访"); app.ErrorCode(err) != app.EForbidden {
			t.Errorf("staff rectifies the unit's rectification: %v", err)
		}
		if _, err := svc.Rectify(c.Handler1, bad.ID, 2, "增开窗口", "已回访"); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Close(c.Handler1, bad.ID, 0); app.ErrorCode(err) != app.EForbidden {
			t.Errorf("unit closes: %v", err)
		}
		if _, err := svc.Close(c.Staff, bad.ID, 3); err != nil {
			t.Fatal(err)
		}
		// Every step's record is kept: the 核实 note is not overwritten by the 整改 step.
		got, err = svc.Evaluation(c.Handler1, bad.ID)
		r := got.Rect
		if err != nil || r.Status() != "已办结" || !r.OnTime() || r.ClosedBy != "staff" || r.Action != "增开窗口" || r.Feedback != "已回访" ||
			r.VerifyNote != "已电话联系评价人，情况属实" || r.Verification != "属实" || r.VerifiedBy != "h1" || r.RectifiedBy != "h1" ||
			!r.VerifiedAt.Equal(storetest.At("2022-10-09T08:00:00+08:00")) || r.Version != 4 {
			t.Errorf("closed = %+v, %v", r, err)
		}
		if _, err := svc.Close(c.Staff, good.ID, 0); app.ErrorCode(err) != app.EIllegalTransition {
			t.Errorf("close a 好评: %v", err)
		}
		open, _ := svc.Evaluations(c.Staff, evaluation.Filter{To: storetest.At("2030-01-01T00:00:00Z"), OpenOnly: true})
		if len(open) != 0 {
			t.Errorf("open after close: %d", len(open))
		}
	})
}

// A rectification verified before the steps had their own records kept the 核实 note
// in feedback: the migration moves it to its own column, where 整改 cannot overwrite it.
func TestMigration_VerifyNoteOfOpenRectifications(t *testing.T) {
	storetest.RunDSN(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		db := openAtVersion(t, dsn, 17)
		for _, q := range []string{
			`INSERT INTO evaluations (id, no, evaluated_at, channel, target_kind, target, level) VALUES
			 (1, 'PJ1', '2022-09-30 07:00:00', '网上', '窗口', '1号窗口', 1), (2, 'PJ2', '2022-09-30 07:00:00', '网上', '窗口', '1号窗口', 1)`,
			`INSERT INTO rectifications (evaluation_id, opened_at, verify_deadline, rectify_deadline, verified_at, verification, feedback)
			 VALUES (1, '2022-09-30 07:00:00', '2022-10-08 16:00:00', '2022-10-26 16:00:00', '2022-10-08 01:00:00', '属实', '已电话联系')`,
			`INSERT INTO rectifications (evaluation_id, opened_at, verify_deadline, rectify_deadline, verified_at, verification, action,
			 feedback, rectified_at) VALUES (2, '2022-09-30 07:00:00', '2022-10-08 16:00:00', '2022-10-26 16:00:00', '2022-10-08 01:00:00',
			 '属实', '增开窗口', '已回访', '2022-10-09 01:00:00')`,
		} {
			if _, err := db.ExecContext(ctx, q); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := db.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		s := &store.Evaluations{DB: db}
		if ev, err := s.FindEvaluation(ctx, 1); err != nil || ev.Rect.VerifyNote != "已电话联系" || ev.Rect.Feedback != "" || ev.Rect.Version != 1 {
			t.Errorf("verified, not rectified: %+v %v", ev.Rect, err)
		}
		if ev, err := s.FindEvaluation(ctx, 2); err != nil || ev.Rect.VerifyNote != "" || ev.Rect.Feedback != "已回访" {
			t.Errorf("rectified: %+v %v", ev.Rect, err)
		}
	})
}

// A zero bound of the filter is open: no caller has to invent a far date.
func TestEvaluations_OpenEndedFilter(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		c := storetest.NewCentre(t, db, storetest.At("2022-09-30T15:00:00+08:00"))
		svc := &evaluation.Service{Store: &store.Evaluations{DB: db}, Clock: c.Clock, Schedule: c.ScheduleFunc, Policy: evaluation.DefaultPolicy}
		for _, score := range []int{5, 1} {
			if _, err := svc.Submit(c.Staff, evaluation.Evaluation{Channel: "网上", TargetKind: "事项", Target: "I001", UnitCode: "U001", Score: score}); err != nil {
				t.Fatal(err)
			}
		}
		for _, tc := range []struct {
			f    evaluation.Filter
			want int
		}{
			{evaluation.Filter{}, 2},
			{evaluation.Filter{BadOnly: true, OpenOnly: true}, 1},
			{evaluation.Filter{From: storetest.At("2022-09-30T00:00:00+08:00")}, 2},
			{evaluation.Filter{From: storetest.At("2022-10-01T00:00:00+08:00")}, 0},
			{evaluation.Filter{To: storetest.At("2022-09-30T00:00:00+08:00")}, 0},
		} {
			if list, err := svc.Evaluations(c.Staff, tc.f); err != nil || len(list) != tc.want {
				t.Errorf("%+v: %d evaluations, %v; want %d", tc.f, len(list), err, tc.want)
			}
		}
	})
}
