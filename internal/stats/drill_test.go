package stats_test

import (
	"strconv"
	"strings"
	"testing"

	"govdesk/internal/app"
	"govdesk/internal/stats"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
	"govdesk/internal/workorder"
)

// TestHotline_DrillDown checks that every figure's drill-down lists exactly the
// orders the figure counts: for a count its value, for a rate its numerator and
// denominator, for an average the orders averaged; this year's and last year's.
func TestHotline_DrillDown(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		seed(f)
		orders := &store.Orders{DB: db}
		total := func(t *testing.T, filter workorder.Filter, key string) int {
			t.Helper()
			_, n, err := orders.FindOrders(f.System, filter)
			if err != nil {
				t.Fatalf("%s: %v", key, err)
			}
			return n
		}
		_, h := report(t, f, "2022-01-01", "2022-12-31")
		t.Run("OK", func(t *testing.T) {
			checked := 0
			for _, prefix := range []string{"", "previous."} {
				figs := h.Figures()
				if prefix != "" {
					figs = h.Previous.Figures()
				}
				for _, fig := range figs {
					want := []int{}
					switch {
					case fig.Unit == "%":
						want = []int{fig.Numerator, fig.Denominator}
					case strings.HasPrefix(fig.Key, "avg_workdays."):
						want = []int{fig.Denominator}
					default:
						want = []int{int(*fig.Value)}
					}
					for i, key := range fig.Drill {
						filter, err := h.DrillDown(prefix + key)
						if err != nil {
							t.Fatalf("%s%s: %v", prefix, key, err)
						}
						if got := total(t, filter, key); got != want[i] {
							t.Errorf("%s%s: drill-down lists %d orders, the figure counts %d", prefix, key, got, want[i])
						}
						direct, err := f.stats.DrillDown(f.System, h.Period, prefix+key)
						if err != nil {
							t.Fatalf("Service.DrillDown %s%s: %v", prefix, key, err)
						}
						direct.Now = filter.Now // the computation's instant of 超期
						if got := total(t, direct, key); got != want[i] {
							t.Errorf("Service.DrillDown %s%s lists %d orders, the figure counts %d", prefix, key, got, want[i])
						}
						checked++
					}
				}
			}
			// 26 drill-downs a year: received, 7 types, urgent, closed, overdue, 5 counters, 2 averages, 4 rates × 2.
			if checked != 2*26 {
				t.Errorf("%d drill-downs checked, want 52", checked)
			}
		})
		t.Run("Breakdown", func(t *testing.T) {
			p, _ := stats.DatePeriod("2022-01-01", "2022-12-31")
			b, err := f.stats.Breakdown(f.System, p)
			if err != nil {
				t.Fatal(err)
			}
			// Hand count: sources 12345热线 13, 网络问政 2 (E H), 来信 1 (G); towns 乐城街道 12, 城关镇 3 (E F G),
			// 未填写 1 (M); top-level categories 城乡建设 13 (E's 城乡建设/供水 included), 环境保护 2 (G H),
			// 未填写 1 (M); units U001 8 (B C D E G H I K), U002 1 (F), 未派单 7 (A1 A2 A3 J L M N).
			want := map[string]string{
				"by_source":   "12345热线=12345热线:13 网络问政=网络问政:2 来信=来信:1",
				"by_town":     "乐城街道=乐城街道:12 城关镇=城关镇:3 =未填写:1",
				"by_category": "城乡建设=城乡建设:13 环境保护=环境保护:2 =未填写:1",
				"by_unit":     "U001=市住建局:8 =未派单:7 U002=市水务局:1",
			}
			for kind, list := range map[string][]stats.Bucket{"by_source": b.Sources, "by_town": b.Towns, "by_category": b.Categories, "by_unit": b.Units} {
				var parts []string
				for _, bk := range list {
					parts = append(parts, bk.Key+"="+bk.Name+":"+strconv.Itoa(bk.Count))
					filter, err := b.DrillDown(kind + "." + bk.Key)
					if bk.Key == "" {
						if app.ErrorCode(err) != app.EInvalid {
							t.Errorf("%s 未填写: drill-down error %v, want invalid", kind, err)
						}
						continue
					}
					if err != nil {
						t.Fatalf("%s.%s: %v", kind, bk.Key, err)
					}
					if got := total(t, filter, bk.Key); got != bk.Count {
						t.Errorf("%s.%s: drill-down lists %d orders, the bucket counts %d", kind, bk.Key, got, bk.Count)
					}
				}
				if got := strings.Join(parts, " "); got != want[kind] {
					t.Errorf("%s: %s, want %s", kind, got, want[kind])
				}
			}
		})
		t.Run("ErrUnknownFigure", func(t *testing.T) {
			for _, key := range []string{"", "closure_rate", "growth.received", "by_type.吐槽", "previous.previous.received", "by_source.x"} {
				if _, err := h.DrillDown(key); app.ErrorCode(err) != app.EInvalid {
					t.Errorf("%q: error %v, want invalid", key, err)
				}
			}
		})
	})
}
