package selfeval

import (
	"context"
	"io"
	"strings"
	"time"

	"govdesk/internal/app"
)

// Store keeps the self-evaluation inputs (*store.SelfEval).
type Store interface {
	Year(ctx context.Context, year int) (*YearData, error)
	SaveBudget(ctx context.Context, b Budget, version int, actor string) (int, error)
	SetProjects(ctx context.Context, year int, names []string, version int, actor string) (int, error)
	SaveTargets(ctx context.Context, year int, ts []PerfTarget, version int, actor string) (added, updated, v int, err error)
	DeleteTarget(ctx context.Context, year int, id int64, version int, actor string) (int, error)
	SaveEntry(ctx context.Context, year int, e Entry, version int, actor string) (int, error)
	Accept(ctx context.Context, year int, a Acceptance) error
	Table(ctx context.Context) ([]TableRow, bool, error)
	// Years returns the years whose inputs were edited at least once, oldest first.
	Years(ctx context.Context) ([]int, error)
	ReplaceTable(ctx context.Context, rows []TableRow) error
}

// PassageStore keeps the editable passages of documents (*store.Passages).
type PassageStore interface {
	Get(ctx context.Context, docKey string) (map[string]string, error)
	Set(ctx context.Context, docKey, key, body string) error
}

// ModuleSource gathers what the other modules know for a year.
type ModuleSource func(ctx context.Context, year int) (Modules, error)

// Service is the self-evaluation over stored inputs and live module figures.
type Service struct {
	Store    Store
	Passages PassageStore
	Modules  ModuleSource
	Clock    app.Clock // when an acceptance is made; nil: the system clock
}

func (s *Service) now() time.Time {
	if s.Clock == nil {
		return time.Now()
	}
	return s.Clock.Now()
}

// Evaluation builds the year's self-evaluation from the database and the modules.
func (s *Service) Evaluation(ctx context.Context, year int) (*Evaluation, *YearData, error) {
	if _, err := app.RequireRole(ctx, Readers...); err != nil {
		return nil, nil, err
	}
	y, err := s.Store.Year(ctx, year)
	if err != nil {
		return nil, nil, err
	}
	var mods Modules
	if s.Modules != nil {
		if mods, err = s.Modules(ctx, year); err != nil {
			return nil, nil, err
		}
	}
	return Build(y, mods), y, nil
}

// Years returns the years that have self-evaluation inputs, oldest first.
func (s *Service) Years(ctx context.Context) ([]int, error) { return s.Store.Years(ctx) }

// Report writes the year's report and/or table (either writer may be nil), refusing while
// findings are open unless opt.Draft.
func (s *Service) Report(ctx context.Context, year int, doc, table io.Writer, opt ReportOptions) (*Evaluation, error) {
	e, y, err := s.Evaluation(ctx, year)
	if err != nil {
		return nil, err
	}
	if y.Version == 0 {
		return e, app.NotFound("%d 年度尚无自评数据：请先录入或导入预算、绩效目标和指标评分", year)
	}
	if open := e.Open(); len(open) > 0 && !opt.Draft {
		return e, blocked(open)
	}
	if doc != nil {
		p, err := s.passages(ctx, year)
		if err != nil {
			return e, err
		}
		if err := WriteReport(doc, e, p, opt); err != nil {
			return e, err
		}
	}
	if table != nil {
		if err := WriteTable(table, e); err != nil {
			return e, err
		}
	}
	return e, nil
}

func (s *Service) passages(ctx context.Context, year int) (map[string]string, error) {
	if s.Passages == nil {
		return nil, nil
	}
	return s.Passages.Get(ctx, DocKey(year))
}

// PassageTexts returns the year's written passages by key.
func (s *Service) PassageTexts(ctx context.Context, year int) (map[string]string, error) {
	return s.passages(ctx, year)
}

// SetPassage keeps a person's passage for the year's report.
func (s *Service) SetPassage(ctx context.Context, year int, key, body string) error {
	if PassageName(key) == "" {
		return app.Invalid("未知的报告段落 %q", key)
	}
	if s.Passages == nil {
		return app.Invalid("报告段落无法保存")
	}
	return s.Passages.Set(ctx, DocKey(year), key, strings.TrimSpace(body))
}

// Accept accepts one of the year's current findings with a reason; a finding that is not
// (or no longer) raised cannot be accepted.
func (s *Service) Accept(ctx context.Context, year int, code, figure, reason, by string) error {
	if strings.TrimSpace(reason) == "" {
		return app.Invalid("接受问题必须填写理由")
	}
	e, _, err := s.Evaluation(ctx, year)
	if err != nil {
		return err
	}
	for _, f := range e.Findings {
		if f.Code == code && f.Figure == figure {
			return s.Store.Accept(ctx, year, Acceptance{Code: code, Figure: figure, Message: f.Message, Reason: strings.TrimSpace(reason),
				By: by, At: s.now()})
		}
	}
	return app.NotFound("%d 年度自评中没有问题 [%s] %s（可能已修正）", year, code, figure)
}
