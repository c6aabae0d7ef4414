package store_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/project"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

// projectService is the project service over db with a fixed clock, acting as the centre's staff.
func projectService(db *store.DB, now time.Time) (*project.Service, *app.FixedClock, context.Context) {
	clock := &app.FixedClock{T: now}
	ctx := app.WithActor(context.Background(), app.Actor{Username: "staff", Name: "中心工作人员小陈", Role: app.RoleStaff})
	return &project.Service{Store: store.NewProjectStore(db), Clock: clock}, clock, ctx
}

func TestProjectPassAndLedger(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		svc, clock, ctx := projectService(db, storetest.At("2026-09-30T02:00:00Z"))
		ps := &store.ProjectRecords{DB: db}
		p := project.Project{Code: "XM-001", Name: "标准厂房", Enterprise: "甲公司", Contact: "张三", Agent: "agent1",
			Stages: []project.Stage{{Name: "施工许可", LimitDays: 10}, {Name: "竣工验收", LimitDays: 20}}}
		if err := svc.Create(ctx, &p); err != nil {
			t.Fatal(err)
		}
		if err := svc.Create(ctx, &project.Project{Code: "XM-001", Name: "重复", Enterprise: "乙"}); app.ErrorCode(err) != app.EConflict {
			t.Errorf("duplicate code: %v", err)
		}
		if err := svc.Note(ctx, "XM-001", "联系", "电话联系张三，告知所需材料"); err != nil {
			t.Fatal(err)
		}
		got, err := ps.Project(ctx, "XM-001")
		if err != nil || got.Version != 1 || !got.Stages[0].Started.Equal(storetest.At("2026-09-30T02:00:00Z")) {
			t.Fatalf("created: %v %+v", err, got)
		}
		clock.T = storetest.At("2026-10-10T08:00:00Z")
		if _, _, err := svc.Pass(ctx, "XM-001", 2); app.ErrorCode(err) != app.EConflict || !strings.Contains(err.Error(), "已被他人修改，请刷新后重试") {
			t.Errorf("a version from the future: %v", err)
		}
		after, e, err := svc.Pass(ctx, "XM-001", 1)
		if err != nil || after.Version != 2 || e.Note != "“施工许可”阶段办结，转入“竣工验收”阶段" {
			t.Fatalf("pass: %v %+v %+v", err, after, e)
		}
		// The page still showing version 1 is refused, and nothing is written.
		if _, _, err := svc.Pass(ctx, "XM-001", 1); app.ErrorCode(err) != app.EConflict {
			t.Errorf("stale version: %v", err)
		}
		got, err = ps.Project(ctx, "XM-001")
		if err != nil || got.Current() != 1 || got.Version != 2 || !got.Stages[1].Started.Equal(storetest.At("2026-10-10T08:00:00Z")) ||
			got.Stages[0].Finished.Location() != app.Shanghai {
			t.Fatalf("after pass: %v %+v", err, got)
		}
		clock.T = storetest.At("2026-10-20T08:00:00Z")
		if _, e, err := svc.Pass(ctx, "XM-001", 2); err != nil || e.Kind != "办结" || strings.Contains(e.Note, "转入") {
			t.Fatalf("last pass: %v %+v", err, e)
		}
		if _, _, err := svc.Pass(ctx, "XM-001", 0); app.ErrorCode(err) != app.EIllegalTransition {
			t.Errorf("pass a finished project: %v", err)
		}
		led, err := ps.Ledger(ctx, p.ID)
		if err != nil || len(led) != 3 || led[1].Kind != "交接" || led[2].Kind != "办结" || led[2].Actor != "中心工作人员小陈" ||
			!strings.Contains(led[2].Note, "项目全部阶段办结") {
			t.Fatalf("ledger: %v %+v", err, led)
		}
		if _, err := ps.Project(ctx, "NOPE"); app.ErrorCode(err) != app.ENotFound {
			t.Errorf("unknown project: %v", err)
		}
		if _, _, err := svc.Pass(ctx, "NOPE", 0); app.ErrorCode(err) != app.ENotFound {
			t.Errorf("pass an unknown project: %v", err)
		}
	})
}

