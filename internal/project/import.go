package project

import (
	"strings"

	"govdesk/internal/app"
	"govdesk/internal/sheet"
)

// PolicyHeaders are the headers of a policy spreadsheet (docs/projects.md): the
// first three are required. 扶持上限（元） is the most one application may receive;
// when empty it is read from 扶持金额 (Policy.Limit).
var PolicyHeaders = []string{"政策编码", "政策名称", "发布部门", "申报条件", "扶持金额", "申报材料", "办理渠道", "扶持上限（元）"}

// PolicySpec is the header specification of a policies file.
var PolicySpec = sheet.Spec{Required: PolicyHeaders[:3], Optional: PolicyHeaders[3:]}

// splitList splits a cell of materials or channels on 、，,；; or new lines.
func splitList(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool {
		return strings.ContainsRune("、，,；;\n", r)
	}) {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// ParsePolicies validates every row of a policy table. It returns the valid
// policies and the problems of the others; a duplicate 政策编码 is a problem.
func ParsePolicies(tab *sheet.Table) ([]Policy, *sheet.Errors) {
	errs := &sheet.Errors{}
	var out []Policy
	seen := sheet.Unique{}
	for _, r := range tab.Rows {
		p := Policy{Code: r.Get("政策编码"), Name: r.Get("政策名称"), Department: r.Get("发布部门"),
			Conditions: r.Get("申报条件"), Amount: r.Get("扶持金额"), Materials: splitList(r.Get("申报材料")),
			Channels: splitList(r.Get("办理渠道"))}
		if v := r.Get("扶持上限（元）"); v != "" {
			fen, ok := ParseYuan(v)
			if !ok || fen <= 0 {
				errs.Add(r.Num, "扶持上限（元）", v, "扶持上限应为大于 0 的金额（元），可留空")
				continue
			}
			p.LimitFen = fen
		}
		if err := p.Validate(); err != nil {
			errs.Add(r.Num, "", "", app.ErrorMessage(err))
			continue
		}
		if !seen.Cell(errs, r.Num, "政策编码", p.Code) {
			continue
		}
		out = append(out, p)
	}
	return out, errs
}
