package store_test

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/sheet"
	"govdesk/internal/store"
	"govdesk/internal/workday"
	"govdesk/internal/workorder"
)

// BenchmarkImportOrders1M imports 1 000 000 generated historic orders from CSV into a
// fresh SQLite file, the whole path of `govdesk import orders`: reading the file, validating
// every row, writing orders and events in one transaction (SPEC §12.1: under 60 s). It
// runs only with GOVDESK_BENCH_1M=1 (GOVDESK_BENCH_ROWS changes the count):
//
//	GOVDESK_BENCH_1M=1 go test -run x -bench ImportOrders1M -benchtime 1x ./internal/store/
//
// It reports seconds, rows/s and the peak resident memory of the import.
func BenchmarkImportOrders1M(b *testing.B) {
	if os.Getenv("GOVDESK_BENCH_1M") != "1" {
		b.Skip("set GOVDESK_BENCH_1M=1 to run the million-order import")
	}
	n := 1_000_000
	if v, err := strconv.Atoi(os.Getenv("GOVDESK_BENCH_ROWS")); err == nil && v > 0 {
		n = v
	}
	ctx := app.WithActor(context.Background(), app.System)
	now := time.Date(2024, 1, 1, 0, 0, 0, 0, app.Shanghai)
	dir := b.TempDir()
	csv := filepath.Join(dir, "orders.csv")
	if err := writeHistoricCSV(csv, n, now); err != nil {
		b.Fatal(err)
	}
	st, _ := os.Stat(csv)
	b.Logf("generated %d rows, %.0f MB", n, float64(st.Size())/1e6)
	cal, err := workday.NewCalendar(nil)
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		db, err := store.Open(ctx, "sqlite:"+filepath.Join(dir, "bench"+strconv.Itoa(i)+".db"))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := db.Migrate(ctx); err != nil {
			b.Fatal(err)
		}
		if _, _, err := (&store.Accounts{DB: db}).UpsertUnits(ctx, genUnits()); err != nil {
			b.Fatal(err)
		}
		im := &workorder.Importer{Store: &store.Orders{DB: db}, Policies: &store.Policies{DB: db}, Clock: &app.FixedClock{T: now},
			Schedule: func(context.Context) (workday.Schedule, error) { return workday.Schedule{Cal: cal}, nil }}
		runtime.GC()
		resetPeakRSS()
		b.StartTimer()
		t0, cpu0 := time.Now(), cpuTime()
		tab, err := sheet.ReadFile(csv, workorder.OrderSpec)
		if err != nil {
			b.Fatal(err)
		}
		read := time.Since(t0)
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		b.Logf("after reading: heap %d MB, RSS peak %d MB", ms.HeapAlloc>>20, peakRSS()/1024)
		sum, bad, err := im.Import(ctx, tab, false)
		if err != nil {
			b.Fatalf("import: %v (%d problems, first %v)", err, len(bad), bad[:min(3, len(bad))])
		}
		total, cpu := time.Since(t0), cpuTime()-cpu0
		b.StopTimer()
		if sum.Imported != n {
			b.Fatalf("imported %d of %d", sum.Imported, n)
		}
		rss := peakRSS()
		b.ReportMetric(total.Seconds(), "s/import")
		b.ReportMetric(float64(n)/total.Seconds(), "rows/s")
		b.ReportMetric(float64(rss)/1024, "peak-RSS-MB")
		b.Logf("read %.1fs, validate+write %.1fs, total %.1fs (CPU %.1fs), %.0f rows/s, peak RSS %d MB", read.Seconds(),
			(total - read).Seconds(), total.Seconds(), cpu.Seconds(), float64(n)/total.Seconds(), rss/1024)
		tab = nil
		db.Close()
		if keep := os.Getenv("GOVDESK_BENCH_KEEP"); keep != "" {
			os.Rename(filepath.Join(dir, "bench"+strconv.Itoa(i)+".db"), keep)
		}
	}
}

// cpuTime returns the process's user and system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// resetPeakRSS resets the kernel's high-water mark of resident memory (Linux).
func resetPeakRSS() { os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// peakRSS returns the high-water mark of resident memory in KiB (Linux), 0 elsewhere.
func peakRSS() int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			kb, _ := strconv.ParseInt(strings.Fields(line)[1], 10, 64)
			return kb
		}
	}
	return 0
}
