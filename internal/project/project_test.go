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
		{project.Application{No: "A0", PolicyCode: "ZC01", Applicant: "甲", Materials: []string{"营业执照"}}, pol, "缺少必需材料：申请表"},
		{project.Application{No: "A0", PolicyCode: "ZC01", Applicant: "甲", AmountFen: -1, Materials: pol.Materials}, pol, "金额不能为负数"},
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
}

func TestApplicationRefused_MissingNumber(t *testing.T) {
	a := project.Application{PolicyCode: "ZC01", Applicant: "甲"}
	if err := project.CheckApplication(&a, &project.Policy{Code: "ZC01"}); app.ErrorCode(err) != app.EInvalid ||
		!strings.Contains(err.Error(), "申请编号不能为空") {
		t.Errorf("no number: %v", err)
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

// Passing each stage hands over to the next; the last one finishes the project and
// says so (办结), and a finished project cannot be passed again.
func TestPass(t *testing.T) {
	p := project.Project{Code: "P1", Name: "厂房", Enterprise: "甲", Stages: []project.Stage{
		{Name: "施工许可", LimitDays: 5}, {Name: "竣工验收", LimitDays: 5}}}
	if err := p.Validate(); err != nil {
		t.Fatal(err)
	}
	if got := p.PassLabel(); got != "“施工许可”阶段办结，转入“竣工验收”阶段" {
		t.Errorf("first label %q", got)
	}
	t1, t2 := at("2026-10-09 10:00"), at("2026-10-12 10:00")
	e, err := project.Pass(&p, "小陈", t1)
	if err != nil || e.Kind != "交接" || e.Note != "“施工许可”阶段办结，转入“竣工验收”阶段" || e.Actor != "小陈" || !e.At.Equal(t1) {
		t.Fatalf("first pass: %v %+v", err, e)
	}
	if !p.Stages[0].Started.Equal(t1) || !p.Stages[0].Finished.Equal(t1) || !p.Stages[1].Started.Equal(t1) || p.Current() != 1 {
		t.Errorf("stages after the first pass: %+v", p.Stages)
	}
	if got := p.PassLabel(); got != "“竣工验收”阶段办结，项目办结" {
		t.Errorf("last label %q", got)
	}
	e, err = project.Pass(&p, "小陈", t2)
	if err != nil || e.Kind != "办结" || strings.Contains(e.Note, "转入") || e.Note != "“竣工验收”阶段办结，项目全部阶段办结" {
		t.Fatalf("last pass: %v %+v", err, e)
	}
	if p.Current() != -1 || !p.Stages[1].Finished.Equal(t2) || p.PassLabel() != "" {
		t.Errorf("after the last pass: %+v", p.Stages)
	}
	if _, err := project.Pass(&p, "小陈", t2); app.ErrorCode(err) != app.EIllegalTransition {
		t.Errorf("passed a finished project: %v", err)
	}
}

func TestNote(t *testing.T) {
	p := project.Project{ID: 3}
	if e, err := project.Note(p, "", " 电话联系 ", "小陈", at("2026-10-09 10:00")); err != nil || e.Kind != "联系" || e.Note != "电话联系" || e.ProjectID != 3 {
		t.Errorf("default kind: %v %+v", err, e)
	}
	if _, err := project.Note(p, "办结", "已办结", "小陈", at("2026-10-09 10:00")); app.ErrorCode(err) != app.EInvalid {
		t.Errorf("a note finished the project: %v", err)
	}
	if _, err := project.Note(p, "联系", " ", "小陈", at("2026-10-09 10:00")); app.ErrorCode(err) != app.EInvalid {
		t.Errorf("empty note: %v", err)
	}
}