// seedAward stores the policy of the reported payout (a fixed award of 10 万元) and a
// capped one (最高 100 万元), both needing two materials.
func seedAward(t *testing.T, db *store.DB) {
	t.Helper()
	mats := []string{"营业执照", "申请表"}
	if _, _, err := store.NewProjectStore(db).UpsertPolicies(context.Background(), []project.Policy{
		{Code: "ZC01", Name: "新增规模以上工业企业奖励", Department: "工信局", Amount: "一次性奖励 10 万元", Materials: mats, Channels: []string{"线上", "线下"}},
		{Code: "ZC02", Name: "技术改造奖补", Department: "工信局", Amount: "按设备投资额的 5% 奖补，最高 100 万元", Materials: mats},
		{Code: "ZC03", Name: "稳岗补贴", Department: "人社局", Amount: "每人 3000 元", LimitFen: 30000_00, Materials: mats},
	}); err != nil {
		t.Fatal(err)
	}
}

func TestApplicationsRefusedApprovedAndPaid(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		seedAward(t, db)
		svc, clock, ctx := projectService(db, time.Date(2026, 10, 9, 9, 0, 0, 0, app.Shanghai))
		s := store.NewProjectStore(db)
		mats := []string{"营业执照", "申请表"}
		for _, c := range []struct {
			a    project.Application
			want string
		}{
			{project.Application{No: "A0", PolicyCode: "ZC99", Applicant: "甲"}, "政策编码“ZC99”不存在"},
			{project.Application{No: "A0", PolicyCode: "ZC01", Applicant: "甲", Materials: []string{"申请表"}}, "缺少必需材料：营业执照"},
			{project.Application{No: "A0", PolicyCode: "ZC01", Applicant: "甲", AmountFen: -100, Materials: mats}, "申请金额不能为负数"},
			{project.Application{No: "A0", PolicyCode: "ZC01", Applicant: "甲", AmountFen: 400282_00, Materials: mats},
				"申请金额 400282.00 元超过政策“新增规模以上工业企业奖励”的扶持上限 100000.00 元"},
		} {
			if err := svc.Submit(ctx, &c.a); app.ErrorCode(err) != app.EInvalid || !strings.Contains(err.Error(), c.want) {
				t.Errorf("%s: %v", c.want, err)
			}
		}
		if as, err := s.Applications(ctx); err != nil || len(as) != 0 {
			t.Fatalf("refused applications stored: %v %+v", err, as)
		}
		a := project.Application{No: "A1", PolicyCode: "ZC02", Applicant: "甲", AmountFen: 400282_00, Materials: mats}
		if err := svc.Submit(ctx, &a); err != nil || a.Version != 1 {
			t.Fatal(err, a.Version)
		}
		clock.T = clock.T.Add(24 * time.Hour)
		if _, err := svc.Decide(ctx, "A1", 1, project.Decision{Approve: true, AmountFen: 500000_00}); app.ErrorCode(err) != app.EInvalid {
			t.Errorf("approved more than applied: %v", err)
		}
		got, err := svc.Decide(ctx, "A1", 1, project.Decision{Approve: true})
		if err != nil || got.Status != project.Approved || got.ApprovedFen != 400282_00 || got.Version != 2 || got.DecidedBy != "中心工作人员小陈" {
			t.Fatalf("approve: %v %+v", err, got)
		}
		// The reported payout: 5 000 000 元 on an application approved at 400 282 元.
		clock.T = clock.T.Add(24 * time.Hour)
		if _, err := svc.Pay(ctx, "A1", 2, 5000000_00); app.ErrorCode(err) != app.EInvalid || !strings.Contains(err.Error(), "超过核定金额 400282.00 元") {
			t.Errorf("5 000 000 元 paid: %v", err)
		}
		if _, err := svc.Pay(ctx, "A1", 1, 400282_00); app.ErrorCode(err) != app.EConflict {
			t.Errorf("stale version: %v", err)
		}
		got, err = svc.Pay(ctx, "A1", 2, 400282_00)
		if err != nil || got.Status != project.Paid || got.PaidFen != 400282_00 || got.Version != 3 {
			t.Fatalf("pay: %v %+v", err, got)
		}
		if _, err := svc.Pay(ctx, "A1", 3, 1_00); app.ErrorCode(err) != app.EIllegalTransition {
			t.Errorf("paid twice: %v", err)
		}
		got, err = s.Application(ctx, "A1")
		if err != nil || got.Status != project.Paid || got.PaidFen != 400282_00 || got.ApprovedFen != 400282_00 || got.PolicyCode != "ZC02" ||
			len(got.Materials) != 2 || got.PaidBy != "中心工作人员小陈" || got.Version != 3 {
			t.Fatalf("stored: %v %+v", err, got)
		}
		pols, err := s.Policies(ctx)
		if err != nil || len(pols) != 3 || pols[0].Limit() != 10_0000_00 || pols[2].LimitFen != 30000_00 || len(pols[0].Channels) != 2 {
			t.Fatalf("policies: %v %+v", err, pols)
		}
	})
}

