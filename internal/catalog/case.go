package catalog

import (
	"context"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/sheet"
	"govdesk/internal/workday"
)

// Channels are the ways a case is accepted (受理渠道); ChannelTownVillage counts
// towards the centre's town/village target.
var Channels = []string{"窗口", "网上", "自助终端", "镇村站点"}

// ChannelTownVillage is the channel of the town and village service points.
const ChannelTownVillage = "镇村站点"

// Results are the outcomes of a finished case (办理结果).
var Results = []string{"准予", "不予", "退回"}

// Case is one application handled under an item (办件).
type Case struct {
	ID           int64
	No           string // 办件编号, the key
	ItemID       int64
	ItemCode     string
	ItemName     string
	Applicant    string
	Channel      string
	Town         string
	Village      string
	AcceptedAt   time.Time
	FinishedAt   time.Time // zero while open
	Result       string    // "" while open
	PromisedDays float64   // the item's promised limit at acceptance
	Deadline     time.Time // by the workdays clock; zero when the item has no limit
}

// Finished reports whether the case has been concluded.
func (c Case) Finished() bool { return !c.FinishedAt.IsZero() }

// OnTime reports whether a finished case was concluded by its deadline; a case
// without a deadline is on time once finished.
func (c Case) OnTime() bool {
	return c.Finished() && (c.Deadline.IsZero() || !c.FinishedAt.After(c.Deadline))
}

// CaseDeadline is the deadline of a case accepted at accepted under an item with
// the given promised limit and kind: legal limits count whole working days with the
// acceptance day excluded (the workdays clock of SPEC §3, whatever sla.clock says).
// An 即办件 (or a limit of 0) is due by the end of the acceptance day. An item with
// neither a limit nor 即办 gives the zero time (no deadline).
func CaseDeadline(s workday.Schedule, accepted time.Time, promised float64, immediate bool) time.Time {
	if promised > 0 {
		s.Clock = workday.WorkDays
		return s.Deadline(accepted, promised)
	}
	if immediate {
		d := accepted.In(app.Shanghai)
		return time.Date(d.Year(), d.Month(), d.Day()+1, 0, 0, 0, 0, app.Shanghai)
	}
	return time.Time{}
}

// Case import headers (SPEC §6).
const (
	colCaseNo, colCaseItem, colApplicant, colChannel = "办件编号", "实施编码", "申请人", "受理渠道"
	colTown, colVillage, colAccepted, colFinished    = "所属镇街", "所属村居", "受理时间", "办结时间"
	colResult                                        = "办理结果"
)

// CaseHeaders are the headers of a cases file in export order.
var CaseHeaders = []string{colCaseNo, colCaseItem, colApplicant, colChannel, colTown, colVillage, colAccepted, colFinished, colResult}

// CaseSpec is the header specification of a cases file.
var CaseSpec = sheet.Spec{Required: CaseHeaders[:7], Optional: CaseHeaders[7:]}

