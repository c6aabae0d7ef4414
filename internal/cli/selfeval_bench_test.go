package cli

import (
	"bytes"
	"context"
	"os"
	"testing"

	"govdesk/internal/app"
	"govdesk/internal/config"
	"govdesk/internal/selfeval"
	"govdesk/internal/store/storetest"
)

// BenchmarkSelfevalDemoYear builds the demo's 2022 self-evaluation from the database and
// every module (≈12 000 hotline orders, 1 816 items, assets, devices), then writes the report
// and the table. Run with GOVDESK_BENCH_SELFEVAL=1 (it loads the whole demo first).
func BenchmarkSelfevalDemoYear(b *testing.B) {
	if os.Getenv("GOVDESK_BENCH_SELFEVAL") != "1" {
		b.Skip("set GOVDESK_BENCH_SELFEVAL=1")
	}
	db := storetest.SQLite(b)
	c := config.Default()
	ctx := app.WithActor(context.Background(), app.System)
	var log bytes.Buffer
	if err := loadDemoAll(ctx, db, c, &log); err != nil {
		b.Fatal(err)
	}
	s := wire(db, c)
	svc := selfevalService(s)
	b.Run("modules", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, err := selfevalModules(ctx, s, 2022); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("evaluation", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			if _, _, err := svc.Evaluation(ctx, 2022); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("report+table", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			var doc, tab bytes.Buffer
			if _, err := svc.Report(ctx, 2022, &doc, &tab, selfeval.ReportOptions{Draft: true}); err != nil {
				b.Fatal(err)
			}
		}
	})
}
