package open311

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"govdesk/internal/app"
)

// Keys issues and revokes the API keys of Open311 applications.
type Keys struct {
	Store Store
	Clock app.Clock
}

// HashKey returns the stored form of a key.
func HashKey(key string) string {
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:])
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// Create issues a key for the named application and returns it; only its hash is stored.
func (k *Keys) Create(ctx context.Context, name string) (string, error) {
	name = strings.TrimSpace(name)
	if name == "" || utf8.RuneCountInString(name) > 100 {
		return "", app.Invalid("应用名称不能为空，且不超过 100 字")
	}
	key := "o311_" + randomHex(24)
	if _, err := k.Store.CreateKey(ctx, name, HashKey(key), k.Clock.Now()); err != nil {
		return "", err
	}
	return key, nil
}

// List returns every key (without the key itself).
func (k *Keys) List(ctx context.Context) ([]Key, error) { return k.Store.FindKeys(ctx) }

// Revoke revokes the named application's key.
func (k *Keys) Revoke(ctx context.Context, name string) error {
	return k.Store.RevokeKey(ctx, strings.TrimSpace(name), k.Clock.Now())
}

// Limiter allows at most Max events per Window for each key (a fixed window in
// memory: each process counts its own requests).
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
