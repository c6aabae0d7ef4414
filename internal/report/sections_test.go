package report

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/stats"
)

// TestUnitsTable_WholeRanking: the units table of the monthly brief and the annual
// analysis lists every unit, so the last one (named 末位 in the text) is in its own
// table; the chart draws the first and the last units and says so.
func TestUnitsTable_WholeRanking(t *testing.T) {
	var units []stats.UnitFigures
	for i := range 37 {
		rate := 100 - float64(i)
		units = append(units, stats.UnitFigures{UnitCounts: stats.UnitCounts{Code: fmt.Sprintf("U%03d", i+1),
			Name: fmt.Sprintf("单位%d", i+1), Received: 40 - i}, OnTimeRate: &rate})
	}
	p := stats.Period{From: time.Date(2022, 9, 1, 0, 0, 0, 0, app.Shanghai), To: time.Date(2022, 10, 1, 0, 0, 0, 0, app.Shanghai)}
	tab, chart := unitsTable(units, p)
	if len(tab.Rows) != len(units) {
		t.Fatalf("%d rows for %d units", len(tab.Rows), len(units))
	}
	worst := units[len(units)-1]
	if last := tab.Rows[len(tab.Rows)-1]; last[0].Text != "37" || last[1].Text != worst.Name {
		t.Errorf("last row %v, want rank 37 %s", last[:2], worst.Name)
	}
	var said []string
	for _, s := range unitsText(units, p) {
		said = append(said, s.Text)
	}
	if !strings.Contains(strings.Join(said, ""), "排名末位的是"+worst.Name) {
		t.Errorf("the text names %q as the last", said)
	}
	if len(chart.Categories) != 2*chartEnds || !strings.HasSuffix(chart.Categories[len(chart.Categories)-1], worst.Name) ||
		!strings.Contains(chart.Title, "末 5 位") {
		t.Errorf("chart %q draws %v", chart.Title, chart.Categories)
	}
	if !strings.Contains(tab.Note, "共 37 个承办单位，全部列出") {
		t.Errorf("note %q", tab.Note)
	}
}
