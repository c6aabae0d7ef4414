package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"govdesk/internal/app"
)

// root is the command tree; each subcommand lives in its own file.
func root() *command {
	return &command{
		name: "govdesk",
		en:   "govdesk — operations platform of a government service centre.",
		zh:   "govdesk —— 行政服务中心运营平台。",
		sub: []*command{
			serveCmd(), migrateCmd(), demoCmd(), userCmd(), tokenCmd(), importCmd(), exportCmd(), calendarCmd(), slaCmd(), statsCmd(), reportCmd(), schedulerCmd(), deviceCmd(), assetCmd(), open311Cmd(), rectificationCmd(), selfevalCmd(), kbCmd(), suggestCmd(), backupCmd(), restoreCmd(), versionCmd(),
		},
	}
}

// Main runs the command line and returns the exit status.
func Main(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return mainWith(ctx, newEnv(stdout, stderr, os.Getenv), args)
}

// mainWith runs the command line in an environment (tests give their own).
func mainWith(ctx context.Context, e *env, args []string) int {
	stderr := e.stderr
	err := root().exec(ctx, e, "", args)
	var ue *usageError
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "%s\n", ue.msg)
		return 2
	default:
		printError(stderr, err)
		return 1
	}
}

// printError writes a user error in Chinese and in English. The English line is
// the error's code and its English detail (what is wrong), else what the code
// means, then the underlying cause when that is English (a cause in Chinese,
// such as a file's row-by-row problems, was printed in Chinese already).
func printError(w io.Writer, err error) {
	fmt.Fprintf(w, "错误：%s\n", app.ErrorMessage(err))
	var ae *app.Error
	if errors.As(err, &ae) {
		en := ae.Detail
		if en == "" {
			en = codeEnglish[ae.Code]
		}
		if ae.Err != nil && isASCII(ae.Err.Error()) && !strings.Contains(en, ae.Err.Error()) {
			en += ": " + ae.Err.Error()
		}
		fmt.Fprintf(w, "error: %s: %s\n", ae.Code, en)
	} else {
		fmt.Fprintf(w, "error: %v\n", err)
	}
	if app.ErrorCode(err) == app.EInternal {
		slog.Error("command failed", "err", err)
	}
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// codeEnglish says in English what each error code means, for the English line of a user error.
var codeEnglish = map[string]string{
	app.EInvalid:           "invalid input",
	app.ENotFound:          "not found",
	app.EConflict:          "conflict with the current data",
	app.EForbidden:         "not allowed",
	app.EUnauthorized:      "not authenticated",
	app.EIllegalTransition: "illegal state transition",
	app.EInternal:          "internal error",
}
