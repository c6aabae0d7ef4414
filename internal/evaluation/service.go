package evaluation

import (
	"context"
	"strconv"
	"strings"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/sheet"
	"govdesk/internal/workday"
)

// Service is the evaluation use cases.
type Service struct {
	Store    Store
	Clock    app.Clock
	Schedule func(ctx context.Context) (workday.Schedule, error)
	Policy   Policy
}

// ImportSummary is the result of an import (SPEC §13).
type ImportSummary struct{ Imported, Updated, Skipped int }

// Evaluation import headers (SPEC §7).
const (
	colNo, colAt, colChannel, colKind = "评价编号", "评价时间", "评价渠道", "评价对象类型"
	colTarget, colUnit, colLevel      = "评价对象", "所属单位", "评价等级"
	colContent, colRectified          = "评价内容", "整改完成时间"
)

// Headers are the headers of an evaluations file.
var Headers = []string{colNo, colAt, colChannel, colKind, colTarget, colUnit, colLevel, colContent, colRectified}

// Spec is the header specification of an evaluations file.
var Spec = sheet.Spec{Required: Headers[:7], Optional: Headers[7:]}

// ParseLevel accepts a level name or its score 1..5.
func ParseLevel(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if n, err := strconv.Atoi(s); err == nil && n >= 1 && n <= 5 {
		return n, true
	}
	for i, l := range Levels {
		if s == l {
			return i + 1, true
		}
	}
	return 0, false
}

// check validates an evaluation's fields, adding an error per bad one.
func check(errs *sheet.Errors, row int, ev *Evaluation, units map[string]int64) {
	if !contains(Channels, ev.Channel) {
		errs.Add(row, colChannel, ev.Channel, "评价渠道应为："+strings.Join(Channels, "、"))
	}
	if !contains(TargetKinds, ev.TargetKind) {
		errs.Add(row, colKind, ev.TargetKind, "评价对象类型应为："+strings.Join(TargetKinds, "、"))
	}
	if ev.Target == "" {
		errs.Add(row, colTarget, "", "评价对象不能为空")
	}
	if ev.UnitCode != "" {
		if id, ok := units[ev.UnitCode]; ok {
			ev.UnitID = id
		} else {
			errs.Add(row, colUnit, ev.UnitCode, "所属单位不是已有单位")
		}
	} else if IsBad(ev.Score) {
		errs.Add(row, colUnit, "", "差评须填写所属单位（整改责任单位）")
	}
}

// ImportEvaluations validates every row and, when all are valid (or skipInvalid),
// creates or updates the evaluations by 评价编号 in one transaction. Each 差评 opens a
// rectification; a 整改完成时间 records it rectified and closed (historic data).
func (s *Service) ImportEvaluations(ctx context.Context, tab *sheet.Table, skipInvalid bool) (ImportSummary, []sheet.RowError, error) {
	if _, err := app.RequireRole(ctx, app.RoleAdmin, app.RoleStaff); err != nil {
		return ImportSummary{}, nil, err
	}
	units, err := s.Store.UnitKeys(ctx)
	if err != nil {
		return ImportSummary{}, nil, err
	}
	sched, err := s.Schedule(ctx)
	if err != nil {
		return ImportSummary{}, nil, err
	}
	var errs sheet.Errors
	var evs []Evaluation
	seen := sheet.Unique{}
	for _, r := range tab.Rows {
		n := errs.Len()
		ev := Evaluation{No: r.Get(colNo), Channel: r.Get(colChannel), TargetKind: r.Get(colKind), Target: r.Get(colTarget),
			UnitCode: r.Get(colUnit), Content: r.Get(colContent)}
		if ev.No == "" {
			errs.Add(r.Num, colNo, "", "评价编号不能为空")
		} else {
			seen.Cell(&errs, r.Num, colNo, ev.No)
		}
		if ev.At, err = sheet.ParseTime(r.Get(colAt)); err != nil {
			errs.Add(r.Num, colAt, r.Get(colAt), app.ErrorMessage(err))
		}
		var ok bool
		if ev.Score, ok = ParseLevel(r.Get(colLevel)); !ok {
			errs.Add(r.Num, colLevel, r.Get(colLevel), "评价等级应为：非常满意、满意、基本满意、不满意、非常不满意（或 5–1）")
		}
		check(&errs, r.Num, &ev, units)
		var done time.Time
		if v := r.Get(colRectified); v != "" {
			if done, err = sheet.ParseTime(v); err != nil {
				errs.Add(r.Num, colRectified, v, app.ErrorMessage(err))
			} else if ok && !IsBad(ev.Score) {
				errs.Add(r.Num, colRectified, v, "只有差评才有整改完成时间")
			} else if done.Before(ev.At) {
				errs.Add(r.Num, colRectified, v, "整改完成时间早于评价时间")
			}
		}
		if errs.Len() == n {
			if IsBad(ev.Score) {
				ev.Rect = Open(sched, s.Policy, ev.At, ev.UnitID)
				if !done.IsZero() {
					ev.Rect.VerifiedAt, ev.Rect.RectifiedAt, ev.Rect.ClosedAt, ev.Rect.ClosedBy = done, done, done, "导入"
				}
			}
			evs = append(evs, ev)
		}
	}
	if errs.Len() > 0 && !skipInvalid {
		return ImportSummary{}, errs.List, errs.Err()
	}
	created, updated, err := s.Store.UpsertEvaluations(ctx, evs)
	if err != nil {
		return ImportSummary{}, nil, err
	}
	return ImportSummary{Imported: created, Updated: updated, Skipped: len(tab.Rows) - len(evs)}, errs.List, nil
}

