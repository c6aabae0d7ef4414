package cli

import (
	"context"

	"govdesk/internal/selfeval"
	"govdesk/internal/sheet"
)

func selfevalImport(run func(*selfeval.Service, context.Context, *sheet.Table, bool) (selfeval.ImportSummary, []sheet.RowError, error)) func(ctx context.Context, s *services, tab *sheet.Table, skip bool) (importResult, []sheet.RowError, error) {
	return func(ctx context.Context, s *services, tab *sheet.Table, skip bool) (importResult, []sheet.RowError, error) {
		sum, bad, err := run(selfevalService(s), ctx, tab, skip)
		var r importResult
		r.Imported, r.Updated, r.Skipped = sum.Imported, sum.Updated, sum.Skipped
		return r, bad, err
	}
}

// importBudgets is `govdesk import budgets FILE`: budgets, final accounts and staffing by year.
var importBudgets = selfevalImport((*selfeval.Service).ImportBudgets)

// importTargets is `govdesk import targets FILE`: projects' performance targets by year.
var importTargets = selfevalImport((*selfeval.Service).ImportTargets)
