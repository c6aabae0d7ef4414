package httpx

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"

	"govdesk/internal/app"
)

// A request the client cancelled is not logged as a server error.
func TestLogError_CancelledByClient(t *testing.T) {
	var buf bytes.Buffer
	old := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug})))
	defer slog.SetDefault(old)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r := httptest.NewRequest("GET", "/", nil).WithContext(ctx)
	LogError(r, app.Internal(fmt.Errorf("list: %w", context.Canceled), "list orders"))
	if strings.Contains(buf.String(), "level=ERROR") || !strings.Contains(buf.String(), "cancelled by the client") {
		t.Errorf("log: %s", buf.String())
	}
	buf.Reset()
	LogError(httptest.NewRequest("GET", "/", nil), app.Internal(fmt.Errorf("disk full"), "write"))
	if !strings.Contains(buf.String(), "level=ERROR") {
		t.Errorf("a real failure is not an error line: %s", buf.String())
	}
}
