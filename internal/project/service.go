package project

import (
	"context"
	"strings"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/workday"
)

// Store keeps projects, policies and applications. Every change of a project or
// an application is one read-decide-write: the store opens a transaction, loads
// the row (locked on PostgreSQL), refuses a stale version (0: unchecked) with
// conflict, lets the domain decide, and writes the row with its version raised.
type Store interface {
	// CreateProject stores a new project with its stages (conflict: code taken).
	CreateProject(ctx context.Context, p *Project) (int64, error)
	Projects(ctx context.Context) ([]Project, error)
	// Project returns one project with its stages (not_found).
	Project(ctx context.Context, code string) (Project, error)
	// UpdateProject applies fn to the project and writes its stages and the
	// ledger entry fn returns (none when its Note is empty) in one transaction.
	UpdateProject(ctx context.Context, code string, version int, fn func(*Project) (LedgerEntry, error)) (Project, error)
	AddLedger(ctx context.Context, e LedgerEntry) error
	Ledger(ctx context.Context, projectID int64) ([]LedgerEntry, error)

	UpsertPolicies(ctx context.Context, ps []Policy) (created, updated int, err error)
	Policies(ctx context.Context) ([]Policy, error)
	// CreateApplication loads the application's policy (nil when unknown), lets
	// check decide and stores the application, in one transaction (conflict: number taken).
	CreateApplication(ctx context.Context, a *Application, check func(*Application, *Policy) error) error
	Applications(ctx context.Context) ([]Application, error)
	// Application returns one application (not_found).
	Application(ctx context.Context, no string) (Application, error)
	// UpdateApplication applies fn to the application (with its policy) and
	// writes it in one transaction.
	UpdateApplication(ctx context.Context, no string, version int, fn func(*Application, Policy) error) (Application, error)
}

// Service is projects and policies for the API and the pages: it stamps times
// with the clock and checks roles (Writers change things; Readers read projects
// and applications; every signed-in user reads the policies).
type Service struct {
	Store    Store
	Clock    app.Clock
	Schedule func(ctx context.Context) (workday.Schedule, error)
}

// Writers register projects, move them on, keep their ledgers, file, decide and
// pay applications: the centre's staff, its admins and its leaders.
var Writers = []string{app.RoleAdmin, app.RoleStaff, app.RoleLeader}

// Readers read projects (which carry the enterprise's contact and phone) and
// policy applications (which name the applicant), on the pages, in the API and in
// the figures built from them: the same people as Writers. Policies themselves
// are public information and every signed-in user reads them.
var Readers = Writers

var writers = Writers

// read checks that the actor may read projects and applications (Readers).
func read(ctx context.Context) error { _, err := app.RequireRole(ctx, Readers...); return err }

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
	if err := p.Validate(); err != nil {
		return err
	}
	if p.Stages[0].Started.IsZero() {
		p.Stages[0].Started = p.CreatedAt
	}
	_, err := s.Store.CreateProject(ctx, p)
	return err
}

// Pass finishes the current stage now and starts the next one (the last stage
// finishes the project) under the optimistic version (0: unchecked). It returns
// the project as written and the ledger entry, whose note says what happened.
func (s *Service) Pass(ctx context.Context, code string, version int) (Project, LedgerEntry, error) {
	act, err := app.RequireRole(ctx, writers...)
	if err != nil {
		return Project{}, LedgerEntry{}, err
	}
	var e LedgerEntry
	p, err := s.Store.UpdateProject(ctx, code, version, func(p *Project) (LedgerEntry, error) {
		var err error
		e, err = Pass(p, act.Name, s.Clock.Now())
		return e, err
	})
	return p, e, err
}

// Note appends a contact or hand-over to a project's ledger.
func (s *Service) Note(ctx context.Context, code, kind, note string) error {
	act, err := app.RequireRole(ctx, writers...)
	if err != nil {
		return err
	}
	p, err := s.Store.Project(ctx, code)
	if err != nil {
		return err
	}
	e, err := Note(p, kind, note, act.Name, s.Clock.Now())
	if err != nil {
		return err
	}
	return s.Store.AddLedger(ctx, e)
}

// Policies lists the policies (every signed-in user).
func (s *Service) Policies(ctx context.Context) ([]Policy, error) {
	if _, err := app.RequireActor(ctx); err != nil {
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

// Submit files an application now, checked against its policy.
func (s *Service) Submit(ctx context.Context, a *Application) error {
	if _, err := app.RequireRole(ctx, writers...); err != nil {
		return err
	}
	a.SubmittedAt = s.Clock.Now()
	return s.Store.CreateApplication(ctx, a, CheckApplication)
}

// Decide records the review decision now under the optimistic version (0: unchecked).
func (s *Service) Decide(ctx context.Context, no string, version int, d Decision) (Application, error) {
	act, err := app.RequireRole(ctx, writers...)
	if err != nil {
		return Application{}, err
	}
	return s.Store.UpdateApplication(ctx, no, version, func(a *Application, pol Policy) error {
		return Decide(a, pol, d, act.Name, s.Clock.Now())
	})
}

// Pay records the payout of fen now under the optimistic version (0: unchecked).
func (s *Service) Pay(ctx context.Context, no string, version int, fen int64) (Application, error) {
	act, err := app.RequireRole(ctx, writers...)
	if err != nil {
		return Application{}, err
	}
	return s.Store.UpdateApplication(ctx, no, version, func(a *Application, pol Policy) error {
		return Pay(a, pol, fen, act.Name, s.Clock.Now())
	})
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
