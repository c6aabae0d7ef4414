package store_test

import (
	"context"
	"testing"

	"govdesk/internal/app"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

func TestPassages(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := app.WithActor(context.Background(), app.Actor{Username: "zhang", Role: app.RoleStaff})
		p := &store.Passages{DB: db}
		got, err := p.Get(ctx, "annual:2022")
		if err != nil || len(got) != 0 {
			t.Fatalf("empty Get = %v %v", got, err)
		}
		if err := p.Set(ctx, "annual:2022", "recommendations", "一、加强路灯巡查。"); err != nil {
			t.Fatal(err)
		}
		if err := p.Set(ctx, "annual:2022", "recommendations", "一、加强路灯巡查。\n二、压实属地责任。"); err != nil {
			t.Fatal(err)
		}
		if err := p.Set(ctx, "annual:2021", "recommendations", "旧建议"); err != nil {
			t.Fatal(err)
		}
		got, err = p.Get(ctx, "annual:2022")
		if err != nil || len(got) != 1 || got["recommendations"] != "一、加强路灯巡查。\n二、压实属地责任。" {
			t.Fatalf("Get = %q %v", got, err)
		}
		var by string
		if err := db.QueryRowContext(ctx, `SELECT updated_by FROM doc_passages WHERE doc_key = 'annual:2022'`).Scan(&by); err != nil || by != "zhang" {
			t.Fatalf("updated_by = %q %v", by, err)
		}
		if err := p.Set(ctx, "", "x", "y"); app.ErrorCode(err) != app.EInvalid {
			t.Fatalf("empty key: %v", err)
		}
	})
}
