package project_test

import (
	"strings"
	"testing"

	"govdesk/internal/app"
	"govdesk/internal/project"
)

func TestLimitFromText(t *testing.T) {
	for text, want := range map[string]int64{
		"一次性奖励 10 万元":              10_0000_00,
		"按设备投资额的 5% 奖补，最高 100 万元":  100_0000_00,
		"按实际贷款利息的 50% 贴息，最高 30 万元": 30_0000_00,
		"每人 3000 元":  0,
		"补助 2,500 元": 2500_00,
		"按投资额 10% 补助，单个项目不超过 5万元": 5_0000_00,
		"奖励 20 万元，其中首期 10 万元":     0, // two sums, neither a maximum
		"设备投资额的10%":               0,
		"":                        0,
		"补助 1.5 万元":               1_5000_00,
	} {
		if got := project.LimitFromText(text); got != want {
			t.Errorf("%q: %d fen, want %d", text, got, want)
		}
	}
	p := project.Policy{Amount: "每人 3000 元", LimitFen: 5_0000_00}
	if p.Limit() != 5_0000_00 {
		t.Errorf("explicit limit: %d", p.Limit())
	}
}

func TestYuan(t *testing.T) {
	if got := project.Yuan(40028200); got != "400282.00" {
		t.Errorf("Yuan = %q", got)
	}
	if got := project.Yuan(-5); got != "-0.05" {
		t.Errorf("Yuan(-5) = %q", got)
	}
	for s, want := range map[string]int64{"400282": 40028200, "400,282.5": 40028250, "10万": 10_0000_00, "¥3000元": 3000_00, " 8 万元 ": 8_0000_00} {
		if got, ok := project.ParseYuan(s); !ok || got != want {
			t.Errorf("ParseYuan(%q) = %d %v, want %d", s, got, ok, want)
		}
	}
	for _, s := range []string{"", "abc", "1e400", "五万"} {
		if _, ok := project.ParseYuan(s); ok {
			t.Errorf("ParseYuan(%q) accepted", s)
		}
	}
}

// award is the policy of the reported payout: a fixed award of 10 万元.
var award = project.Policy{ID: 2, Code: "ZC2022002", Name: "新增规模以上工业企业奖励", Amount: "一次性奖励 10 万元"}

// capped allows at most 100 万元.
var capped = project.Policy{ID: 1, Code: "ZC2022001", Name: "工业企业技术改造奖补", Amount: "按设备投资额的 5% 奖补，最高 100 万元"}

func TestCheckApplication_AboveLimit(t *testing.T) {
	a := project.Application{No: "SQ1", PolicyCode: award.Code, Applicant: "甲公司", AmountFen: 400282_00}
	err := project.CheckApplication(&a, &award)
	if app.ErrorCode(err) != app.EInvalid || !strings.Contains(err.Error(), "申请金额 400282.00 元超过政策“新增规模以上工业企业奖励”的扶持上限 100000.00 元") {
		t.Errorf("400 282 under a 10 万 award: %v", err)
	}
	a.AmountFen = 10_0000_00
	if err := project.CheckApplication(&a, &award); err != nil {
		t.Errorf("the award itself: %v", err)
	}
}

