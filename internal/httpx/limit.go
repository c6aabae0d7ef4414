package httpx

import (
	"sync"
	"time"
)

// Limiter allows at most Max events per Window for each key (a fixed window in
// memory: each process counts its own requests). The public endpoints — Open311's
// POST, the public page's submissions and look-ups, the policy-application status
// page — each count through one.
type Limiter struct {
	Max    int
	Window time.Duration

	mu     sync.Mutex
	counts map[string]*window
}

type window struct {
	start time.Time
	n     int
}

// Allow counts one event for key at now and reports whether it is within the limit.
func (l *Limiter) Allow(key string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.counts == nil {
		l.counts = map[string]*window{}
	}
	w := l.counts[key]
	if w == nil || now.Sub(w.start) >= l.Window {
		if len(l.counts) > 100000 { // forget old windows rather than grow without bound
			for k, v := range l.counts {
				if now.Sub(v.start) >= l.Window {
					delete(l.counts, k)
				}
			}
		}
		w = &window{start: now}
		l.counts[key] = w
	}
	w.n++
	return w.n <= l.Max
}
