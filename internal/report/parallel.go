package report

import "sync"

// workers is how many periods are computed at once: the statistics of one
// period already run two or three queries side by side.
const workers = 2

// each runs fn for 0 … n−1 on up to workers goroutines and returns the first error.
func each(n int, fn func(i int) error) error {
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
		next  int
	)
	for w := 0; w < min(workers, n); w++ {
		wg.Go(func() {
			for {
				mu.Lock()
				i := next
				next++
				stop := first != nil
				mu.Unlock()
				if i >= n || stop {
					return
				}
				if err := fn(i); err != nil {
					mu.Lock()
					if first == nil {
						first = err
					}
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	return first
}
