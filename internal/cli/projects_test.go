package cli

import (
	"context"
	"strings"
	"testing"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/project"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

func sh(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, app.Shanghai)
	if err != nil {
		panic(err)
	}
	return t
}

// projectFixture stores the hand-computed fixture of docs/projects.md.
func projectFixture(t *testing.T, dsn string) {
	ctx := context.Background()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	ps := &store.ProjectRecords{DB: db}
	for _, p := range []project.Project{
		{Code: "P1", Name: "标准厂房", Enterprise: "甲公司", CreatedAt: sh("2026-09-01 09:00"), Stages: []project.Stage{
			{Name: "立项用地规划许可", LimitDays: 3, Started: sh("2026-09-30 10:00"), Finished: sh("2026-10-10 16:00")},
			{Name: "工程建设许可", LimitDays: 5, Started: sh("2026-10-10 16:00"), Finished: sh("2026-10-20 09:00")},
			{Name: "施工许可", LimitDays: 10, Started: sh("2026-10-20 09:00")}, {Name: "竣工验收", LimitDays: 20}}},
		{Code: "P2", Name: "仓库", Enterprise: "乙公司", CreatedAt: sh("2026-08-01 09:00"), Stages: []project.Stage{
			{Name: "竣工验收", LimitDays: 10, Started: sh("2026-08-03 09:00"), Finished: sh("2026-08-20 09:00")}}},
		{Code: "P3", Name: "办公楼", Enterprise: "丙公司", CreatedAt: sh("2026-11-05 09:00")},
		{Code: "P4", Name: "车间扩建", Enterprise: "丁公司", CreatedAt: sh("2026-10-15 09:00"), Stages: []project.Stage{
			{Name: "施工许可", LimitDays: 2, Started: sh("2026-10-15 09:00"), Finished: sh("2026-10-16 17:00")}}},
	} {
		if _, err := ps.CreateProject(ctx, &p); err != nil {
			t.Fatal(err)
		}
	}
	pol := &store.SupportPolicies{DB: db}
	mats := []string{"营业执照", "申请表"}
	if _, _, err := pol.UpsertPolicies(ctx, []project.Policy{
		{Code: "ZC01", Name: "工业企业技改补助", Department: "工信局", Materials: mats, CreatedAt: sh("2026-09-01 09:00")},
		{Code: "ZC02", Name: "稳岗补贴", Department: "人社局", CreatedAt: sh("2026-10-20 09:00")},
		{Code: "ZC03", Name: "首贷贴息", Department: "金融办", CreatedAt: sh("2026-11-02 09:00")},
	}); err != nil {
		t.Fatal(err)
	}
	clock := &app.FixedClock{}
	svc := &project.Service{Store: store.NewProjectStore(db), Clock: clock}
	ctx = app.WithActor(ctx, app.System)
	for _, a := range []struct {
		no, policy, submitted, decided string
		approve                        bool
		paidFen                        int64
		paid                           string
	}{
		{"A1", "ZC01", "2026-09-28 09:00", "2026-09-30 09:00", true, 100000, "2026-10-09 10:00"},
		{"A2", "ZC01", "2026-10-08 09:00", "2026-10-12 10:00", true, 1234567, "2026-10-13 10:00"},
		{"A3", "ZC01", "2026-10-09 14:00", "2026-10-10 09:00", false, 0, ""},
		{"A4", "ZC02", "2026-10-21 09:00", "", false, 0, ""},
		{"A5", "ZC02", "2026-10-30 09:00", "2026-11-02 09:00", true, 50000, "2026-11-03 09:00"},
	} {
		clock.T = sh(a.submitted)
		ap := project.Application{No: a.no, PolicyCode: a.policy, Applicant: "申请人" + a.no, Materials: mats, AmountFen: a.paidFen}
		if err := svc.Submit(ctx, &ap); err != nil {
			t.Fatal(err)
		}
		if a.decided != "" {
			clock.T = sh(a.decided)
			if _, err := svc.Decide(ctx, a.no, 0, project.Decision{Approve: a.approve, Reason: "材料不符合申报条件"}); err != nil {
				t.Fatal(err)
			}
		}
		if a.paid != "" {
			clock.T = sh(a.paid)
			if _, err := svc.Pay(ctx, a.no, 0, a.paidFen); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func TestStatsProjectsAndPolicies(t *testing.T) {
	storetest.RunDSN(t, func(t *testing.T, dsn string) {
		projectFixture(t, dsn)
		env := map[string]string{"GOVDESK_DB": dsn}
		for _, c := range []struct{ cmd, want string }{
			{"projects", `{"projects":2,"stages_finished":3,"stages_on_time":2,"on_time_rate":66.67,"avg_stage_workdays":3.67}`},
			{"policies", `{"policies":2,"applications":4,"approved":2,"rejected":1,"amount_paid":13345.67,"avg_workdays":1.67}`},
		} {
			code, out, errs := run(t, env, "stats", c.cmd, "--from", "2026-10-01", "--to", "2026-10-31", "--format", "json")
			if code != 0 || out != c.want+"\n" {
				t.Errorf("stats %s: %d %q %q\nwant %s", c.cmd, code, out, errs, c.want)
			}
		}
		code, out, _ := run(t, env, "stats", "policies", "--from", "2026-10-01", "--to", "2026-10-31")
		if code != 0 || !strings.Contains(out, "兑付金额（元）") || !strings.Contains(out, "13345.67") || !strings.Contains(out, "统计口径") {
			t.Errorf("policies table: %d %q", code, out)
		}
		// P1 and P3 still have stages to finish.
		code, out, _ = run(t, env, "stats", "projects", "--from", "2027-01-01", "--to", "2027-01-31", "--format", "json")
		if want := `{"projects":2,"stages_finished":0,"stages_on_time":0,"on_time_rate":null,"avg_stage_workdays":null}` + "\n"; code != 0 || out != want {
			t.Errorf("empty period: %d %q", code, out)
		}
	})
}

func TestImportPolicies(t *testing.T) {
	storetest.RunDSN(t, func(t *testing.T, dsn string) {
		env := map[string]string{"GOVDESK_DB": dsn}
		head := "政策编码,政策名称,发布部门,申报条件,扶持金额,申报材料,办理渠道\n"
		bad := writeCSV(t, "bad.csv", head+"ZC01,技改补助,工信局,规上工业企业,设备投资额的10%,营业执照、申请表,线上、线下\n"+
			"ZC02,稳岗补贴,,,,,线上\n"+"ZC03,首贷贴息,金融办,,,,邮寄\n")
		code, out, errs := run(t, env, "import", "policies", bad)
		if code != 1 || out != "" || !strings.Contains(errs, "政策 ZC02 缺少发布部门") || !strings.Contains(errs, "办理渠道“邮寄”无效") {
			t.Fatalf("bad policies: %d %q %q", code, out, errs)
		}
		good := writeCSV(t, "good.csv", head+"ZC01,技改补助,工信局,规上工业企业,设备投资额的10%,营业执照、申请表,线上、线下\n"+
			"ZC02,稳岗补贴,人社局,,,,线下\n")
		code, out, errs = run(t, env, "import", "policies", good)
		if code != 0 || out != `{"imported":2,"skipped":0,"updated":0}`+"\n" {
			t.Fatalf("import policies: %d %q %q", code, out, errs)
		}
		code, out, _ = run(t, env, "stats", "policies", "--from", "2026-01-01", "--to", "2099-12-31", "--format", "json")
		if !strings.HasPrefix(out, `{"policies":2,"applications":0`) || code != 0 {
			t.Errorf("stats after import: %d %q", code, out)
		}
		// 扶持上限（元） states the limit of a per-person formula; a bad one is refused.
		limited := "政策编码,政策名称,发布部门,扶持金额,扶持上限（元）\n"
		code, _, errs = run(t, env, "import", "policies", writeCSV(t, "bad-limit.csv", limited+"ZC02,稳岗补贴,人社局,每人 3000 元,很多\n"))
		if code != 1 || !strings.Contains(errs, "扶持上限应为大于 0 的金额") {
			t.Errorf("bad limit: %d %q", code, errs)
		}
		code, out, errs = run(t, env, "import", "policies", writeCSV(t, "limit.csv", limited+"ZC02,稳岗补贴,人社局,每人 3000 元,30万\n"))
		if code != 0 || out != `{"imported":0,"skipped":0,"updated":1}`+"\n" {
			t.Fatalf("import limit: %d %q %q", code, out, errs)
		}
		db, ctx := openDB(t, dsn)
		if p, err := (&store.SupportPolicies{DB: db}).Policy(ctx, "ZC02"); err != nil || p == nil || p.LimitFen != 30_0000_00 || p.Limit() != 30_0000_00 {
			t.Errorf("ZC02 = %+v, %v", p, err)
		}
	})
}
