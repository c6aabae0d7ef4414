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
	}
	for _, c := range p.Channels {
		if c != "线上" && c != "线下" {
			return app.Invalid("政策 %s 的办理渠道“%s”无效，应为“线上”或“线下”", p.Code, c)
		}
	}
	return nil
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
	AmountFen   int64    // amount applied for, in fen
	Status      string
	SubmittedAt time.Time
	DecidedAt   time.Time
	Reason      string // review opinion
	PaidFen     int64
	PaidAt      time.Time
}

// CheckApplication checks an application against its policy (nil when the
// policy code is unknown): refused with a Chinese message for an unknown
// policy, a missing required material or a negative amount.
func CheckApplication(a *Application, pol *Policy) error {
	if pol == nil {
		return app.Invalid("政策编码“%s”不存在，请核对政策清单", a.PolicyCode)
	}
	if strings.TrimSpace(a.Applicant) == "" {
		return app.Invalid("申请人不能为空")
	}
	if a.AmountFen < 0 {
		return app.Invalid("申请金额不能为负数")
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
	a.PolicyID = pol.ID
	a.Status = Submitted
	return nil
}

// Decide records the department's decision on a submitted application.
func Decide(a *Application, approve bool, reason string, at time.Time) error {
	if a.Status != Submitted {
		return app.Invalid("申请 %s 当前状态为“%s”，不能再审核", a.No, StatusNames[a.Status])
	}
	if !approve && strings.TrimSpace(reason) == "" {
		return app.Invalid("不予通过须填写理由")
	}
	a.Status, a.Reason, a.DecidedAt = Rejected, reason, at
	if approve {
		a.Status = Approved
	}
	return nil
}

// Pay records the payout of an approved application.
func Pay(a *Application, fen int64, at time.Time) error {
	if a.Status != Approved {
		return app.Invalid("申请 %s 当前状态为“%s”，只有已通过的申请可以兑付", a.No, StatusNames[a.Status])
	}
	if fen < 0 {
		return app.Invalid("兑付金额不能为负数")
	}
	a.Status, a.PaidFen, a.PaidAt = Paid, fen, at
	return nil
}
