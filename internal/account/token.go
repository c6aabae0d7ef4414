package account

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
)

// newSecret returns a random 32-byte secret, hex-encoded, with an optional prefix.
func newSecret(prefix string) string {
	b := make([]byte, 32)
	rand.Read(b)
	return prefix + hex.EncodeToString(b)
}

// HashToken is how session and API tokens are stored at rest: SHA-256, hex.
// Tokens are 256-bit random, so a fast hash is enough (no dictionary to guard against).
func HashToken(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}
