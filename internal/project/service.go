package project

import (
	"context"
	"strings"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/workday"
)

// Store keeps projects, policies and applications.
type Store interface {
	CreateProject(ctx context.Context, p *Project) (int64, error)
	Projects(ctx context.Context) ([]Project, error)
	Project(ctx context.Context, code string) (Project, error)
	Start(ctx context.Context, code string, at time.Time) error
	Pass(ctx context.Context, code, actor string, at time.Time) error
	AddLedger(ctx context.Context, e LedgerEntry) error
	Ledger(ctx context.Context, projectID int64) ([]LedgerEntry, error)

	UpsertPolicies(ctx context.Context, ps []Policy) (created, updated int, err error)
	Policies(ctx context.Context) ([]Policy, error)
	Submit(ctx context.Context, a *Application) error
	Applications(ctx context.Context) ([]Application, error)
	Application(ctx context.Context, no string) (Application, error)
	Decide(ctx context.Context, no string, approve bool, reason string, at time.Time) error
	Pay(ctx context.Context, no string, fen int64, at time.Time) error
}

// Service is projects and policies for the API and the pages: it stamps times
// with the clock and checks roles (centre staff and admins change things;
// every signed-in user reads).
type Service struct {
	Store    Store
	Clock    app.Clock
	Schedule func(ctx context.Context) (workday.Schedule, error)
}

var writers = []string{app.RoleAdmin, app.RoleStaff, app.RoleLeader}

func read(ctx context.Context) error { _, err := app.RequireActor(ctx); return err }

// Now returns the service's clock reading.
func (s *Service) Now() time.Time { return s.Clock.Now() }

// Sched returns the working-day schedule.
func (s *Service) Sched(ctx context.Context) (workday.Schedule, error) { return s.Schedule(ctx) }

// Projects lists every project with its stages.
func (s *Service) Projects(ctx context.Context) ([]Project, error) {
	if err := read(ctx); err != nil {
		return nil, err
	}
	return s.Store.Projects(ctx)
}

// Project returns one project with its ledger.
func (s *Service) Project(ctx context.Context, code string) (Project, []LedgerEntry, error) {
	if err := read(ctx); err != nil {
		return Project{}, nil, err
	}
	p, err := s.Store.Project(ctx, code)
	if err != nil {
		return p, nil, err
	}
	led, err := s.Store.Ledger(ctx, p.ID)
	return p, led, err
}

// Create registers a project and starts its first stage now.
func (s *Service) Create(ctx context.Context, p *Project) error {
	if _, err := app.RequireRole(ctx, writers...); err != nil {
		return err
	}
	p.CreatedAt = s.Clock.Now()
	if _, err := s.Store.CreateProject(ctx, p); err != nil {
		return err
	}
	return s.Store.Start(ctx, p.Code, p.CreatedAt)
}

// Pass finishes the current stage now and starts the next one.
func (s *Service) Pass(ctx context.Context, code string) error {
	act, err := app.RequireRole(ctx, writers...)
	if err != nil {
		return err
	}
	return s.Store.Pass(ctx, code, act.Name, s.Clock.Now())
}

// Note appends a contact to a project's ledger.
func (s *Service) Note(ctx context.Context, code, kind, note string) error {
	act, err := app.RequireRole(ctx, writers...)
	if err != nil {
		return err
	}
	p, err := s.Store.Project(ctx, code)
	if err != nil {
		return err
	}
	if kind == "" {
		kind = "联系"
	}
	return s.Store.AddLedger(ctx, LedgerEntry{ProjectID: p.ID, At: s.Clock.Now(), Kind: kind, Actor: act.Name, Note: note})
}

// Policies lists the policies.
func (s *Service) Policies(ctx context.Context) ([]Policy, error) {
	if err := read(ctx); err != nil {
		return nil, err
	}
	return s.Store.Policies(ctx)
}

// Applications lists the applications.
func (s *Service) Applications(ctx context.Context) ([]Application, error) {
	if err := read(ctx); err != nil {
		return nil, err
	}
	return s.Store.Applications(ctx)
}

// Submit files an application now.
func (s *Service) Submit(ctx context.Context, a *Application) error {
	if _, err := app.RequireRole(ctx, writers...); err != nil {
		return err
	}
	a.SubmittedAt = s.Clock.Now()
	return s.Store.Submit(ctx, a)
}

// Decide records the review decision now.
func (s *Service) Decide(ctx context.Context, no string, approve bool, reason string) error {
	if _, err := app.RequireRole(ctx, writers...); err != nil {
		return err
	}
	return s.Store.Decide(ctx, no, approve, reason, s.Clock.Now())
}

// Pay records the payout now.
func (s *Service) Pay(ctx context.Context, no string, fen int64) error {
	if _, err := app.RequireRole(ctx, writers...); err != nil {
		return err
	}
	return s.Store.Pay(ctx, no, fen, s.Clock.Now())
}

// PublicStatus is the applicant's view of an application on the public page: it
// needs the application number and the applicant's name as filed, so that numbers
// alone reveal nothing. No sign-in is needed.
func (s *Service) PublicStatus(ctx context.Context, no, applicant string) (Application, error) {
	a, err := s.Store.Application(ctx, strings.TrimSpace(no))
	if err != nil || a.Applicant != strings.TrimSpace(applicant) {
		return Application{}, app.NotFound("未查到该申请，请核对申请编号和申请人名称")
	}
	return a, nil
}
