package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"govdesk/internal/account"
	"govdesk/internal/app"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
	"govdesk/internal/workorder"
)

// batchOf makes an import batch of new orders received at t plus i minutes, each with a
// create event, in the town 城关镇.
func batchOf(nos []string, t time.Time) workorder.ImportBatch {
	b := workorder.ImportBatch{Count: len(nos), New: len(nos), Now: t, Regions: []workorder.RegionName{{Town: "城关镇"}}}
	b.Orders = func(yield func(*workorder.ImportedOrder) bool) {
		for i, no := range nos {
			at := t.Add(time.Duration(i) * time.Minute)
			item := workorder.ImportedOrder{Order: workorder.Order{No: no, Source: "12345热线", Type: "投诉", Content: "噪音",
				Town: "城关镇", ReceivedAt: at, Status: workorder.Received, Version: 1, CreatedAt: t, UpdatedAt: t},
				Events: []workorder.Event{{Action: workorder.CmdCreate, At: at, Actor: workorder.ImportActor, To: workorder.Received,
					Note: "引号\"与\\反斜杠\n换行", Data: map[string]string{"source": "12345热线", "x": "<&>"}}}}
			if !yield(&item) {
				return
			}
		}
	}
	return b
}

func TestOrders_ImportOrders(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		orders := &store.Orders{DB: db}
		t0 := time.Date(2022, 6, 1, 1, 0, 0, 0, time.UTC)
		var nos []string
		for i := 0; i < 1200; i++ {
			nos = append(nos, fmt.Sprintf("N%05d", i))
		}
		res, err := orders.ImportOrders(ctx, batchOf(nos, t0))
		if err != nil || res.Created != 1200 || len(res.CreatedRegions) != 1 {
			t.Fatalf("import: %+v %v", res, err)
		}

		// Heads are looked up 500 numbers per query.
		heads, err := orders.FindOrderHeads(ctx, append(nos, "NOPE"))
		if err != nil || len(heads) != 1200 || heads["N00042"].ID == 0 || heads["N00042"].Status != workorder.Received || heads["N00042"].Version != 1 {
			t.Fatalf("heads: %d %+v %v", len(heads), heads["N00042"], err)
		}
		o, err := orders.FindOrderByNo(ctx, "N00042")
		if err != nil || o.ID != heads["N00042"].ID || o.Town != "城关镇" || !o.ReceivedAt.Equal(t0.Add(42*time.Minute)) {
			t.Fatalf("order %+v %v", o, err)
		}
		evs, err := orders.FindEvents(ctx, o.ID)
		if err != nil || len(evs) != 1 || evs[0].Note != "引号\"与\\反斜杠\n换行" || evs[0].Data["x"] != "<&>" || !evs[0].At.Equal(o.ReceivedAt) {
			t.Fatalf("events %+v %v", evs, err)
		}

		// A number the batch believes new but that exists: conflict, and nothing of the batch stays.
		b := batchOf([]string{"Z1", "Z2", "N00007"}, t0)
		b.Regions = append(b.Regions, workorder.RegionName{Town: "北山镇"})
		_, err = orders.ImportOrders(ctx, b)
		if app.ErrorCode(err) != app.EConflict {
			t.Fatalf("duplicate number: %v", err)
		}
		if _, err := orders.FindOrderByNo(ctx, "Z1"); app.ErrorCode(err) != app.ENotFound {
			t.Errorf("a failed import left an order: %v", err)
		}
		regions, _ := (&store.Accounts{DB: db}).FindRegions(ctx)
		if len(regions) != 1 {
			t.Errorf("a failed import left regions: %+v", regions)
		}

		// Orders created afterwards continue after the imported ids.
		next := batchOf([]string{"A1"}, t0)
		if _, err := orders.ImportOrders(ctx, next); err != nil {
			t.Fatal(err)
		}
		if a1, _ := orders.FindOrderByNo(ctx, "A1"); a1.ID <= heads["N01199"].ID {
			t.Errorf("id %d after %d", a1.ID, heads["N01199"].ID)
		}
	})
}

func TestOrders_EachOrder(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if _, _, err := (&store.Accounts{DB: db}).UpsertUnits(ctx, []account.Unit{{Code: "U001", Name: "市住建局", Active: true}}); err != nil {
			t.Fatal(err)
		}
		orders := &store.Orders{DB: db}
		t0 := time.Date(2022, 6, 1, 1, 0, 0, 0, time.UTC)
		if _, err := orders.ImportOrders(ctx, batchOf([]string{"E3", "E1", "E2"}, t0)); err != nil {
			t.Fatal(err)
		}
		var got []string
		err := orders.EachOrder(ctx, workorder.Filter{From: t0.Add(time.Minute), Statuses: []workorder.Status{workorder.Received}},
			func(o *workorder.Order) error { got = append(got, o.No+"/"+o.Town); return nil })
		if err != nil || len(got) != 2 || got[0] != "E1/城关镇" || got[1] != "E2/城关镇" {
			t.Fatalf("each: %v %v", got, err)
		}
		stop := fmt.Errorf("stop")
		n := 0
		if err := orders.EachOrder(ctx, workorder.Filter{}, func(*workorder.Order) error { n++; return stop }); err != stop || n != 1 {
			t.Errorf("fn's error: %v after %d", err, n)
		}
		if err := orders.EachOrder(ctx, workorder.Filter{UnitCode: "U001"}, func(*workorder.Order) error { n++; return nil }); err != nil || n != 1 {
			t.Errorf("no order of U001: %v, %d", err, n)
		}
	})
}
