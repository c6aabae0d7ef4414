package workday

import (
	"testing"
	"time"

	"govdesk/internal/app"
)

var sinkTime time.Time

// BenchmarkDeadline measures one deadline computation with typical limits
// and starts spread over 2022. SPEC requires < 1000 ns/op with -cpu 1.
func BenchmarkDeadline(b *testing.B) {
	c := mustCalendar(b, nil)
	starts := make([]time.Time, 1024)
	first := time.Date(2022, 1, 1, 0, 0, 0, 0, app.Shanghai)
	for i := range starts {
		// Steps of 8h33m17s: every time of day, every date of 2022.
		starts[i] = first.Add(time.Duration(i) * (8*time.Hour + 33*time.Minute + 17*time.Second))
	}
	ns := []float64{1.5, 5, 9, 15}
	for _, s := range []Schedule{{Cal: c, Clock: WorkHours}, {Cal: c, Clock: WorkDays}} {
		b.Run(string(s.Clock), func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				sinkTime = s.Deadline(starts[i&1023], ns[i&3])
				i++
			}
		})
	}
}
