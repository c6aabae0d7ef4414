package store_test

import (
	"context"
	"testing"

	"govdesk/internal/account"
	"govdesk/internal/app"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

func TestAccounts_RegionsAndCategories(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		s := &store.Accounts{DB: db}
		town, village, created, err := s.EnsureRegion(ctx, "乐城街道", "东门社区")
		if err != nil || town == 0 || village == 0 || len(created) != 2 {
			t.Fatalf("EnsureRegion = %d %d %v %v", town, village, created, err)
		}
		town2, village2, created, err := s.EnsureRegion(ctx, " 乐城街道 ", "东门社区")
		if err != nil || town2 != town || village2 != village || len(created) != 0 {
			t.Fatalf("second EnsureRegion = %d %d %v %v", town2, village2, created, err)
		}
		if _, v, created, _ := s.EnsureRegion(ctx, "北乡镇", "东门社区"); v == village || len(created) != 2 {
			t.Fatalf("a village of the same name in another town must be its own region: %v", created)
		}
		if _, _, _, err := s.EnsureRegion(ctx, "", "x"); app.ErrorCode(err) != app.EInvalid {
			t.Fatalf("empty town: %v", err)
		}
		regions, _ := s.FindRegions(ctx)
		if len(regions) != 4 {
			t.Fatalf("regions: %+v", regions)
		}

		id, created, err := s.EnsureCategory(ctx, "城乡建设/市政设施/路灯")
		if err != nil || id == 0 || len(created) != 3 {
			t.Fatalf("EnsureCategory = %d %v %v", id, created, err)
		}
		id2, created, err := s.EnsureCategory(ctx, "城乡建设 / 市政设施 / 路灯")
		if err != nil || id2 != id || len(created) != 0 {
			t.Fatalf("same path again = %d %v %v", id2, created, err)
		}
		if _, _, err := s.UpsertUnits(ctx, []account.Unit{{Code: "U001", Name: "市住建局", Active: true}}); err != nil {
			t.Fatal(err)
		}
		if err := s.SetCategoryDefaultUnit(ctx, "城乡建设/市政设施", "U001"); err != nil {
			t.Fatal(err)
		}
		if err := s.SetCategoryDefaultUnit(ctx, "不存在", "U001"); app.ErrorCode(err) != app.ENotFound {
			t.Fatalf("unknown category: %v", err)
		}
		cats, _ := s.FindCategories(ctx)
		if len(cats) != 3 || cats[1].Path != "城乡建设/市政设施" || cats[1].DefaultUnitID == 0 || cats[2].ParentID != cats[1].ID {
			t.Fatalf("categories: %+v", cats)
		}
	})
}
