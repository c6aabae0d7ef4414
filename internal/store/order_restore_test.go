package store_test

import (
	"context"
	"testing"
	"time"

	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
	"govdesk/internal/workorder"
)

// TestOrders_RestoreOrders: after a bulk import, RestoreOrders sets the columns the
// bulk insert leaves to their defaults, and HasOrders sees the orders.
func TestOrders_RestoreOrders(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		orders := &store.Orders{DB: db}
		if have, err := orders.HasOrders(ctx); err != nil || have {
			t.Fatalf("empty database has orders: %v %v", have, err)
		}
		t0 := time.Date(2022, 6, 1, 1, 0, 0, 0, time.UTC)
		if _, err := orders.ImportOrders(ctx, batchOf([]string{"R1", "R2"}, t0)); err != nil {
			t.Fatal(err)
		}
		if have, err := orders.HasOrders(ctx); err != nil || !have {
			t.Fatalf("HasOrders after import: %v %v", have, err)
		}
		o, err := orders.FindOrderByNo(ctx, "R2")
		if err != nil {
			t.Fatal(err)
		}
		o.Returns, o.Extensions, o.Reminders, o.Supervised, o.SignLate = 1, 2, 3, true, true
		o.ExtPendingDays, o.ExtPendingReason, o.CallbackNote = 3, "需要协调", "无人接听"
		if err := orders.RestoreOrders(ctx, []workorder.Order{o}); err != nil {
			t.Fatal(err)
		}
		got, err := orders.FindOrderByNo(ctx, "R2")
		if err != nil || got.Returns != 1 || got.Extensions != 2 || got.Reminders != 3 || !got.Supervised || !got.SignLate ||
			got.ExtPendingDays != 3 || got.ExtPendingReason != "需要协调" || got.CallbackNote != "无人接听" || got.Town != "城关镇" {
			t.Fatalf("restored %+v %v", got, err)
		}
		if other, _ := orders.FindOrderByNo(ctx, "R1"); other.Returns != 0 || other.Supervised {
			t.Fatalf("other order changed: %+v", other)
		}
		o.ID = 1 << 40
		if err := orders.RestoreOrders(ctx, []workorder.Order{o}); err == nil {
			t.Fatal("restoring a missing order succeeded")
		}
	})
}
