package project

import (
	"strings"
	"time"

	"govdesk/internal/app"
)

// Policy is a support policy (扶持政策) published by a department.
type Policy struct {
	ID         int64
	Code       string // 政策编码, unique
	Name       string
	Department string
	Conditions string   // 申报条件
	Amount     string   // 扶持金额或计算公式 (text as published)
	LimitFen   int64    // 扶持上限 given explicitly, in fen; 0: read from Amount (see Limit)
	Materials  []string // 申报材料 (required)
	Channels   []string // 办理渠道: 线上, 线下
	CreatedAt  time.Time
}

// Validate trims and checks a policy.
func (p *Policy) Validate() error {
	p.Code, p.Name, p.Department = strings.TrimSpace(p.Code), strings.TrimSpace(p.Name), strings.TrimSpace(p.Department)
	switch {
	case p.Code == "":
		return app.Invalid("政策编码不能为空")
	case p.Name == "":
		return app.Invalid("政策 %s 缺少名称", p.Code)
	case p.Department == "":
		return app.Invalid("政策 %s 缺少发布部门", p.Code)
	case p.LimitFen < 0:
		return app.Invalid("政策 %s 的扶持上限不能为负数", p.Code)
	}
	for _, c := range p.Channels {
		if c != "线上" && c != "线下" {
			return app.Invalid("政策 %s 的办理渠道“%s”无效，应为“线上”或“线下”", p.Code, c)
		}
	}
	return nil
}

// Limit returns the most one application may receive under the policy, in fen:
// the explicit limit when given, otherwise the sum the published 扶持金额 names as
// a maximum (“最高 100 万元”, “不超过 5 万元”) or as its one fixed sum (“一次性奖励
// 10 万元”); 0 (no fixed limit) for a formula without a maximum (“每人 3000 元”).
func (p Policy) Limit() int64 {
	if p.LimitFen > 0 {
		return p.LimitFen
	}
	return LimitFromText(p.Amount)
}

// Application statuses.
const (
	Submitted = "submitted" // 待审核
	Approved  = "approved"  // 已通过
	Rejected  = "rejected"  // 未通过
	Paid      = "paid"      // 已兑付
)

// StatusNames are the Chinese labels of application statuses.
var StatusNames = map[string]string{Submitted: "待审核", Approved: "已通过", Rejected: "未通过", Paid: "已兑付"}

// Application is an application for a policy.
type Application struct {
	ID          int64
	No          string // 申请编号, unique
	PolicyID    int64
	PolicyCode  string
	Applicant   string
	Channel     string   // 线上 or 线下
	Materials   []string // materials handed in
	AmountFen   int64    // amount applied for, in fen (0: not stated)
	Status      string
	SubmittedAt time.Time
	DecidedAt   time.Time
	DecidedBy   string
	Reason      string // review opinion
	ApprovedFen int64  // 核定金额: what the department approved, in fen
	PaidFen     int64
	PaidAt      time.Time
	PaidBy      string
	Version     int // optimistic version, raised by every change
}

// CheckApplication checks a new application against its policy (nil when the
// policy code is unknown): refused with a Chinese message for an unknown policy,
// a missing number or applicant, a missing required material, or an amount that
// is negative or above the policy's limit.
func CheckApplication(a *Application, pol *Policy) error {
	if pol == nil {
		return app.Invalid("政策编码“%s”不存在，请核对政策清单", a.PolicyCode)
	}
	a.No, a.Applicant = strings.TrimSpace(a.No), strings.TrimSpace(a.Applicant)
	if a.No == "" {
		return app.Invalid("申请编号不能为空")
	}
	if a.Applicant == "" {
		return app.Invalid("申请人不能为空")
	}
	if a.AmountFen < 0 {
		return app.Invalid("申请金额不能为负数")
	}
	if lim := pol.Limit(); lim > 0 && a.AmountFen > lim {
		return app.Invalid("申请金额 %s 元超过政策“%s”的扶持上限 %s 元", Yuan(a.AmountFen), pol.Name, Yuan(lim))
	}
	have := map[string]bool{}
	for _, m := range a.Materials {
		have[strings.TrimSpace(m)] = true
	}
	var missing []string
	for _, m := range pol.Materials {
		if !have[m] {
			missing = append(missing, m)
		}
	}
	if len(missing) > 0 {
		return app.Invalid("申请缺少必需材料：%s", strings.Join(missing, "、"))
	}
	a.PolicyID, a.PolicyCode = pol.ID, pol.Code
	a.Status = Submitted
	return nil
}

