package project_test

import (
	"strings"
	"testing"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/catalog"
	"govdesk/internal/project"
	"govdesk/internal/workday"
)

func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, app.Shanghai)
	if err != nil {
		panic(err)
	}
	return t
}

func schedule(t *testing.T) workday.Schedule {
	cal, err := workday.NewCalendar(nil)
	if err != nil {
		t.Fatal(err)
	}
	// The configured clock is workhours: project limits still count whole working days.
	return workday.Schedule{Cal: cal, Clock: workday.WorkHours}
}

// Deadlines across the 2026 National Day (1–7 Oct off, Sat 10 Oct worked) and
// Spring Festival (Sat 14 Feb worked, 15–23 Feb off) holidays, start day excluded.
func TestStageDeadlineAcrossHolidays(t *testing.T) {
	sch := schedule(t)
	for _, c := range []struct {
		start    string
		limit    int
		deadline string
	}{
		{"2026-09-30 10:00", 3, "2026-10-11 00:00"}, // 10-08, 10-09, 10-10 (make-up Saturday)
		{"2026-09-30 10:00", 4, "2026-10-13 00:00"}, // … and Mon 10-12
		{"2026-09-29 17:30", 1, "2026-10-01 00:00"}, // the next working date
		{"2026-10-03 09:00", 1, "2026-10-09 00:00"}, // started on a holiday: 10-08
		{"2026-02-13 09:00", 2, "2026-02-25 00:00"}, // 02-14 (worked Saturday), 02-24
	} {
		st := project.Stage{Started: at(c.start), LimitDays: c.limit}
		if got := st.Deadline(sch); !got.Equal(at(c.deadline)) {
			t.Errorf("start %s limit %d: deadline %s, want %s", c.start, c.limit, got.Format(time.DateTime), c.deadline)
		}
	}
	st := project.Stage{Started: at("2026-09-30 10:00"), LimitDays: 3, Finished: at("2026-10-10 16:00")}
	if !st.OnTime(sch) || st.Workdays(sch, time.Time{}) != 3 {
		t.Errorf("finished 10-10: on time %v, %d workdays; want true, 3", st.OnTime(sch), st.Workdays(sch, time.Time{}))
	}
	st.Finished = at("2026-10-12 09:00")
	if st.OnTime(sch) || st.Workdays(sch, time.Time{}) != 4 {
		t.Errorf("finished 10-12: on time %v, %d workdays; want false, 4", st.OnTime(sch), st.Workdays(sch, time.Time{}))
	}
}

func TestStageWarning(t *testing.T) {
	sch := schedule(t)
	st := project.Stage{Started: at("2026-09-28 09:00"), LimitDays: 5} // 09-29, 09-30, 10-08, 10-09, 10-10
	for now, want := range map[string]project.Lateness{
		"2026-09-29 12:00": project.Normal,  // 1 day
		"2026-10-05 12:00": project.Normal,  // 2 days (holiday)
		"2026-10-08 12:00": project.Warning, // 3 days: 2 left
		"2026-10-10 23:00": project.Warning,
		"2026-10-11 00:01": project.Late,
	} {
		if got := st.Status(sch, at(now)); got != want {
			t.Errorf("at %s: %s, want %s", now, got, want)
		}
	}
	if got := (project.Stage{}).Status(sch, at("2026-10-01 00:00")); got != project.Idle {
		t.Errorf("not started: %s", got)
	}
}

func TestProjectDefaultsAndValidation(t *testing.T) {
	p := project.Project{Code: "P1", Name: "厂房", Enterprise: "某公司"}
	if err := p.Validate(); err != nil || len(p.Stages) != 4 || p.Stages[0].Name != "立项用地规划许可" || p.Stages[3].Seq != 4 {
		t.Fatalf("defaults: %v %+v", err, p.Stages)
	}
	bad := project.Project{Code: "P2", Name: "x", Enterprise: "y", Stages: []project.Stage{{Name: "施工许可"}}}
	if err := bad.Validate(); err == nil || !strings.Contains(err.Error(), "承诺时限") {
		t.Errorf("zero limit: %v", err)
	}
}

func TestApplicationRefused(t *testing.T) {
	pol := &project.Policy{ID: 7, Code: "ZC01", Materials: []string{"营业执照", "申请表"}}
	for _, c := range []struct {
		a    project.Application
		pol  *project.Policy
		want string
	}{
		{project.Application{PolicyCode: "NOPE", Applicant: "甲"}, nil, "政策编码“NOPE”不存在"},
		{project.Application{PolicyCode: "ZC01", Applicant: "甲", Materials: []string{"营业执照"}}, pol, "缺少必需材料：申请表"},
		{project.Application{PolicyCode: "ZC01", Applicant: "甲", AmountFen: -1, Materials: pol.Materials}, pol, "金额不能为负数"},
	} {
		err := project.CheckApplication(&c.a, c.pol)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: %v, want %q", c.a, err, c.want)
		}
	}
	a := project.Application{No: "A1", PolicyCode: "ZC01", Applicant: "甲", Materials: pol.Materials}
	if err := project.CheckApplication(&a, pol); err != nil || a.PolicyID != 7 || a.Status != project.Submitted {
		t.Fatalf("good application: %v %+v", err, a)
	}
	if err := project.Pay(&a, 100, at("2026-10-01 00:00")); err == nil {
		t.Error("paid before approval")
	}
	if err := project.Decide(&a, false, "", at("2026-10-01 00:00")); err == nil {
		t.Error("rejected without a reason")
	}
	if err := project.Decide(&a, true, "", at("2026-10-09 10:00")); err != nil || a.Status != project.Approved {
		t.Fatal(err)
	}
	if err := project.Pay(&a, -5, at("2026-10-09 11:00")); err == nil {
		t.Error("negative payout")
	}
	if err := project.Pay(&a, 500000, at("2026-10-09 11:00")); err != nil || a.Status != project.Paid {
		t.Fatal(err)
	}
}

func TestStageCases(t *testing.T) {
	p := project.Project{Enterprise: "甲公司", CreatedAt: at("2026-09-01 09:00")}
	st := project.Stage{Items: []string{"I1", "I2"}}
	cases := []catalog.Case{
		{No: "C1", ItemCode: "I1", Applicant: "甲公司", AcceptedAt: at("2026-09-02 09:00")},
		{No: "C2", ItemCode: "I3", Applicant: "甲公司", AcceptedAt: at("2026-09-02 09:00")}, // another item
		{No: "C3", ItemCode: "I2", Applicant: "乙公司", AcceptedAt: at("2026-09-02 09:00")}, // another applicant
		{No: "C4", ItemCode: "I2", Applicant: "甲公司", AcceptedAt: at("2026-08-02 09:00")}, // before the project
		{No: "C5", ItemCode: "I2", Applicant: "甲公司", AcceptedAt: at("2026-10-02 09:00")},
	}
	got := project.StageCases(p, st, cases)
	if len(got) != 2 || got[0].No != "C1" || got[1].No != "C5" {
		t.Errorf("%+v", got)
	}
}
