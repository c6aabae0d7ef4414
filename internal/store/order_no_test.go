package store_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
	"govdesk/internal/workorder"
)

// TestOrders_OrderNumbers: generated numbers never collide with numbers of the same
// form that came from elsewhere (an import, the demo, a restore that lost the day's
// counter), and concurrent creators each get their own.
func TestOrders_OrderNumbers(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := storetest.At("2026-12-03T09:00:00+08:00")
		c := storetest.NewCentre(t, db, now)
		orders := &store.Orders{DB: db}
		create := func() workorder.Order {
			t.Helper()
			o, _, err := c.Orders.Create(c.Operator, workorder.NewOrder{Type: "咨询", Content: "社保卡怎么补办", CitizenPhone: "13800138000"})
			if err != nil {
				t.Fatalf("create: %v", err)
			}
			return o
		}
		// An import brings today's numbers 1…5 and 9 while the counter has not moved.
		if _, err := orders.ImportOrders(ctx, batchOf([]string{"20261203000001", "20261203000002", "20261203000003",
			"20261203000004", "20261203000005", "20261203000009", "20261203000010X"}, now.Add(-time.Hour))); err != nil {
			t.Fatal(err)
		}
		if o := create(); o.No != "20261203000010" {
			t.Fatalf("first number after the import = %s, want 20261203000010", o.No)
		}
		if o := create(); o.No != "20261203000011" {
			t.Fatalf("second number = %s, want 20261203000011", o.No)
		}
		// A restore of a backup taken before the counter existed.
		if _, err := db.Exec(`DELETE FROM order_seq`); err != nil {
			t.Fatal(err)
		}
		if o := create(); o.No != "20261203000012" {
			t.Fatalf("number after the counter was lost = %s, want 20261203000012", o.No)
		}

		// Concurrent creators: every one succeeds with a number of its own.
		const workers, each = 6, 8
		var mu sync.Mutex
		seen := map[string]bool{}
		var wg sync.WaitGroup
		errs := make(chan error, workers*each)
		for w := 0; w < workers; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; i < each; i++ {
					o, _, err := c.Orders.Create(c.Operator, workorder.NewOrder{Type: "投诉", Content: fmt.Sprintf("并发第%d件", i), CitizenPhone: "13800138000"})
					if err != nil {
						errs <- err
						continue
					}
					mu.Lock()
					seen[o.No] = true
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Errorf("concurrent create: %v", err)
		}
		if len(seen) != workers*each {
			t.Fatalf("%d distinct numbers for %d creations", len(seen), workers*each)
		}
		for n := 13; n < 13+workers*each; n++ {
			if no := fmt.Sprintf("20261203%06d", n); !seen[no] {
				t.Errorf("number %s not given: numbers skipped", no)
			}
		}
	})
}
