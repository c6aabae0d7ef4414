package store_test

import (
	"context"
	"testing"

	"govdesk/internal/app"
	"govdesk/internal/georeport"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
	"govdesk/internal/workorder"
)

func TestOpen311_Store(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		now := storetest.At("2026-11-26T10:00:00+08:00")
		s := &store.Open311{DB: db}
		k, err := s.CreateKey(ctx, "app", "h1", now)
		if err != nil || k.ID == 0 {
			t.Fatalf("CreateKey = %+v %v", k, err)
		}
		if _, err := s.CreateKey(ctx, "app", "h2", now); app.ErrorCode(err) != app.EConflict {
			t.Fatalf("duplicate name: %v", err)
		}
		if got, err := s.FindKeyByHash(ctx, "h1"); err != nil || got.Name != "app" {
			t.Fatalf("FindKeyByHash = %+v %v", got, err)
		}
		if err := s.RevokeKey(ctx, "app", now); err != nil {
			t.Fatal(err)
		}
		if _, err := s.FindKeyByHash(ctx, "h1"); app.ErrorCode(err) != app.ENotFound {
			t.Fatalf("revoked key found: %v", err)
		}
		if err := s.RevokeKey(ctx, "app", now); app.ErrorCode(err) != app.ENotFound {
			t.Fatalf("revoke twice: %v", err)
		}
		if keys, _ := s.FindKeys(ctx); len(keys) != 1 || keys[0].RevokedAt.IsZero() {
			t.Fatalf("keys %+v", keys)
		}

		cat, _, _ := (&store.Accounts{DB: db}).EnsureCategory(ctx, "环境保护/噪音")
		for _, hide := range []bool{true, true} {
			if err := s.SetHidden(ctx, cat, hide); err != nil {
				t.Fatal(err)
			}
		}
		if h, _ := s.HiddenServices(ctx); !h[cat] {
			t.Fatalf("hidden %v", h)
		}
		s.SetHidden(ctx, cat, false)
		if h, _ := s.HiddenServices(ctx); h[cat] {
			t.Fatalf("shown again %v", h)
		}
		if err := s.SetHidden(ctx, 999999, true); app.ErrorCode(err) != app.ENotFound {
			t.Fatalf("unknown category: %v", err)
		}

		c := storetest.NewCentre(t, db, now)
		o, _, err := c.Orders.Create(c.Operator, workorder.NewOrder{Type: "投诉", Content: "噪音扰民", CitizenPhone: "13800138000", Source: georeport.Source})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.SaveMeta(ctx, georeport.Meta{OrderID: o.ID, Token: "tok", Lat: 29.5, Long: 106.5, HasLocation: true, Attributes: "{}"}); err != nil {
			t.Fatal(err)
		}
		m, err := s.FindMeta(ctx, []int64{o.ID, 424242})
		if err != nil || len(m) != 1 || m[o.ID].Lat != 29.5 || !m[o.ID].HasLocation || m[o.ID].KeyID != 0 {
			t.Fatalf("FindMeta = %+v %v", m, err)
		}
		if id, err := s.FindOrderIDByToken(ctx, "tok"); err != nil || id != o.ID {
			t.Fatalf("token = %d %v", id, err)
		}
		if id, err := s.FindOrderIDByNoPhone(ctx, o.No, "13800138000"); err != nil || id != o.ID {
			t.Fatalf("no+phone = %d %v", id, err)
		}
		if _, err := s.FindOrderIDByNoPhone(ctx, o.No, "13800138001"); app.ErrorCode(err) != app.ENotFound {
			t.Fatalf("wrong phone: %v", err)
		}
		a, _ := s.Secret(ctx, "x", func() string { return "first" })
		b, _ := s.Secret(ctx, "x", func() string { return "second" })
		if a != "first" || b != "first" {
			t.Fatalf("secret %q %q", a, b)
		}
	})
}
