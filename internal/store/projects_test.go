package store_test

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

func TestProjectPassAndLedger(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		ps := &store.ProjectRecords{DB: db}
		p := project.Project{Code: "XM-001", Name: "标准厂房", Enterprise: "甲公司", Contact: "张三", Agent: "agent1",
			CreatedAt: storetest.At("2026-09-28T01:00:00Z")}
		if _, err := ps.CreateProject(ctx, &p); err != nil {
			t.Fatal(err)
		}
		if _, err := ps.CreateProject(ctx, &project.Project{Code: "XM-001", Name: "重复", Enterprise: "乙"}); err == nil {
			t.Error("duplicate code accepted")
		}
		if err := ps.Start(ctx, "XM-001", storetest.At("2026-09-30T02:00:00Z")); err != nil {
			t.Fatal(err)
		}
		if err := ps.AddLedger(ctx, project.LedgerEntry{ProjectID: p.ID, At: storetest.At("2026-09-30T03:00:00Z"),
			Kind: "联系", Actor: "agent1", Note: "电话联系张三，告知所需材料"}); err != nil {
			t.Fatal(err)
		}
		if err := ps.Pass(ctx, "XM-001", "agent1", storetest.At("2026-10-10T08:00:00Z")); err != nil {
			t.Fatal(err)
		}
		got, err := ps.Project(ctx, "XM-001")
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Stages) != 4 || got.Current() != 1 || !got.Stages[1].Started.Equal(storetest.At("2026-10-10T08:00:00Z")) ||
			got.Stages[0].Finished.Location() != app.Shanghai {
			t.Fatalf("after pass: %+v", got.Stages)
		}
		led, err := ps.Ledger(ctx, p.ID)
		if err != nil || len(led) != 2 || led[1].Kind != "交接" || !strings.Contains(led[1].Note, "转入“工程建设许可”") {
			t.Fatalf("ledger: %v %+v", err, led)
		}
		if _, err := ps.Project(ctx, "NOPE"); app.ErrorCode(err) != app.ENotFound {
			t.Errorf("unknown project: %v", err)
		}
	})
}

func TestApplicationsRefusedAndPaid(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s := &store.SupportPolicies{DB: db}
		if _, _, err := s.UpsertPolicies(ctx, []project.Policy{{Code: "ZC01", Name: "技改补助", Department: "工信局",
			Materials: []string{"营业执照", "申请表"}, Channels: []string{"线上", "线下"}}}); err != nil {
			t.Fatal(err)
		}
		at := time.Date(2026, 10, 9, 9, 0, 0, 0, app.Shanghai)
		for _, c := range []struct {
			a    project.Application
			want string
		}{
			{project.Application{No: "A0", PolicyCode: "ZC99", Applicant: "甲"}, "政策编码“ZC99”不存在"},
			{project.Application{No: "A0", PolicyCode: "ZC01", Applicant: "甲", Materials: []string{"申请表"}}, "缺少必需材料：营业执照"},
			{project.Application{No: "A0", PolicyCode: "ZC01", Applicant: "甲", AmountFen: -100,
				Materials: []string{"营业执照", "申请表"}}, "申请金额不能为负数"},
		} {
			c.a.SubmittedAt = at
			if err := s.Submit(ctx, &c.a); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("%s: %v", c.want, err)
			}
		}
		a := project.Application{No: "A1", PolicyCode: "ZC01", Applicant: "甲", AmountFen: 500000,
			Materials: []string{"营业执照", "申请表"}, SubmittedAt: at}
		if err := s.Submit(ctx, &a); err != nil {
			t.Fatal(err)
		}
		if err := s.Decide(ctx, "A1", true, "", at.Add(24*time.Hour)); err != nil {
			t.Fatal(err)
		}
		if err := s.Pay(ctx, "A1", 500000, at.Add(48*time.Hour)); err != nil {
			t.Fatal(err)
		}
		got, err := s.Application(ctx, "A1")
		if err != nil || got.Status != project.Paid || got.PaidFen != 500000 || got.PolicyCode != "ZC01" || len(got.Materials) != 2 {
			t.Fatalf("%v %+v", err, got)
		}
		pols, err := s.Policies(ctx)
		if err != nil || len(pols) != 1 || len(pols[0].Channels) != 2 {
			t.Fatalf("%v %+v", err, pols)
		}
	})
}