// Decision is the department's review of an application.
type Decision struct {
	Approve   bool
	Reason    string
	AmountFen int64 // 核定金额 when approving, in fen; 0: the amount applied for
}

// Decide records the department's decision on a submitted application, by
// `by` at `at`. An approval fixes the amount that may be paid: at most the
// amount applied for (when stated) and the policy's limit, and more than 0.
func Decide(a *Application, pol Policy, d Decision, by string, at time.Time) error {
	if a.Status != Submitted {
		return app.Errorf(app.EIllegalTransition, "申请 %s 当前状态为“%s”，不能再审核", a.No, StatusNames[a.Status])
	}
	d.Reason = strings.TrimSpace(d.Reason)
	if !d.Approve {
		if d.Reason == "" {
			return app.Invalid("不予通过须填写理由")
		}
		a.Status, a.Reason, a.DecidedAt, a.DecidedBy = Rejected, d.Reason, at, by
		return nil
	}
	amount := d.AmountFen
	if amount == 0 {
		amount = a.AmountFen
	}
	lim := pol.Limit()
	switch {
	case amount < 0:
		return app.Invalid("核定金额不能为负数")
	case amount == 0:
		return app.Invalid("申请 %s 未填写申请金额，通过时须填写核定金额", a.No)
	case a.AmountFen > 0 && amount > a.AmountFen:
		return app.Invalid("核定金额 %s 元超过申请金额 %s 元", Yuan(amount), Yuan(a.AmountFen))
	case lim > 0 && amount > lim:
		return app.Invalid("核定金额 %s 元超过政策“%s”的扶持上限 %s 元", Yuan(amount), pol.Name, Yuan(lim))
	}
	a.Status, a.Reason, a.DecidedAt, a.DecidedBy, a.ApprovedFen = Approved, d.Reason, at, by, amount
	return nil
}

// Pay records the payout of an approved application, by `by` at `at`: more than
// 0, at most the approved amount and the policy's limit, and once only.
func Pay(a *Application, pol Policy, fen int64, by string, at time.Time) error {
	switch a.Status {
	case Approved:
	case Paid:
		return app.Errorf(app.EIllegalTransition, "申请 %s 已于 %s 兑付 %s 元，不能重复兑付", a.No,
			a.PaidAt.In(app.Shanghai).Format("2006-01-02 15:04"), Yuan(a.PaidFen))
	default:
		return app.Errorf(app.EIllegalTransition, "申请 %s 当前状态为“%s”，只有已通过的申请可以兑付", a.No, StatusNames[a.Status])
	}
	lim := pol.Limit()
	switch {
	case fen <= 0:
		return app.Invalid("兑付金额须大于 0")
	case a.ApprovedFen <= 0:
		return app.Invalid("申请 %s 没有核定金额，不能兑付", a.No)
	case fen > a.ApprovedFen:
		return app.Invalid("兑付金额 %s 元超过核定金额 %s 元", Yuan(fen), Yuan(a.ApprovedFen))
	case lim > 0 && fen > lim:
		return app.Invalid("兑付金额 %s 元超过政策“%s”的扶持上限 %s 元", Yuan(fen), pol.Name, Yuan(lim))
	}
	a.Status, a.PaidFen, a.PaidAt, a.PaidBy = Paid, fen, at, by
	return nil
}
