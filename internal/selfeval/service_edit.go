package selfeval

import (
	"context"

	"govdesk/internal/app"
	"govdesk/internal/sheet"
)

// EditRoles may enter the self-evaluation's inputs, scores and acceptances.
var EditRoles = []string{app.RoleAdmin, app.RoleStaff, app.RoleLeader}

// Readers read a year's self-evaluation (its figures, findings and report): the
// people who prepare and sign it.
var Readers = EditRoles

// Importer is what imports need of the store besides Store.
type Importer interface {
	ImportBudgets(ctx context.Context, bs []Budget, actor string) (added, updated int, err error)
	ImportTargets(ctx context.Context, ts []PerfTarget, actor string) (added, updated int, err error)
}

func (s *Service) editor(ctx context.Context) (string, error) {
	a, err := app.RequireRole(ctx, EditRoles...)
	return a.Username, err
}

// SaveBudget stores the year's budget and staffing made on version.
func (s *Service) SaveBudget(ctx context.Context, b Budget, version int) (int, error) {
	by, err := s.editor(ctx)
	if err != nil {
		return 0, err
	}
	return s.Store.SaveBudget(ctx, b, version, by)
}

// SetProjects replaces the year's projects.
func (s *Service) SetProjects(ctx context.Context, year int, names []string, version int) (int, error) {
	by, err := s.editor(ctx)
	if err != nil {
		return 0, err
	}
	return s.Store.SetProjects(ctx, year, names, version, by)
}

// SaveTarget adds or updates one target of the year.
func (s *Service) SaveTarget(ctx context.Context, t PerfTarget, version int) (int, error) {
	by, err := s.editor(ctx)
	if err != nil {
		return 0, err
	}
	_, _, v, err := s.Store.SaveTargets(ctx, t.Year, []PerfTarget{t}, version, by)
	return v, err
}

// DeleteTarget removes a target of the year.
func (s *Service) DeleteTarget(ctx context.Context, year int, id int64, version int) (int, error) {
	by, err := s.editor(ctx)
	if err != nil {
		return 0, err
	}
	return s.Store.DeleteTarget(ctx, year, id, version, by)
}

// SaveEntry stores a person's scoring of one indicator; a qualitative score is checked
// against its band, and evidence is required for a qualitative indicator.
func (s *Service) SaveEntry(ctx context.Context, year int, e Entry, version int) (int, error) {
	by, err := s.editor(ctx)
	if err != nil {
		return 0, err
	}
	rows, _, err := s.Store.Table(ctx)
	if err != nil {
		return 0, err
	}
	var row *TableRow
	for i := range rows {
		if rows[i].Code == e.Code {
			row = &rows[i]
		}
	}
	if row == nil {
		return 0, app.NotFound("指标 %s 不在指标表中", e.Code)
	}
	if row.Rule == RuleQualitative && e.Score != nil {
		if _, err := Qualitative(row.Weight, e.Band, e.Score.Float()); err != nil {
			return 0, app.Invalid("指标“%s”：%v", row.Level3, err)
		}
		if e.Evidence == "" {
			return 0, app.Invalid("指标“%s”为定性指标，须填写佐证材料", row.Level3)
		}
	}
	if e.Value != nil && e.Value.Rat.Sign() < 0 {
		return 0, app.Invalid("指标“%s”的数值不能为负数", row.Level3)
	}
	if e.Value != nil && (row.Rule == RuleChecklist || row.Rule == RuleDeduction) && !e.Value.Rat.IsInt() {
		return 0, app.Invalid("指标“%s”应填写项数（整数），实为 %s", row.Level3, e.Value.Text)
	}
	if e.Score != nil && e.Score.Rat.Sign() < 0 {
		return 0, app.Invalid("指标“%s”的得分不能为负数", row.Level3)
	}
	return s.Store.SaveEntry(ctx, year, e, version, by)
}

// Accepts reports whether the actor may accept findings.
func (s *Service) acceptor(ctx context.Context) (string, error) { return s.editor(ctx) }

// AcceptAs accepts a finding as the context's actor.
func (s *Service) AcceptAs(ctx context.Context, year int, code, figure, reason string) error {
	by, err := s.acceptor(ctx)
	if err != nil {
		return err
	}
	return s.Accept(ctx, year, code, figure, reason, by)
}

// ReplaceTable replaces the indicator table with a city's own (nil restores the default).
func (s *Service) ReplaceTable(ctx context.Context, rows []TableRow) error {
	if _, err := app.RequireRole(ctx, app.RoleAdmin, app.RoleStaff); err != nil {
		return err
	}
	return s.Store.ReplaceTable(ctx, rows)
}

// ImportSummary is the result of an import (SPEC §13).
type ImportSummary struct{ Imported, Updated, Skipped int }

func (s *Service) importer() (Importer, error) {
	imp, ok := s.Store.(Importer)
	if !ok {
		return nil, app.Invalid("当前存储不支持导入")
	}
	return imp, nil
}

// ImportBudgets imports a budgets table (all or nothing unless skipInvalid).
func (s *Service) ImportBudgets(ctx context.Context, tab *sheet.Table, skipInvalid bool) (ImportSummary, []sheet.RowError, error) {
	by, err := s.editor(ctx)
	if err != nil {
		return ImportSummary{}, nil, err
	}
	bs, bad := ParseBudgets(tab)
	if len(bad) > 0 && !skipInvalid {
		return ImportSummary{}, bad, (&sheet.Errors{List: bad}).Err()
	}
	imp, err := s.importer()
	if err != nil {
		return ImportSummary{}, nil, err
	}
	added, updated, err := imp.ImportBudgets(ctx, bs, by)
	return ImportSummary{added, updated, len(tab.Rows) - len(bs)}, bad, err
}

// ImportTargets imports a targets table (all or nothing unless skipInvalid).
func (s *Service) ImportTargets(ctx context.Context, tab *sheet.Table, skipInvalid bool) (ImportSummary, []sheet.RowError, error) {
	by, err := s.editor(ctx)
	if err != nil {
		return ImportSummary{}, nil, err
	}
	ts, bad := ParseTargets(tab)
	if len(bad) > 0 && !skipInvalid {
		return ImportSummary{}, bad, (&sheet.Errors{List: bad}).Err()
	}
	imp, err := s.importer()
	if err != nil {
		return ImportSummary{}, nil, err
	}
	added, updated, err := imp.ImportTargets(ctx, ts, by)
	return ImportSummary{added, updated, len(tab.Rows) - len(ts)}, bad, err
}
