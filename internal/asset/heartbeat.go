package asset

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"govdesk/internal/app"
)

// TokenPrefix starts every device token, so a leaked one is recognisable.
const TokenPrefix = "gdd_"

// HashToken returns the SHA-256 of a device token as stored: tokens are 256-bit
// random, so a slow hash would add nothing (as for API tokens).
func HashToken(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}

// IssueToken creates a new heartbeat token for the device (admin, staff),
// replacing any earlier one, and returns it; only its hash is kept.
func (s *Service) IssueToken(ctx context.Context, code string) (string, error) {
	if _, err := app.RequireRole(ctx, EditRoles...); err != nil {
		return "", err
	}
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", app.Internal(err, "device token")
	}
	tok := TokenPrefix + hex.EncodeToString(b)
	if err := s.Store.SetDeviceToken(ctx, code, HashToken(tok), s.now()); err != nil {
		return "", err
	}
	return tok, nil
}

// Heartbeat records that the device is alive; it needs no logged-in actor, only the
// device's token, and closes the device's open heartbeat faults. Faults recorded by
// people stay open until a person closes them.
func (s *Service) Heartbeat(ctx context.Context, code, token string) (closed int, err error) {
	if !strings.HasPrefix(token, TokenPrefix) {
		return 0, app.Unauthorized("设备令牌无效")
	}
	return s.Store.Heartbeat(ctx, code, HashToken(token), s.now())
}

// CheckHeartbeats opens a fault for every device with a token that has been silent
// longer than the heartbeat timeout (the scheduler's job).
func (s *Service) CheckHeartbeats(ctx context.Context) (int, error) {
	timeout := s.HeartbeatTimeout
	if timeout <= 0 {
		timeout = DefaultHeartbeatTimeout
	}
	now := s.now()
	return s.Store.OpenSilenceFaults(ctx, now.Add(-timeout), now)
}
