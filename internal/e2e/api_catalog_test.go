package e2e

import (
	"context"
	"net/http"
	"testing"
	"time"

	"govdesk/internal/catalog"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

func TestAPI_CatalogRates(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		base := startServer(t, db)
		cat := &store.Catalog{DB: db}
		units, err := cat.UnitKeys(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		items := []catalog.Item{
			{Code: "A1", Name: "甲", UnitID: units["U001"], Category: "行政许可", ByApplication: true, InHall: true, Status: catalog.StatusPublished, LegalDays: 20, PromisedDays: 10, Citywide: true},
			{Code: "A2", Name: "乙", UnitID: units["U001"], Category: "公共服务", Online: true, OnlineDepth: 2, Status: catalog.StatusPublished},
			{Code: "A3", Name: "丙", UnitID: units["U001"], Category: "公共服务", InHall: true, Status: catalog.StatusDraft},
		}
		if _, _, err := cat.UpsertItems(context.Background(), items, "test", time.Now()); err != nil {
			t.Fatal(err)
		}
		tok := tokens(t, db, "leader")["leader"]
		c := &http.Client{}
		r := call(t, c, "GET", base+"/api/v1/catalog/rates", tok, "", nil)
		if r.Status != 200 || r.Body["published"] != 2.0 || r.Body["citywide"] != 1.0 {
			t.Fatalf("rates: %d %v", r.Status, r.Body)
		}
		rates := map[string]map[string]any{}
		for _, x := range r.Body["rates"].([]any) {
			m := x.(map[string]any)
			rates[m["key"].(string)] = m
		}
		if h := rates["hall_entry"]; h["numerator"] != 1.0 || h["percent"] != 50.0 || h["definition"] == "" {
			t.Errorf("hall_entry %v", h)
		}
		if p := rates["promise_compression"]; p["percent"] != 50.0 {
			t.Errorf("compression %v", p)
		}
		d := call(t, c, "GET", base+"/api/v1/catalog/rates/online/numerator", tok, "", nil)
		if d.Status != 200 || d.Body["total"] != 1.0 || d.Body["items"].([]any)[0].(map[string]any)["code"] != "A2" {
			t.Errorf("drill: %d %v", d.Status, d.Body)
		}
		if n := call(t, c, "GET", base+"/api/v1/catalog/rates/nope/numerator", tok, "", nil); n.Status != 404 {
			t.Errorf("unknown rate: %d", n.Status)
		}
		if n := call(t, c, "GET", base+"/api/v1/catalog/rates", "", "", nil); n.Status != 401 {
			t.Errorf("anonymous: %d", n.Status)
		}
	})
}
