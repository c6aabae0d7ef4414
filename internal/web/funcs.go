package web

import (
	"html/template"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/evaluation"
	"govdesk/internal/project"
	"govdesk/internal/workorder"
)

// funcs are every template function of the pages, in one place; New hands them to
// the templates before parsing.
var funcs = template.FuncMap{
	"roleName":   func(r string) string { return app.RoleNames[r] },
	"statusName": func(s workorder.Status) string { return workorder.StatusNames[s] },
	"noticeKind": workorder.NoticeKindName,
	"cmdName":    func(c string) string { return workorder.CommandNames[c] },
	"dt":         fmtDateTime,
	"date":       fmtDate,
	"days":       fmtWorkdays,
	"remaining":  fmtRemaining,
	"noDeadline": noDeadline,
	"has":        func(list []string, s string) bool { return slices.Contains(list, s) },
	"may":        may,
	"join":       strings.Join,
	"fileSize":   fmtFileSize,
	"yesno": func(b bool) string {
		if b {
			return "是"
		}
		return "否"
	},
	"pct": func(v *float64) string { // a percentage to two decimals; "—" when there is none
		if v == nil {
			return "—"
		}
		return strconv.FormatFloat(*v, 'f', 2, 64) + "%"
	},
	"dec": func(v *float64) string {
		if v == nil {
			return "—"
		}
		return strconv.FormatFloat(*v, 'f', 2, 64)
	},
	"inc":        func(i int) int { return i + 1 },
	"levelName":  evaluation.LevelName,
	"navGroups":  groupNav,
	"yuan":       project.Yuan,
	"splitLines": splitLines,
}

// noDeadline says why an order has no deadline: not dispatched yet, returned and
// waiting for a new unit, or closed without ever being dispatched (resolved at
// intake, a duplicate, an imported closed order).
func noDeadline(o workorder.Order) string {
	switch {
	case o.Status == workorder.Closed && o.CloseReason == workorder.CloseIntake:
		return "受理时直接办结，无需派单"
	case o.Status == workorder.Closed && o.CloseReason == workorder.CloseDuplicate:
		return "重复件，随原工单办理"
	case o.Status == workorder.Closed:
		if r := closeReasons[o.CloseReason]; r != "" {
			return "已办结（" + r + "），无办理时限"
		}
		return "已办结，无办理时限"
	case o.Status == workorder.Received && o.Returns > 0:
		return "已退单，待重新派单"
	case o.Status == workorder.Received:
		return "尚未派单"
	}
	return "无办理时限"
}

// fmtDateTime shows an instant in Beijing time to the minute; the zero time is "—".
func fmtDateTime(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.In(app.Shanghai).Format("2006-01-02 15:04")
}

// fmtDate shows the Beijing date of an instant.
func fmtDate(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.In(app.Shanghai).Format(app.DateLayout)
}

// fmtWorkdays shows working days with at most two decimals: 9, 1.5, 0.38.
func fmtWorkdays(d float64) string {
	return strconv.FormatFloat(math.Round(d*100)/100+0, 'f', -1, 64)
}

// fmtRemaining says how much of a running limit is left: 剩余 2.5 个工作日, or
// 已超期 1 个工作日 (just 已超期 while no working time has passed since the deadline).
func fmtRemaining(l workorder.Listed) string {
	d := math.Round(l.RemainingDays*100) / 100
	switch {
	case l.Flags.Overdue && d < 0:
		return "已超期 " + fmtWorkdays(-d) + " 个工作日"
	case l.Flags.Overdue:
		return "已超期"
	}
	return "剩余 " + fmtWorkdays(max(d, 0)) + " 个工作日"
}
