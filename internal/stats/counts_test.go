package stats_test

import (
	"testing"

	"govdesk/internal/stats"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

// TestHotlineCounts checks HotlineCounts gives Hotline's figures without the
// working-day averages.
func TestHotlineCounts(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		seed(f)
		p, _ := stats.DatePeriod("2022-01-01", "2022-12-31")
		full, err := f.stats.Hotline(f.Leader, p)
		if err != nil {
			t.Fatal(err)
		}
		counts, err := f.stats.HotlineCounts(f.Leader, p)
		if err != nil {
			t.Fatal(err)
		}
		if full.AvgConsult == nil || counts.AvgConsult != nil || counts.AvgNonConsult != nil || counts.Previous.AvgConsult != nil {
			t.Fatalf("averages: full %v, counts %v", full.AvgConsult, counts.AvgConsult)
		}
		full.AvgConsult, full.AvgNonConsult, full.SpansConsult, full.SpansNonConsult = nil, nil, 0, 0
		if a, b := full.Report(), counts.Report(); a.Received != b.Received || *a.ClosureRate != *b.ClosureRate || *a.OnTimeRate != *b.OnTimeRate ||
			*a.SatisfactionRate != *b.SatisfactionRate || a.Overdue != b.Overdue || a.Previous.Received != b.Previous.Received || *a.Growth.Received != *b.Growth.Received {
			t.Fatalf("figures differ:\n%+v\n%+v", a, b)
		}
	})
}
