package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"testing"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/config"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
	"govdesk/internal/workorder"
)

// TestSchedulerHelperProcess is not a test: the two-process test runs the test binary
// again with GOVDESK_SCHED_HELPER set, and this runs `govdesk scheduler run-once`.
func TestSchedulerHelperProcess(t *testing.T) {
	dsn := os.Getenv("GOVDESK_SCHED_HELPER")
	if dsn == "" {
		t.Skip("helper process only")
	}
	os.Exit(Main(context.Background(), []string{"scheduler", "run-once", "--db", dsn}, os.Stdout, os.Stderr))
}

// TestScheduler_TwoProcesses starts two govdesk processes on one database at the
// same moment: each job runs once, and each notice is raised once.
func TestScheduler_TwoProcesses(t *testing.T) {
	storetest.RunDSN(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		db, err := store.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if _, err := db.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		if err := LoadDemo(ctx, db, config.Default()); err != nil {
			t.Fatal(err)
		}
		// An order dispatched in 2022 and never signed for: overdue and late to sign now.
		s := wire(db, config.Default())
		clock := &app.FixedClock{T: time.Date(2022, 9, 1, 9, 0, 0, 0, app.Shanghai)}
		s.orders.Clock = clock
		acc := &store.Accounts{DB: db}
		h001, _ := acc.FindUnitByCode(ctx, "H001")
		op := app.WithActor(ctx, app.Actor{Username: "operator", Role: app.RoleOperator, UnitID: h001.ID, UnitCode: "H001"})
		disp := app.WithActor(ctx, app.Actor{Username: "dispatcher", Role: app.RoleDispatcher, UnitID: h001.ID, UnitCode: "H001"})
		o, _, err := s.orders.Create(op, workorder.NewOrder{Type: "投诉", Content: "井盖缺失", CitizenPhone: "13800138000"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.orders.Dispatch(disp, o.ID, 0, workorder.DispatchInput{UnitCode: "U001"}); err != nil {
			t.Fatal(err)
		}

		var procs []*exec.Cmd
		var outs []*bytes.Buffer
		for i := 0; i < 2; i++ {
			cmd := exec.Command(os.Args[0], "-test.run=^TestSchedulerHelperProcess$")
			cmd.Env = append(os.Environ(), "GOVDESK_SCHED_HELPER="+dsn)
			var out bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &out
			procs, outs = append(procs, cmd), append(outs, &out)
		}
		for _, p := range procs {
			if err := p.Start(); err != nil {
				t.Fatal(err)
			}
		}
		ranBy := map[string]int{}
		for i, p := range procs {
			if err := p.Wait(); err != nil {
				t.Fatalf("process %d: %v\n%s", i, err, outs[i])
			}
			var res struct{ Ran []string }
			line := outs[i].Bytes()
			if j := bytes.IndexByte(line, '{'); j >= 0 {
				line = line[j:]
			}
			if err := json.NewDecoder(bytes.NewReader(line)).Decode(&res); err != nil {
				t.Fatalf("process %d output %q: %v", i, outs[i], err)
			}
			for _, name := range res.Ran {
				ranBy[name]++
			}
		}
		for _, j := range jobs {
			if ranBy[j.name] != 1 {
				t.Errorf("job %s ran %d times across two processes", j.name, ranBy[j.name])
			}
			if n, _, _ := (&store.Jobs{DB: db}).Runs(ctx, j.name); n != 1 {
				t.Errorf("job %s recorded %d runs", j.name, n)
			}
		}
		var overdue, signlate int
		db.QueryRow(`SELECT count(*) FROM notices WHERE kind = 'overdue'`).Scan(&overdue)
		db.QueryRow(`SELECT count(*) FROM notices WHERE kind = 'signlate'`).Scan(&signlate)
		if overdue != 2 || signlate != 1 {
			t.Errorf("notices: %d overdue (want 2: unit and dispatchers), %d late sign-for (want 1)", overdue, signlate)
		}

		// A run in the same period does nothing; raising again adds no duplicate notices.
		if ran, err := runDueJobs(ctx, s); err != nil || len(ran) != 0 {
			t.Errorf("second run in the period ran %v, %v", ran, err)
		}
		clock.T = time.Now()
		if n, err := s.orders.RaiseDeadlineNotices(app.WithActor(ctx, app.System)); err != nil || n != 0 {
			t.Errorf("raising again added %d notices, %v", n, err)
		}
	})
}
