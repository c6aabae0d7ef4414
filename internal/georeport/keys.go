package georeport

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"strings"
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

// RandomHex returns n random bytes in hex: keys, request tokens and form secrets.
func RandomHex(n int) string {
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
	key := "o311_" + RandomHex(24)
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