// Two (here eight) payments of one application at the same moment: exactly one is
// paid; the others find the version moved (conflict) or, without a version, the
// application already paid (illegal_transition).
func TestApplications_ConcurrentPayments(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		seedAward(t, db)
		svc, _, ctx := projectService(db, time.Date(2026, 10, 9, 9, 0, 0, 0, app.Shanghai))
		for _, c := range []struct {
			no      string
			version int
			loser   string
		}{{"B1", 2, app.EConflict}, {"B2", 0, app.EIllegalTransition}} {
			a := project.Application{No: c.no, PolicyCode: "ZC01", Applicant: "甲", AmountFen: 10_0000_00, Materials: []string{"营业执照", "申请表"}}
			if err := svc.Submit(ctx, &a); err != nil {
				t.Fatal(err)
			}
			if _, err := svc.Decide(ctx, c.no, 1, project.Decision{Approve: true}); err != nil {
				t.Fatal(err)
			}
			const n = 8
			errs := make([]error, n)
			var start, done sync.WaitGroup
			start.Add(1)
			for i := range n {
				done.Add(1)
				go func() {
					defer done.Done()
					start.Wait()
					_, errs[i] = svc.Pay(ctx, c.no, c.version, 10_0000_00)
				}()
			}
			start.Done()
			done.Wait()
			paid := 0
			for _, err := range errs {
				switch app.ErrorCode(err) {
				case "":
					paid++
				case c.loser:
				default:
					t.Errorf("%s: unexpected %v", c.no, err)
				}
			}
			got, err := store.NewProjectStore(db).Application(ctx, c.no)
			if paid != 1 || err != nil || got.PaidFen != 10_0000_00 || got.Version != 3 {
				t.Errorf("%s (version %d): %d payments succeeded, stored %+v %v", c.no, c.version, paid, got, err)
			}
		}
	})
}

// Applications decided before versions and approved amounts existed keep what was
// paid, or else what was applied for, as their approved amount.
func TestMigration_ApprovedAmountOfOldApplications(t *testing.T) {
	storetest.RunDSN(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		db := openAtVersion(t, dsn, 16)
		for _, q := range []string{
			`INSERT INTO policies (id, code, name, department, created_at) VALUES (1, 'ZC01', '奖励', '工信局', '2022-01-01 00:00:00')`,
			`INSERT INTO policy_applications (no, policy_id, applicant, amount_fen, status, submitted_at, paid_fen)
			 VALUES ('A1', 1, '甲', 5000, 'approved', '2022-01-02 00:00:00', 0), ('A2', 1, '乙', 9000, 'paid', '2022-01-02 00:00:00', 8000),
			 ('A3', 1, '丙', 7000, 'submitted', '2022-01-02 00:00:00', 0)`,
		} {
			if _, err := db.ExecContext(ctx, q); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := db.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		s := store.NewProjectStore(db)
		for no, want := range map[string]int64{"A1": 5000, "A2": 8000, "A3": 0} {
			if a, err := s.Application(ctx, no); err != nil || a.ApprovedFen != want || a.Version != 1 {
				t.Errorf("%s: approved %d version %d (%v), want %d", no, a.ApprovedFen, a.Version, err, want)
			}
		}
	})
}
