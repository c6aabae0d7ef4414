package cli

import (
	"context"
	"io"
	"testing"

	"govdesk/internal/account"
	"govdesk/internal/app"
	"govdesk/internal/config"
	"govdesk/internal/demo"
	"govdesk/internal/stats"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
	"govdesk/internal/workorder"
)

// TestLoadDemoCentre loads the whole demo centre and checks its shape on the seed
// (SPEC §14): 84 member units, 19 towns and 215 villages, the seed's January–
// September figures through the statistics, live work open today; and that loading
// again changes nothing. Construction projects are there too.
func TestLoadDemoCentre(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		c := config.Default()
		if err := loadDemoAll(ctx, db, c, io.Discard); err != nil {
			t.Fatal(err)
		}
		acc := &store.Accounts{DB: db}
		units, err := acc.FindUnits(ctx)
		if err != nil || len(units) != demo.MemberUnits+2 {
			t.Fatalf("%d units (want %d), %v", len(units), demo.MemberUnits+2, err)
		}
		regions, err := acc.FindRegions(ctx)
		if err != nil || len(regions) != 19+215 {
			t.Fatalf("%d regions (want 234), %v", len(regions), err)
		}
		s := wire(db, c)
		actx := app.WithActor(ctx, app.Actor{Username: "leader", Role: app.RoleLeader})
		p, err := stats.DatePeriod("2022-01-01", "2022-09-30")
		if err != nil {
			t.Fatal(err)
		}
		h, err := statsService(s).Hotline(actx, p)
		if err != nil {
			t.Fatal(err)
		}
		if h.Received != 9082 || h.Previous.Received != 6142 || h.Urgent != 186 || h.Previous.Urgent != 72 || h.Closed != 9082 {
			t.Errorf("Jan–Sep 2022: received %d/%d, urgent %d/%d, closed %d; want 9082/6142, 186/72, all closed",
				h.Received, h.Previous.Received, h.Urgent, h.Previous.Urgent, h.Closed)
		}
		if r := *h.SatisfactionRate; r < 89 || r > 94 {
			t.Errorf("satisfaction %.2f%%, want about the seed's 91.15%%", r)
		}
		if d := *h.AvgConsult; d < 1 || d > 1.5 {
			t.Errorf("consultations take %.2f working days, want about the seed's 1.24", d)
		}
		if d := *h.AvgNonConsult; d < 4.8 || d > 6 {
			t.Errorf("other orders take %.2f working days, want about the seed's 5.37", d)
		}
		open := workorder.Statuses[:len(workorder.Statuses)-1]
		live, n, err := s.orders.List(actx, workorder.Filter{Statuses: open, Page: app.Page{PerPage: 1}})
		if err != nil || n < 100 || len(live) != 1 {
			t.Fatalf("%d open orders, want live work; %v", n, err)
		}
		hctx := app.WithActor(ctx, app.Actor{Username: "handler", Role: app.RoleHandler, UnitID: unitID(units, demo.DemoHandlerUnit), UnitCode: demo.DemoHandlerUnit})
		if _, n, err := s.orders.List(hctx, workorder.Filter{Statuses: open, Page: app.Page{PerPage: 1}}); err != nil || n == 0 {
			t.Fatalf("the demo handler's unit has %d open orders, %v", n, err)
		}
		ps, err := (&store.ProjectRecords{DB: db}).Projects(ctx)
		if err != nil || len(ps) != len(demoBuildProjects) {
			t.Fatalf("%d projects (want %d), %v", len(ps), len(demoBuildProjects), err)
		}
		_, all, _ := s.orders.List(actx, workorder.Filter{Page: app.Page{PerPage: 1}})
		if err := loadDemoAll(ctx, db, c, io.Discard); err != nil {
			t.Fatal(err)
		}
		if _, again, _ := s.orders.List(actx, workorder.Filter{Page: app.Page{PerPage: 1}}); again != all {
			t.Fatalf("loading again: %d orders, had %d", again, all)
		}
	})
}

func unitID(units []account.Unit, code string) int64 {
	for _, u := range units {
		if u.Code == code {
			return u.ID
		}
	}
	return 0
}
