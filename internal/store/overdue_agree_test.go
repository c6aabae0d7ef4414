package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
	"govdesk/internal/workday"
	"govdesk/internal/workorder"
)

// 超期 is written twice: as SQL for lists, counts and statistics (overdueSQL) and
// in Go for the flags an order shows (workorder.FlagsAt). Over generated orders in
// every state — with and without a deadline, replied before, at and after it, at
// moments exactly on a deadline — both must pick the same orders, on both engines.
func TestOverdue_SQLAndFlagsAgree(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		orders := &store.Orders{DB: db}
		rnd := rand.New(rand.NewPCG(7, 11))
		t0 := time.Date(2024, 3, 1, 0, 30, 0, 0, time.UTC)
		var deadlines []time.Time
		const n = 1500
		b := workorder.ImportBatch{Count: n, New: n, Now: t0, Regions: []workorder.RegionName{{Town: "城关镇"}}}
		var items []*workorder.ImportedOrder
		for i := 0; i < n; i++ {
			rec := t0.Add(time.Duration(rnd.IntN(60*24*60)) * time.Minute)
			st := workorder.Statuses[rnd.IntN(len(workorder.Statuses))]
			o := workorder.Order{No: fmt.Sprintf("OD%05d", i), Source: "12345热线", Type: "投诉", Content: "噪音", Town: "城关镇",
				ReceivedAt: rec, Status: st, Version: 1, CreatedAt: t0, UpdatedAt: t0}
			if st != workorder.Received && rnd.IntN(10) > 0 {
				o.FirstDispatchedAt = rec.Add(time.Duration(rnd.IntN(300)) * time.Minute)
				o.DispatchedAt = o.FirstDispatchedAt.Add(time.Duration(rnd.IntN(3)) * 24 * time.Hour)
				o.DeadlineAt = o.DispatchedAt.Add(time.Duration(1+rnd.IntN(20*24)) * time.Hour)
				deadlines = append(deadlines, o.DeadlineAt)
				replied := st == workorder.Replied || st == workorder.Callback || st == workorder.Closed
				// A reply sent back for rework leaves the order being handled with its reply time kept.
				if (replied && rnd.IntN(10) > 0) || rnd.IntN(6) == 0 {
					switch rnd.IntN(3) {
					case 0:
						o.RepliedAt = o.DeadlineAt
					case 1:
						o.RepliedAt = o.DeadlineAt.Add(-time.Duration(1+rnd.IntN(5*24)) * time.Hour)
					default:
						o.RepliedAt = o.DeadlineAt.Add(time.Duration(1+rnd.IntN(5*24)) * time.Hour)
					}
				}
				if st == workorder.Closed {
					o.ClosedAt = o.DeadlineAt.Add(time.Duration(rnd.IntN(10*24)-5*24) * time.Hour)
				}
			} else if st == workorder.Closed {
				o.ClosedAt = rec.Add(time.Hour) // resolved at intake
			}
			items = append(items, &workorder.ImportedOrder{Order: o,
				Events: []workorder.Event{{Action: workorder.CmdCreate, At: rec, Actor: workorder.ImportActor, To: workorder.Received}}})
		}
		b.Orders = func(yield func(*workorder.ImportedOrder) bool) {
			for _, it := range items {
				if !yield(it) {
					return
				}
			}
		}
		if _, err := orders.ImportOrders(ctx, b); err != nil {
			t.Fatal(err)
		}
		cal, err := workday.NewCalendar(nil)
		if err != nil {
			t.Fatal(err)
		}
		sched := workday.Schedule{Cal: cal, Clock: workday.WorkHours}
		var all []workorder.Order
		if err := orders.EachOrder(ctx, workorder.Filter{}, func(o *workorder.Order) error { all = append(all, *o); return nil }); err != nil {
			t.Fatal(err)
		}
		// Moments before, among and after the deadlines, and exactly on some of them.
		nows := []time.Time{t0, t0.Add(20 * 24 * time.Hour), t0.Add(45 * 24 * time.Hour), t0.Add(120 * 24 * time.Hour)}
		for i := 0; i < 4; i++ {
			nows = append(nows, deadlines[rnd.IntN(len(deadlines))])
		}
		yes := true
		for _, now := range nows {
			inSQL := map[int64]bool{}
			if err := orders.EachOrder(ctx, workorder.Filter{Overdue: &yes, Now: now}, func(o *workorder.Order) error {
				inSQL[o.ID] = true
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			count := 0
			for i := range all {
				o := &all[i]
				goSays := workorder.FlagsAt(o, now, sched).Overdue
				if goSays {
					count++
				}
				if goSays != inSQL[o.ID] {
					t.Errorf("at %s order %s (status %s, deadline %s, replied %s): flags say overdue=%v, SQL says %v",
						now, o.No, o.Status, o.DeadlineAt, o.RepliedAt, goSays, inSQL[o.ID])
				}
			}
			if count == 0 || count == len(all) {
				t.Errorf("at %s: %d of %d overdue, the sample does not separate", now, count, len(all))
			}
		}
	})
}
