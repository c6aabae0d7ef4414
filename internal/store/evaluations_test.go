package store_test

import (
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
		if err := svc.Verify(c.Handler2, bad.ID, "属实", ""); app.ErrorCode(err) != app.ENotFound {
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
		if err := svc.Verify(c.Handler1, bad.ID, "属实", "已联系"); err != nil {
			t.Fatal(err)
		}
		c.Clock.T = storetest.At("2022-10-20T10:00:00+08:00")
		if err := svc.Rectify(c.Handler1, bad.ID, "增开窗口", "已回访"); err != nil {
			t.Fatal(err)
		}
		if err := svc.Close(c.Handler1, bad.ID); app.ErrorCode(err) != app.EForbidden {
			t.Errorf("unit closes: %v", err)
		}
		if err := svc.Close(c.Staff, bad.ID); err != nil {
			t.Fatal(err)
		}
		got, err := svc.Evaluation(c.Handler1, bad.ID)
		if err != nil || got.Rect.Status() != "已办结" || !got.Rect.OnTime() || got.Rect.ClosedBy != "staff" || got.Rect.Action != "增开窗口" {
			t.Errorf("closed = %+v, %v", got.Rect, err)
		}
		if err := svc.Close(c.Staff, good.ID); app.ErrorCode(err) != app.EIllegalTransition {
			t.Errorf("close a 好评: %v", err)
		}
		open, _ := svc.Evaluations(c.Staff, evaluation.Filter{To: storetest.At("2030-01-01T00:00:00Z"), OpenOnly: true})
		if len(open) != 0 {
			t.Errorf("open after close: %d", len(open))
		}
	})
}
