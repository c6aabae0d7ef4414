package storetest

import (
	"context"
	"testing"
	"time"

	"govdesk/internal/account"
	"govdesk/internal/app"
	"govdesk/internal/knowledge"
	"govdesk/internal/store"
	"govdesk/internal/workday"
	"govdesk/internal/workorder"
)

// Centre is a service centre over a real database for tests: a hotline office and
// two member units, an actor per role, and the work-order service with a fixed
// clock and the built-in calendar.
type Centre struct {
	DB       *store.DB
	Clock    *app.FixedClock
	Schedule workday.Schedule // built-in calendar, workhours clock, default periods
	Orders   *workorder.Service

	// Actors: System (the system admin), Operator and Dispatcher (H001), Handler1 (U001),
	// Handler2 and UnitAdmin2 (U002), Leader and Staff (C001).
	System, Operator, Dispatcher, Handler1, Handler2, UnitAdmin2, Leader, Staff context.Context
}

// At parses an RFC3339 instant or panics.
func At(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// NewCentre creates the units C001 (centre), H001 (hotline office), U001 and U002 in db and
// returns the centre with its clock at now.
func NewCentre(t testing.TB, db *store.DB, now time.Time) *Centre {
	t.Helper()
	ctx := context.Background()
	acc := &store.Accounts{DB: db}
	if _, _, err := acc.UpsertUnits(ctx, []account.Unit{
		{Code: "C001", Name: "市行政服务中心", Active: true}, {Code: "H001", Name: "12345热线办", Active: true},
		{Code: "U001", Name: "市住建局", Active: true}, {Code: "U002", Name: "市水务局", Active: true},
	}); err != nil {
		t.Fatal(err)
	}
	actor := func(name, role, unit string) context.Context {
		u, err := acc.FindUnitByCode(ctx, unit)
		if err != nil {
			t.Fatal(err)
		}
		return app.WithActor(ctx, app.Actor{Username: name, Name: name, Role: role, UnitID: u.ID, UnitCode: u.Code})
	}
	cal, err := workday.NewCalendar(nil)
	if err != nil {
		t.Fatal(err)
	}
	c := &Centre{DB: db, Clock: &app.FixedClock{T: now}, Schedule: workday.Schedule{Cal: cal, Clock: workday.WorkHours}}
	c001, _ := acc.FindUnitByCode(ctx, "C001")
	c.Orders = &workorder.Service{Store: &store.Orders{DB: db}, Directory: acc, Articles: &store.Knowledge{DB: db},
		Policies: &workorder.Policies{Store: &store.Policies{DB: db}, Clock: c.Clock}, Clock: c.Clock,
		Schedule: c.ScheduleFunc, SensitiveUnits: []int64{c001.ID}}
	c.System = app.WithActor(ctx, app.System)
	c.Operator, c.Dispatcher = actor("op", app.RoleOperator, "H001"), actor("disp", app.RoleDispatcher, "H001")
	c.Handler1, c.Handler2 = actor("h1", app.RoleHandler, "U001"), actor("h2", app.RoleHandler, "U002")
	c.UnitAdmin2 = actor("ua2", app.RoleUnitAdmin, "U002")
	c.Leader, c.Staff = actor("boss", app.RoleLeader, "C001"), actor("staff", app.RoleStaff, "C001")
	return c
}

// ScheduleFunc returns the centre's schedule, as services take it.
func (c *Centre) ScheduleFunc(context.Context) (workday.Schedule, error) { return c.Schedule, nil }

// Register enters a town (with a village when not empty) and a category path into the
// registry, as an import or the demo would, so that new orders may name them; empty
// names are skipped.
func (c *Centre) Register(t testing.TB, town, village, category string) {
	t.Helper()
	acc := &store.Accounts{DB: c.DB}
	if town != "" {
		if _, _, _, err := acc.EnsureRegion(context.Background(), town, village); err != nil {
			t.Fatalf("register %s/%s: %v", town, village, err)
		}
	}
	if category != "" {
		if _, _, err := acc.EnsureCategory(context.Background(), category); err != nil {
			t.Fatalf("register %s: %v", category, err)
		}
	}
}

// Article saves a knowledge-base article with the status (draft, published or
// retired) and the end of its validity (zero: none), and returns its id.
func (c *Centre) Article(t testing.TB, title, status string, validUntil time.Time) int64 {
	t.Helper()
	kb := &store.Knowledge{DB: c.DB}
	ctx := context.Background()
	a := knowledge.Article{Title: title, Answer: title + "的答复", Status: status, ValidUntil: validUntil}
	if _, _, err := kb.SaveArticles(ctx, []knowledge.Article{a}, c.Clock.Now()); err != nil {
		t.Fatalf("save article %s: %v", title, err)
	}
	id, err := kb.ArticleIDByTitle(ctx, title)
	if err != nil || id == 0 {
		t.Fatalf("article %s: id %d, %v", title, id, err)
	}
	return id
}
