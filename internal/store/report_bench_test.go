package store_test

import (
	"bytes"
	"context"
	"os"
	"testing"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/report"
	"govdesk/internal/stats"
	"govdesk/internal/store"
	"govdesk/internal/workday"
)

// BenchmarkAnnualReport1M times building and writing the 2022 annual analysis
// (年度研判报告, .docx and .xlsx) over the 1 000 000 orders of BenchmarkHotline1M
// on SQLite. Like it, it runs only with GOVDESK_BENCH_1M=1 and reuses the
// database in GOVDESK_BENCH_1M_DB when set.
//
//	GOVDESK_BENCH_1M=1 GOVDESK_BENCH_1M_DB=/tmp/bench1m.db go test ./internal/store -run '^$' -bench AnnualReport1M -benchtime 3x -timeout 60m
func BenchmarkAnnualReport1M(b *testing.B) {
	if os.Getenv("GOVDESK_BENCH_1M") != "1" {
		b.Skip("set GOVDESK_BENCH_1M=1 to load 1 000 000 orders and time the annual analysis")
	}
	ctx := context.Background()
	db, sched := bench1MDB(b)
	clock := &app.FixedClock{T: benchNow}
	st := &stats.Service{Source: &store.Stats{DB: db}, Clock: clock,
		Schedule: func(context.Context) (workday.Schedule, error) { return sched, nil }}
	svc := &report.Service{Stats: st, Orders: &store.Orders{DB: db}, Passages: &store.Passages{DB: db}, Clock: clock}
	actx := app.WithActor(ctx, app.Actor{Username: "bench", Role: app.RoleStaff})
	var docx, xlsx bytes.Buffer
	var build time.Duration
	for b.Loop() {
		t0 := time.Now()
		d, err := svc.Build(actx, report.Annual, "2022")
		if err != nil {
			b.Fatal(err)
		}
		build += time.Since(t0)
		docx.Reset()
		xlsx.Reset()
		if err := d.Write(&docx, report.DOCX); err != nil {
			b.Fatal(err)
		}
		if err := d.Write(&xlsx, report.XLSX); err != nil {
			b.Fatal(err)
		}
	}
	b.Logf("per run: figures %v; files .docx %d KB, .xlsx %d KB", (build / time.Duration(b.N)).Round(time.Millisecond), docx.Len()/1024, xlsx.Len()/1024)
}
