package workorder_test

import (
	"strings"
	"testing"

	"govdesk/internal/app"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
	"govdesk/internal/workorder"
)

// Towns, villages and categories of a new order come from the registry: a misspelt
// name is refused with the nearest registered names, and never becomes a new place.
func TestService_Create_Registry(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		f.Register(t, "坪石镇", "新塘村", "城乡建设/市政设施/路灯")
		f.Register(t, "白石镇", "石塘村", "")
		in := workorder.NewOrder{Type: "投诉", Content: "路灯不亮", CitizenPhone: "13800138000"}
		regionsBefore := count(t, db, "regions")

		bad := in
		bad.Town = "坪石"
		_, _, err := f.Orders.Create(f.Operator, bad)
		wantCode(t, "misspelt town", err, app.EInvalid)
		if msg := app.ErrorMessage(err); msg != "所属镇街“坪石”不在行政区划中，您是否要找：坪石镇" {
			t.Errorf("message %q", msg)
		}

		bad = in
		bad.Town, bad.Village = "坪石镇", "石塘村"
		_, _, err = f.Orders.Create(f.Operator, bad)
		wantCode(t, "village of another town", err, app.EInvalid)
		if msg := app.ErrorMessage(err); !strings.Contains(msg, "不是坪石镇的村居（它属于白石镇）") {
			t.Errorf("message %q", msg)
		}

		// every problem of the form at once: the phone, the town and the category.
		bad = in
		bad.CitizenPhone, bad.Town, bad.Category = "138abc", "坪石", "路灯"
		_, _, err = f.Orders.Create(f.Operator, bad)
		wantCode(t, "three problems", err, app.EInvalid)
		for _, want := range []string{"联系电话格式不正确", "所属镇街“坪石”", "诉求分类“路灯”不在分类目录中，您是否要找：城乡建设/市政设施/路灯"} {
			if !strings.Contains(app.ErrorMessage(err), want) {
				t.Errorf("message %q lacks %q", app.ErrorMessage(err), want)
			}
		}
		if n := count(t, db, "regions"); n != regionsBefore {
			t.Errorf("refused orders created regions: %d, want %d", n, regionsBefore)
		}

		good := in
		good.Town, good.Village, good.Category = " 坪石镇", "新塘村", "城乡建设 › 市政设施 › 路灯"
		o, _, err := f.Orders.Create(f.Operator, good)
		if err != nil {
			t.Fatal(err)
		}
		if o.Town != "坪石镇" || o.Village != "新塘村" || o.Category != "城乡建设/市政设施/路灯" || o.TownID == 0 || o.VillageID == 0 || o.CategoryID == 0 {
			t.Errorf("created %+v", o)
		}
		// a region an import adds later is found at once (misses are not remembered).
		bad.CitizenPhone, bad.Town, bad.Category = "13800138000", "北山镇", ""
		_, _, err = f.Orders.Create(f.Operator, bad)
		wantCode(t, "town not yet imported", err, app.EInvalid)
		f.Register(t, "北山镇", "", "")
		if _, _, err := f.Orders.Create(f.Operator, bad); err != nil {
			t.Errorf("town after its import: %v", err)
		}
	})
}

func count(t *testing.T, db *store.DB, table string) int {
	t.Helper()
	var n int
	if err := db.QueryRowContext(t.Context(), "SELECT COUNT(*) FROM "+table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
