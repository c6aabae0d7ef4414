package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/evaluation"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
	"govdesk/internal/workorder"
)

// lastYear is the year of the newest of the instants (0 when there is none).
func lastYear(ts []time.Time) int {
	y := 0
	for _, t := range ts {
		y = max(y, t.In(app.Shanghai).Year())
	}
	return y
}

// TestDemo_PeriodsOpenWithData: on the demo — two past years of records and live orders
// in the weeks before today — every page that shows a period opens on one with data
// (the current one when it has data, else the latest that has), and a period without
// data says so plainly and links to the latest period with data.
func TestDemo_PeriodsOpenWithData(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		base := startDemo(t, db)
		ctx := context.Background()
		now := time.Now().In(app.Shanghai)
		far := now.AddDate(10, 0, 0)

		cases, err := (&store.Catalog{DB: db}).FindCases(ctx, time.Time{}, far)
		if err != nil {
			t.Fatal(err)
		}
		var caseTimes []time.Time
		for _, c := range cases {
			caseTimes = append(caseTimes, c.AcceptedAt)
		}
		evs, err := (&store.Evaluations{DB: db}).FindEvaluations(ctx, evaluation.Filter{To: far})
		if err != nil {
			t.Fatal(err)
		}
		var evTimes []time.Time
		for _, e := range evs {
			evTimes = append(evTimes, e.At)
		}
		caseYear, evYear := lastYear(caseTimes), lastYear(evTimes)
		if caseYear == 0 || caseYear == now.Year() || evYear == 0 || evYear == now.Year() {
			t.Fatalf("the demo's cases (%d) and evaluations (%d) should lie in past years", caseYear, evYear)
		}

		staff := loginHTTP(t, base, "staff")
		for _, c := range []struct {
			path string
			year int
		}{{"/cases", caseYear}, {"/evaluations", evYear}} {
			page := fetchPage(t, staff, base, c.path)
			if strings.Contains(page, `id="no-data"`) || !strings.Contains(page, fmt.Sprintf(`name="from" value="%d-01-01"`, c.year)) ||
				!strings.Contains(page, fmt.Sprintf(`name="to" value="%d-12-31"`, c.year)) {
				t.Errorf("%s does not open on %d, the latest year with records", c.path, c.year)
			}
			empty := fetchPage(t, staff, base, fmt.Sprintf("%s?from=%d-01-01&to=%d-12-31", c.path, now.Year(), now.Year()))
			link := fmt.Sprintf(`href="%s?from=%d-01-01&amp;to=%d-12-31" id="no-data-latest"`, c.path, c.year, c.year)
			if !strings.Contains(empty, "本期暂无数据") || !strings.Contains(empty, link) {
				t.Errorf("%s of %d (empty) does not say so and link %d", c.path, now.Year(), c.year)
			}
		}
		home := fetchPage(t, staff, base, "/")
		for _, want := range []string{fmt.Sprintf("%d 年办件按时办结率", caseYear), fmt.Sprintf("%d 年好评率", evYear)} {
			if !strings.Contains(home, want) {
				t.Errorf("the staff's home lacks %q", want)
			}
		}

		// the self-evaluation opens on the latest year with inputs, not on an empty one graded 差
		se := &store.SelfEval{DB: db}
		seYear := 0
		for y := now.Year(); y >= 2000 && seYear == 0; y-- {
			if v, err := se.Version(ctx, y); err != nil {
				t.Fatal(err)
			} else if v > 0 {
				seYear = y
			}
		}
		page := fetchPage(t, staff, base, "/selfeval")
		if !strings.Contains(page, fmt.Sprintf("%d 年度部门整体支出绩效自评", seYear)) || strings.Contains(page, `id="no-data"`) {
			t.Errorf("/selfeval does not open on %d", seYear)
		}
		empty := seYear + 1
		page = fetchPage(t, staff, base, fmt.Sprintf("/selfeval?year=%d", empty))
		if !strings.Contains(page, fmt.Sprintf(`href="/selfeval?year=%d" id="no-data-latest"`, seYear)) ||
			strings.Contains(page, "report.docx") || strings.Contains(page, "table.xlsx") || strings.Contains(page, `id="selfeval-grade">差`) {
			t.Errorf("/selfeval?year=%d (no inputs) should say so, link %d and offer no download", empty, seYear)
		}

		// briefs: each picker on its last complete period with orders
		orders := &store.Orders{DB: db}
		lastOrderBefore := func(before time.Time) int {
			list, _, err := orders.FindOrders(ctx, workorder.Filter{To: before, Page: app.Page{PerPage: 1}})
			if err != nil || len(list) == 0 {
				t.Fatalf("orders before %v: %v", before, err)
			}
			return list[0].ReceivedAt.In(app.Shanghai).Year()
		}
		annual := lastOrderBefore(time.Date(now.Year(), 1, 1, 0, 0, 0, 0, app.Shanghai))
		leader := loginHTTP(t, base, "leader")
		if page := fetchPage(t, leader, base, "/reports"); !strings.Contains(page, fmt.Sprintf(`name="year" value="%d"`, annual)) {
			t.Errorf("the annual picker does not offer %d, the last complete year with orders", annual)
		}
		if page := fetchPage(t, leader, base, fmt.Sprintf("/reports/annual/%d", annual+1)); annual+1 < now.Year() && !strings.Contains(page, "本期暂无数据") {
			t.Errorf("the annual analysis of %d (no orders) does not say so", annual+1)
		}

		// the leader's and the handler's yearly figures: this year, which has live orders
		for _, u := range []string{"leader", "handler"} {
			c := loginHTTP(t, base, u)
			home := fetchPage(t, c, base, "/")
			if want := fmt.Sprintf("（%d 年，对比 %d 年）", now.Year(), now.Year()-1); !strings.Contains(home, want) || strings.Contains(home, `id="no-data"`) {
				t.Errorf("%s's yearly figures do not open on this year: want %q", u, want)
			}
		}
		if page := fetchPage(t, leader, base, fmt.Sprintf("/?year=%d", annual+1)); annual+1 < now.Year() &&
			!strings.Contains(page, fmt.Sprintf(`href="/?year=%d" id="no-data-latest"`, now.Year())) {
			t.Errorf("the leader's figures of %d (no orders) do not say so", annual+1)
		}
	})
}
