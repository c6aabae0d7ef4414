// Command govdesk is the operations platform of a county-level government service centre.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"govdesk/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Main(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