// ImportCases validates every row of a cases table and, when all are valid (or
// skipInvalid is set), creates or updates the cases by 办件编号 in one transaction.
// The item must exist; its promised limit fixes the case's deadline.
func (s *Service) ImportCases(ctx context.Context, tab *sheet.Table, skipInvalid bool) (ImportSummary, []sheet.RowError, error) {
	if _, err := app.RequireRole(ctx, app.RoleAdmin, app.RoleStaff); err != nil {
		return ImportSummary{}, nil, err
	}
	items, err := s.Store.FindItems(ctx)
	if err != nil {
		return ImportSummary{}, nil, err
	}
	byCode := make(map[string]Item, len(items))
	for _, it := range items {
		byCode[it.Code] = it
	}
	sched, err := s.Schedule(ctx)
	if err != nil {
		return ImportSummary{}, nil, err
	}
	var errs sheet.Errors
	var cases []Case
	seen := sheet.Unique{}
	for _, r := range tab.Rows {
		n := errs.Len()
		c := Case{No: r.Get(colCaseNo), ItemCode: r.Get(colCaseItem), Applicant: r.Get(colApplicant), Channel: r.Get(colChannel),
			Town: r.Get(colTown), Village: r.Get(colVillage), Result: r.Get(colResult)}
		if c.No == "" {
			errs.Add(r.Num, colCaseNo, "", "办件编号不能为空")
		} else {
			seen.Cell(&errs, r.Num, colCaseNo, c.No)
		}
		it, ok := byCode[c.ItemCode]
		if !ok {
			errs.Add(r.Num, colCaseItem, c.ItemCode, "实施编码不是已有事项（请先导入事项）")
		}
		if c.Applicant == "" {
			errs.Add(r.Num, colApplicant, "", "申请人不能为空")
		}
		if !contains(Channels, c.Channel) {
			errs.Add(r.Num, colChannel, c.Channel, "受理渠道应为：窗口、网上、自助终端、镇村站点")
		}
		if c.Town == "" {
			errs.Add(r.Num, colTown, "", "所属镇街不能为空")
		}
		if c.AcceptedAt, err = sheet.ParseTime(r.Get(colAccepted)); err != nil {
			errs.Add(r.Num, colAccepted, r.Get(colAccepted), app.ErrorMessage(err))
		}
		if v := r.Get(colFinished); v != "" {
			if c.FinishedAt, err = sheet.ParseTime(v); err != nil {
				errs.Add(r.Num, colFinished, v, app.ErrorMessage(err))
			} else if !c.AcceptedAt.IsZero() && c.FinishedAt.Before(c.AcceptedAt) {
				errs.Add(r.Num, colFinished, v, "办结时间早于受理时间")
			}
		}
		switch {
		case c.Result != "" && !contains(Results, c.Result):
			errs.Add(r.Num, colResult, c.Result, "办理结果应为：准予、不予、退回")
		case c.Result != "" && c.FinishedAt.IsZero():
			errs.Add(r.Num, colFinished, "", "填写了办理结果的办件须有办结时间")
		case c.Result == "" && !c.FinishedAt.IsZero():
			errs.Add(r.Num, colResult, "", "已办结的办件须填写办理结果")
		}
		if errs.Len() == n {
			c.ItemID, c.ItemName, c.PromisedDays = it.ID, it.Name, it.PromisedDays
			c.Deadline = CaseDeadline(sched, c.AcceptedAt, it.PromisedDays, it.Immediate)
			cases = append(cases, c)
		}
	}
	if errs.Len() > 0 && !skipInvalid {
		return ImportSummary{}, errs.List, errs.Err()
	}
	created, updated, regions, err := s.Store.UpsertCases(ctx, cases)
	if err != nil {
		return ImportSummary{}, nil, err
	}
	return ImportSummary{Imported: created, Updated: updated, Skipped: len(tab.Rows) - len(cases), CreatedRegions: regions}, errs.List, nil
}

// Items lists the catalogue (every signed-in user may read it).
func (s *Service) Items(ctx context.Context) ([]Item, error) {
	if _, err := app.RequireActor(ctx); err != nil {
		return nil, err
	}
	return s.Store.FindItems(ctx)
}

// SeesAllCases reports whether the actor reads every unit's cases: a member
// unit's handlers and unit admins read only the cases of their unit's items (a
// case names its applicant, personal data); everyone else reads all.
func SeesAllCases(a app.Actor) bool { return !a.Is(app.RoleHandler, app.RoleUnitAdmin) }

// Cases lists the cases accepted in [from, to) that the actor may read (SeesAllCases).
func (s *Service) Cases(ctx context.Context, from, to time.Time) ([]Case, error) {
	act, err := app.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	list, err := s.Store.FindCases(ctx, from, to)
	if err != nil || SeesAllCases(act) {
		return list, err
	}
	items, err := s.Store.FindItems(ctx)
	if err != nil {
		return nil, err
	}
	own := map[int64]bool{}
	for _, it := range items {
		if it.UnitID == act.UnitID {
			own[it.ID] = true
		}
	}
	out := list[:0]
	for _, c := range list {
		if own[c.ItemID] {
			out = append(out, c)
		}
	}
	return out, nil
}

// LatestCase returns when the last case accepted before `before` was accepted (false:
// none), for the pages that open on the latest period with cases.
func (s *Service) LatestCase(ctx context.Context, before time.Time) (time.Time, bool, error) {
	act, err := app.RequireActor(ctx)
	if err != nil {
		return time.Time{}, false, err
	}
	var unit int64 // a unit's people learn only of their own unit's cases, as Cases lists them
	if !SeesAllCases(act) {
		unit = act.UnitID
	}
	return s.Store.LatestCase(ctx, before, unit)
}

// Item returns one item and its versions, newest first.
func (s *Service) Item(ctx context.Context, code string) (Item, []ItemVersion, error) {
	if _, err := app.RequireActor(ctx); err != nil {
		return Item{}, nil, err
	}
	it, err := s.Store.FindItemByCode(ctx, code)
	if err != nil {
		return Item{}, nil, err
	}
	hist, err := s.Store.ItemHistory(ctx, it.ID)
	return it, hist, err
}

// CaseRow is a case as a row of CaseHeaders, so an exported file imports back.
func CaseRow(c Case) []string {
	t := func(v time.Time) string {
		if v.IsZero() {
			return ""
		}
		return v.In(app.Shanghai).Format("2006-01-02 15:04:05")
	}
	return []string{c.No, c.ItemCode, c.Applicant, c.Channel, c.Town, c.Village, t(c.AcceptedAt), t(c.FinishedAt), c.Result}
}
