package demo

import (
	"testing"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/workday"
	"govdesk/internal/workorder"
)

func TestGeography(t *testing.T) {
	if len(Towns) != 19 {
		t.Fatalf("towns: %d, want 19", len(Towns))
	}
	seen := map[string]bool{}
	n := 0
	for _, town := range Towns {
		for _, v := range Villages()[town] {
			if seen[town+v] {
				t.Errorf("village %s%s twice", town, v)
			}
			seen[town+v] = true
			n++
		}
	}
	if n != 215 {
		t.Fatalf("villages: %d, want 215", n)
	}
	members, codes := 0, map[string]bool{}
	for _, u := range Units() {
		if codes[u.Code] {
			t.Errorf("unit code %s twice", u.Code)
		}
		codes[u.Code] = true
		if u.Code != CentreCode && u.Code != HotlineCode {
			members++
		}
	}
	if members != MemberUnits {
		t.Fatalf("member units: %d, want %d", members, MemberUnits)
	}
	for _, c := range categories {
		if c.Unit != "" && !codes[c.Unit] {
			t.Errorf("category %s goes to unknown unit %s", c.Path, c.Unit)
		}
	}
}

// testEnv is an order environment over the built-in calendar and the default policies.
func testEnv(t *testing.T, now time.Time) OrderEnv {
	t.Helper()
	cal, err := workday.NewCalendar(nil)
	if err != nil {
		t.Fatal(err)
	}
	units := map[string]workorder.UnitRef{}
	for i, u := range Units() {
		units[u.Code] = workorder.UnitRef{ID: int64(i + 1), Code: u.Code, Name: u.Name}
	}
	lim := func(consult, other float64) map[string]float64 {
		m := map[string]float64{}
		for _, typ := range workorder.Types {
			m[typ] = other
		}
		m["咨询"] = consult
		return m
	}
	// the built-in policies of migration 0002: the March 2022 change
	pols := []workorder.Policy{
		{EffectiveFrom: "2000-01-01", Limits: lim(5, 15), UrgentDays: 1, SignForHours: 2, ReopenDays: 5, MaxReturns: 2, MaxExtensions: 2, MaxExtensionDays: 15},
		{EffectiveFrom: "2022-03-21", Limits: lim(1.5, 9), UrgentDays: 1, SignForHours: 2, ReopenDays: 5, MaxReturns: 2, MaxExtensions: 2, MaxExtensionDays: 15},
	}
	return OrderEnv{Units: units, Policies: pols, Schedule: workday.Schedule{Cal: cal}, Now: now}
}

// TestOrdersShape checks the seed's shape: 9 082 orders in January–September 2022
// against 6 142 a year before, 186 urgent, about a third consultations, every 2022
// order closed, live work open before now; and that two runs give the same orders.
func TestOrdersShape(t *testing.T) {
	now := time.Date(2026, 11, 26, 15, 0, 0, 0, app.Shanghai)
	q3 := time.Date(2022, 10, 1, 0, 0, 0, 0, app.Shanghai)
	y22 := time.Date(2022, 1, 1, 0, 0, 0, 0, app.Shanghai)
	y21 := time.Date(2021, 1, 1, 0, 0, 0, 0, app.Shanghai)
	var jan22, jan21, urgent22, consult22, all22, open22, openLive, live int
	var nos []string
	err := Orders(testEnv(t, now), func(g *Generated) bool {
		o := &g.Order
		nos = append(nos, o.No)
		switch r := o.ReceivedAt; {
		case !r.Before(y22) && r.Before(q3):
			jan22++
			if o.Urgent {
				urgent22++
			}
		case !r.Before(y21) && r.Before(y21.AddDate(0, 9, 0)):
			jan21++
		}
		if o.ReceivedAt.Year() == 2022 {
			all22++
			if o.Type == "咨询" {
				consult22++
			}
			if o.Open() {
				open22++
			}
		}
		if o.ReceivedAt.After(now.AddDate(0, 0, -LiveDays-1)) {
			live++
			if o.Open() {
				openLive++
			}
		}
		if o.ReceivedAt.After(now) || len(g.Events) == 0 || g.Events[len(g.Events)-1].At.After(now) {
			t.Fatalf("order %s acts after now", o.No)
		}
		return true
	})
	if err != nil {
		t.Fatal(err)
	}
	if jan22 != 9082 || jan21 != 6142 || urgent22 != 186 {
		t.Errorf("Jan–Sep 2022 %d (want 9082), 2021 %d (want 6142), urgent %d (want 186)", jan22, jan21, urgent22)
	}
	if share := float64(consult22) / float64(all22); share < 0.30 || share > 0.37 {
		t.Errorf("consultations are %.2f of 2022, want about a third", share)
	}
	if open22 != 0 {
		t.Errorf("%d orders of 2022 still open, want all closed", open22)
	}
	if openLive < live/10 {
		t.Errorf("%d of %d live orders open, want live work", openLive, live)
	}
	i := 0
	_ = Orders(testEnv(t, now), func(g *Generated) bool {
		if g.Order.No != nos[i] {
			t.Fatalf("second run differs at %d: %s vs %s", i, g.Order.No, nos[i])
		}
		i++
		return true
	})
}