func TestDecide(t *testing.T) {
	now := at("2026-10-09 10:00")
	for _, c := range []struct {
		name     string
		applied  int64
		pol      project.Policy
		d        project.Decision
		code     string // "" = accepted
		msg      string
		approved int64
	}{
		{"approve as applied", 400282_00, capped, project.Decision{Approve: true}, "", "", 400282_00},
		{"approve less", 400282_00, capped, project.Decision{Approve: true, AmountFen: 300000_00}, "", "", 300000_00},
		{"approve more than applied", 400282_00, capped, project.Decision{Approve: true, AmountFen: 500000_00}, app.EInvalid, "核定金额 500000.00 元超过申请金额 400282.00 元", 0},
		{"approve above the limit", 0, capped, project.Decision{Approve: true, AmountFen: 200_0000_00}, app.EInvalid, "超过政策“工业企业技术改造奖补”的扶持上限 1000000.00 元", 0},
		{"approve nothing", 0, capped, project.Decision{Approve: true}, app.EInvalid, "须填写核定金额", 0},
		{"approve negative", 100_00, capped, project.Decision{Approve: true, AmountFen: -1}, app.EInvalid, "核定金额不能为负数", 0},
		{"reject without reason", 100_00, capped, project.Decision{Reason: " "}, app.EInvalid, "不予通过须填写理由", 0},
		{"reject", 100_00, capped, project.Decision{Reason: "不符合条件"}, "", "", 0},
	} {
		a := project.Application{No: "SQ1", Status: project.Submitted, AmountFen: c.applied}
		err := project.Decide(&a, c.pol, c.d, "staff", now)
		if app.ErrorCode(err) != c.code || (c.msg != "" && !strings.Contains(err.Error(), c.msg)) {
			t.Errorf("%s: %v, want %s %q", c.name, err, c.code, c.msg)
			continue
		}
		if c.code != "" {
			if a.Status != project.Submitted || a.ApprovedFen != 0 {
				t.Errorf("%s: a refused decision changed the application: %+v", c.name, a)
			}
			continue
		}
		want := project.Rejected
		if c.d.Approve {
			want = project.Approved
		}
		if a.Status != want || a.ApprovedFen != c.approved || a.DecidedBy != "staff" || !a.DecidedAt.Equal(now) {
			t.Errorf("%s: %+v", c.name, a)
		}
		if err := project.Decide(&a, c.pol, c.d, "staff", now); app.ErrorCode(err) != app.EIllegalTransition {
			t.Errorf("%s: decided twice: %v", c.name, err)
		}
	}
}

func TestPay(t *testing.T) {
	now := at("2026-10-12 10:00")
	for _, c := range []struct {
		name     string
		status   string
		approved int64
		pol      project.Policy
		fen      int64
		code     string
		msg      string
	}{
		{"the reported payout", project.Approved, 400282_00, capped, 5000000_00, app.EInvalid, "兑付金额 5000000.00 元超过核定金额 400282.00 元"},
		{"approved above a limit set later", project.Approved, 400282_00, award, 400282_00, app.EInvalid, "超过政策“新增规模以上工业企业奖励”的扶持上限 100000.00 元"},
		{"nothing", project.Approved, 100_00, capped, 0, app.EInvalid, "兑付金额须大于 0"},
		{"negative", project.Approved, 100_00, capped, -5, app.EInvalid, "兑付金额须大于 0"},
		{"no approved amount", project.Approved, 0, capped, 100, app.EInvalid, "没有核定金额"},
		{"before approval", project.Submitted, 0, capped, 100, app.EIllegalTransition, "只有已通过的申请可以兑付"},
		{"rejected", project.Rejected, 0, capped, 100, app.EIllegalTransition, "只有已通过的申请可以兑付"},
		{"the approved amount", project.Approved, 400282_00, capped, 400282_00, "", ""},
		{"less than approved", project.Approved, 400282_00, capped, 200000_00, "", ""},
	} {
		a := project.Application{No: "SQ1", Status: c.status, ApprovedFen: c.approved}
		err := project.Pay(&a, c.pol, c.fen, "staff", now)
		if app.ErrorCode(err) != c.code || (c.msg != "" && !strings.Contains(err.Error(), c.msg)) {
			t.Errorf("%s: %v, want %s %q", c.name, err, c.code, c.msg)
			continue
		}
		if c.code != "" {
			if a.Status != c.status || a.PaidFen != 0 {
				t.Errorf("%s: a refused payout changed the application: %+v", c.name, a)
			}
			continue
		}
		if a.Status != project.Paid || a.PaidFen != c.fen || a.PaidBy != "staff" || !a.PaidAt.Equal(now) {
			t.Errorf("%s: %+v", c.name, a)
		}
		err = project.Pay(&a, c.pol, c.fen, "staff", now)
		if app.ErrorCode(err) != app.EIllegalTransition || !strings.Contains(err.Error(), "不能重复兑付") {
			t.Errorf("%s: paid twice: %v", c.name, err)
		}
	}
}