// Submitters may record an evaluation: the centre's staff and admins (the hall's
// evaluation devices, web and QR pages post with a token of theirs) and the
// hotline's operators (a caller's rating). A member unit's handlers and unit
// admins never record one, so no unit rates itself; dispatchers and leaders read.
var Submitters = []string{app.RoleAdmin, app.RoleStaff, app.RoleOperator}

// Submit records one evaluation posted by an evaluation device, the web or a QR
// page; the time is now and the number is generated when empty.
func (s *Service) Submit(ctx context.Context, ev Evaluation) (Evaluation, error) {
	if _, err := app.RequireRole(ctx, Submitters...); err != nil {
		return Evaluation{}, err
	}
	units, err := s.Store.UnitKeys(ctx)
	if err != nil {
		return Evaluation{}, err
	}
	now := s.Clock.Now()
	ev.At, ev.Rect = now, nil
	generated := ev.No == ""
	if generated {
		ev.No = "PJ" + now.In(app.Shanghai).Format("20060102150405.000000")
	}
	var errs sheet.Errors
	if ev.Score < 1 || ev.Score > 5 {
		errs.Add(0, colLevel, strconv.Itoa(ev.Score), "评价等级应为 1–5")
	}
	check(&errs, 0, &ev, units)
	if errs.Len() > 0 {
		var msgs []string
		for _, e := range errs.List {
			msgs = append(msgs, e.Column+"："+e.Reason)
		}
		return Evaluation{}, app.Invalid("%s", strings.Join(msgs, "；"))
	}
	if IsBad(ev.Score) {
		sched, err := s.Schedule(ctx)
		if err != nil {
			return Evaluation{}, err
		}
		ev.Rect = Open(sched, s.Policy, now, ev.UnitID)
	}
	id, err := s.Store.CreateEvaluation(ctx, ev)
	// Two devices may post in the same microsecond: a generated number then takes
	// the next free suffix (-2, -3 …); a number the caller gave stays a conflict.
	for n, base := 2, ev.No; generated && app.ErrorCode(err) == app.EConflict && n <= 20; n++ {
		ev.No = base + "-" + strconv.Itoa(n)
		id, err = s.Store.CreateEvaluation(ctx, ev)
	}
	if err != nil {
		return Evaluation{}, err
	}
	return s.Store.FindEvaluation(ctx, id)
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// Row is an evaluation as a row of Headers, so an exported file imports back; the
// 整改完成时间 is given for a closed rectification only.
func Row(ev Evaluation) []string {
	done := ""
	if r := ev.Rect; r != nil && !r.ClosedAt.IsZero() {
		done = r.RectifiedAt.In(app.Shanghai).Format("2006-01-02 15:04:05")
	}
	return []string{ev.No, ev.At.In(app.Shanghai).Format("2006-01-02 15:04:05"), ev.Channel, ev.TargetKind, ev.Target,
		ev.UnitCode, LevelName(ev.Score), ev.Content, done}
}
