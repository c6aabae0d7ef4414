package stats

import (
	"encoding/json"
	"testing"
	"time"

	"govdesk/internal/catalog"
)

// seedCatalogue generates a catalogue with the seed report's counts: 1 816 published
// items, 1 580 in the hall, 1 515 by application of which 1 304 in the hall, 1 478
// one-window, 1 661 online, 1 490 by application online.
func seedCatalogue() []catalog.Item {
	items := make([]catalog.Item, 1816)
	for i := range items {
		it := &items[i]
		it.Status = catalog.StatusPublished
		it.ByApplication = i < 1515
		it.InHall = i < 1304 || (i >= 1515 && i < 1515+276)
		it.OneWindow = i < 1478
		it.Online = i < 1490 || (i >= 1515 && i < 1515+171)
		it.MaxTrips = i % 3
	}
	return items
}

func TestCatalogFigures_Seed(t *testing.T) {
	items := seedCatalogue()
	// Drafts and retired items never count.
	items = append(items, catalog.Item{Status: catalog.StatusDraft, InHall: true}, catalog.Item{Status: catalog.StatusRetired})
	c := CatalogFigures(items)
	want := map[string][3]float64{
		"hall_entry":             {1580, 1816, 87.00},
		"application_hall_entry": {1304, 1515, 86.07},
		"one_window":             {1478, 1816, 81.39},
		"online":                 {1661, 1816, 91.46}, // the seed printed 91.4% (truncated, not rounded)
		"application_online":     {1490, 1515, 98.35}, // the seed printed 100% (and 98.3% as 对接单点登陆率)
	}
	rep := c.Report()
	for k, w := range want {
		r := rep[k]
		if r.Numerator != int(w[0]) || r.Denominator != int(w[1]) || r.Percent == nil || *r.Percent != w[2] {
			t.Errorf("%s = %d/%d %v, want %v", k, r.Numerator, r.Denominator, r.Percent, w)
		}
	}
	if c.Published != 1816 {
		t.Errorf("published = %d", c.Published)
	}
	b, _ := json.Marshal(rep)
	var keys map[string]map[string]any
	json.Unmarshal(b, &keys)
	for _, k := range []string{"hall_entry", "application_hall_entry", "one_window", "online", "application_online", "max_one_trip", "zero_trip", "immediate"} {
		if _, ok := keys[k]; !ok {
			t.Errorf("key %s missing", k)
		} else if len(keys[k]) != 3 {
			t.Errorf("%s has keys %v", k, keys[k])
		}
	}
	if len(keys) != 8 {
		t.Errorf("%d keys", len(keys))
	}
	got, ok := CatalogDrill(items, "application_hall_entry", "numerator")
	if !ok || len(got) != 1304 {
		t.Errorf("drill = %d, %v", len(got), ok)
	}
}

func TestCatalogFigures_CompressionAndCounts(t *testing.T) {
	items := []catalog.Item{
		{Status: catalog.StatusPublished, LegalDays: 20, PromisedDays: 5, Citywide: true, MaxTrips: 0, Immediate: true},
		{Status: catalog.StatusPublished, LegalDays: 10, PromisedDays: 2.5, CrossProvince: true, CertFree: true, MaxTrips: 1},
		{Status: catalog.StatusPublished, LegalDays: 30, MaxTrips: 2},  // no promised limit: not in the compression rate
		{Status: catalog.StatusDraft, LegalDays: 30, PromisedDays: 30}, // not published
	}
	c := CatalogFigures(items)
	// 1 − 7.5/30 = 75 %.
	if r := c.Compression; r.Numerator != 2250 || r.Denominator != 3000 || *r.Percent != 75 {
		t.Errorf("compression = %+v", r)
	}
	if c.Citywide != 1 || c.CrossProvince != 1 || c.CertFree != 1 {
		t.Errorf("counts = %d %d %d", c.Citywide, c.CrossProvince, c.CertFree)
	}
	rep := c.Report()
	if r := rep["max_one_trip"]; r.Numerator != 2 || *r.Percent != 66.67 {
		t.Errorf("max_one_trip = %+v", r)
	}
	if r := rep["zero_trip"]; r.Numerator != 1 || *r.Percent != 33.33 {
		t.Errorf("zero_trip = %+v", r)
	}
	if r := rep["immediate"]; r.Numerator != 1 || r.Denominator != 3 {
		t.Errorf("immediate = %+v", r)
	}
	if r := CatalogFigures(nil).Report()["online"]; r.Percent != nil {
		t.Errorf("empty catalogue percent = %v, want nil", *r.Percent)
	}
}

func TestCaseFigures(t *testing.T) {
	at := func(s string) time.Time { t, _ := time.Parse(time.RFC3339, s); return t }
	cases := []catalog.Case{
		{Channel: "窗口", Town: "乐城街道", FinishedAt: at("2022-10-10T10:00:00+08:00"), Deadline: at("2022-10-11T00:00:00+08:00")},
		{Channel: "镇村站点", Town: "坪石镇", FinishedAt: at("2022-10-12T10:00:00+08:00"), Deadline: at("2022-10-11T00:00:00+08:00")},
		{Channel: "镇村站点", Town: "坪石镇"},
		{Channel: "网上", Town: "乐城街道", FinishedAt: at("2022-10-12T10:00:00+08:00")},
	}
	c := CaseFigures(cases)
	if c.Total != 4 || c.TownVillage != 2 || c.Finished != 3 || c.OnTime != 2 || *c.OnTimeRate != 66.67 {
		t.Errorf("figures = %+v", c)
	}
	if c.ByChannel["自助终端"] != 0 || c.ByChannel["镇村站点"] != 2 || c.ByTown["坪石镇"] != 2 {
		t.Errorf("breakdown = %v %v", c.ByChannel, c.ByTown)
	}
}
