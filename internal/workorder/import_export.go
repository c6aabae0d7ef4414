package workorder

import (
	"context"
	"strconv"
	"strings"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/privacy"
)

// ExportRow renders an order as the cells of OrderColumns, in a form Import reads back
// into the same state. The phone is written as the order holds it (mask it first).
// A reopened order still being handled exports the time it was reopened as 答复时间,
// so that the row re-imports as reopened with the same new limit; a callback result is
// left out when no reply time can be written with it (a reopened order returned since).
func ExportRow(o *Order) []string {
	urgency, dispatched, replied := "一般", "", o.RepliedAt
	if o.Urgent {
		urgency = "紧急"
	}
	if o.UnitCode != "" && !o.FirstCallResolved {
		dispatched = FormatImportTime(o.FirstDispatchedAt)
	}
	if replied.IsZero() && o.Reopens > 0 && o.Status == Accepted && o.CallbackResult == Unsatisfied {
		replied = o.DispatchedAt
	}
	callback, resolved := o.CallbackResult, ""
	if !o.FirstCallResolved && (replied.IsZero() || dispatched == "") {
		callback = ""
	}
	if callback != "" {
		resolved = yesNo(o.CallbackResolved)
	}
	return []string{o.No, FormatImportTime(o.ReceivedAt), o.Type, urgency, o.Title, o.Content, o.CitizenName, o.CitizenPhone,
		o.Town, o.Village, o.Address, o.Category, o.UnitCode, dispatched, FormatImportTime(replied), o.ReplyText,
		FormatImportTime(o.ClosedAt), callback, resolved, yesNo(o.FirstCallResolved)}
}

func yesNo(b bool) string {
	if b {
		return "是"
	}
	return "否"
}

// Export writes, through write, one row per order matching f that the actor may see
// (a unit's own orders for handlers and unit admins), oldest receipt first, each as
// Present shows one order to the actor: phones (in the phone column and in the free
// text) masked unless the actor's role may read them (FullPhoneRoles), an anonymous
// citizen hidden from all but IdentityRoles. Every export is written
// to the access log with its filter and row count. It returns the number of rows written.
func (im *Importer) Export(ctx context.Context, f Filter, write func(row []string) error) (int, error) {
	a, err := app.RequireActor(ctx)
	if err != nil {
		return 0, err
	}
	if err := ScopeFilter(a, &f); err != nil {
		return 0, err
	}
	if f.Now.IsZero() {
		f.Now = im.Clock.Now()
	}
	full := a.Is(FullPhoneRoles...)
	n := 0
	err = im.Store.EachOrder(ctx, f, func(o *Order) error {
		shown := Present(a, *o, ReadOne)
		n++
		return write(ExportRow(&shown))
	})
	if n > 0 || err == nil {
		entry := AccessEntry{At: im.Clock.Now(), Username: a.Username, Action: "export", Detail: exportDetail(f, n, full)}
		if lerr := im.Store.LogAccess(ctx, entry); err == nil {
			err = lerr
		}
	}
	return n, err
}

// exportDetail describes an export for the access log, in Chinese.
func exportDetail(f Filter, n int, full bool) string {
	var conds []string
	day := func(t time.Time) string { return t.In(app.Shanghai).Format(app.DateLayout) }
	if !f.From.IsZero() {
		conds = append(conds, "受理时间自 "+day(f.From))
	}
	if !f.To.IsZero() {
		conds = append(conds, "受理时间至 "+day(f.To.Add(-time.Nanosecond)))
	}
	if len(f.Statuses) > 0 {
		names := make([]string, len(f.Statuses))
		for i, s := range f.Statuses {
			names[i] = StatusNames[s]
		}
		conds = append(conds, "状态 "+strings.Join(names, "、"))
	}
	if f.UnitCode != "" {
		conds = append(conds, "承办单位 "+f.UnitCode)
	}
	for _, c := range [][2]string{{"诉求类型", f.Type}, {"关键词", privacy.Mask(f.Q)}, {"镇街", f.Town}, {"诉求分类", f.Category}, {"电话", MaskPhone(f.Phone)}} {
		if c[1] != "" {
			conds = append(conds, c[0]+" "+c[1])
		}
	}
	for _, c := range []struct {
		name string
		v    *bool
	}{{"紧急", f.Urgent}, {"超期", f.Overdue}, {"督办", f.Supervised}, {"已办结", f.Closed}} {
		if c.v != nil {
			conds = append(conds, c.name+" "+yesNo(*c.v))
		}
	}
	if f.ScopeUnitCode != "" {
		conds = append(conds, "限本单位 "+f.ScopeUnitCode)
	}
	if len(conds) == 0 {
		conds = append(conds, "全部工单")
	}
	phones := "联系电话已脱敏"
	if full {
		phones = "含完整联系电话"
	}
	return "导出工单 " + strconv.Itoa(n) + " 条；条件：" + strings.Join(conds, "，") + "；" + phones
}
