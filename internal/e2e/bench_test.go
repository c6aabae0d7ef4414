package e2e

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"govdesk/internal/store/storetest"
)

// benchLoad runs n requests from workers goroutines and reports throughput and latency
// percentiles. SPEC §12.1: ≥ 2 000 order reads/s and ≥ 500 creations/s, p99 < 100 ms, on SQLite.
func benchLoad(b *testing.B, workers int, req func(i int) *http.Request) {
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: workers}}
	lat := make([]time.Duration, b.N)
	var next atomic.Int64
	var wg sync.WaitGroup
	var failed atomic.Int64
	b.ResetTimer()
	start := time.Now()
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= b.N {
					return
				}
				t0 := time.Now()
				res, err := client.Do(req(i))
				if err != nil || res.StatusCode >= 300 {
					failed.Add(1)
				}
				if err == nil {
					io.Copy(io.Discard, res.Body)
					res.Body.Close()
				}
				lat[i] = time.Since(t0)
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	if f := failed.Load(); f > 0 {
		b.Fatalf("%d of %d requests failed", f, b.N)
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "req/s")
	b.ReportMetric(float64(lat[b.N*50/100].Microseconds())/1000, "p50_ms")
	b.ReportMetric(float64(lat[min(b.N-1, b.N*99/100)].Microseconds())/1000, "p99_ms")
}

func BenchmarkAPI_Orders(b *testing.B) {
	slog.SetDefault(slog.New(slog.NewTextHandler(io.Discard, nil)))
	db := storetest.SQLite(b)
	base := startServerTB(b, db)
	tok := tokensTB(b, db, "operator", "dispatcher")
	const seed = 2000
	create := func(i int) *http.Request {
		body := fmt.Sprintf(`{"type":"投诉","title":"噪音扰民%d","content":"夜间施工噪音，第%d号","citizen_phone":"139%08d","town":"乐城街道","category":"环境保护/噪声污染"}`, i, i, i%100000000)
		r, _ := http.NewRequest("POST", base+"/api/v1/orders", strings.NewReader(body))
		r.Header.Set("Authorization", "Bearer "+tok["operator"])
		r.Header.Set("Content-Type", "application/json")
		return r
	}
	for i := 0; i < seed; i++ {
		res, err := http.DefaultClient.Do(create(i))
		if err != nil || res.StatusCode != 201 {
			b.Fatalf("seed: %v", err)
		}
		res.Body.Close()
	}
	b.Run("read", func(b *testing.B) {
		benchLoad(b, 8, func(i int) *http.Request {
			r, _ := http.NewRequest("GET", fmt.Sprintf("%s/api/v1/orders/%d", base, 1+i%seed), nil)
			r.Header.Set("Authorization", "Bearer "+tok["dispatcher"])
			return r
		})
	})
	b.Run("create", func(b *testing.B) { benchLoad(b, 8, create) })
}
