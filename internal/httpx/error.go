package httpx

import (
	"context"
	"errors"
	"log/slog"
	"net/http"

	"govdesk/internal/app"
	"govdesk/internal/privacy"
)

// statuses is the one table from error codes to HTTP statuses (SPEC §4.4).
var statuses = map[string]int{
	app.EInvalid:           http.StatusBadRequest,
	app.EUnauthorized:      http.StatusUnauthorized,
	app.EForbidden:         http.StatusForbidden,
	app.ENotFound:          http.StatusNotFound,
	app.EConflict:          http.StatusConflict,
	app.EIllegalTransition: http.StatusConflict,
	app.EInternal:          http.StatusInternalServerError,
	ETooLarge:              http.StatusRequestEntityTooLarge,
}

// Status returns the HTTP status of an error.
func Status(err error) int {
	if s, ok := statuses[app.ErrorCode(err)]; ok {
		return s
	}
	return http.StatusInternalServerError
}

// ErrorBody is the JSON shape of an API error.
type ErrorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// WriteError writes err as {"error":{"code","message"}} with its status, and logs
// internal errors in English.
func WriteError(w http.ResponseWriter, r *http.Request, err error) {
	LogError(r, err)
	var body ErrorBody
	body.Error.Code = app.ErrorCode(err)
	body.Error.Message = app.ErrorMessage(err)
	WriteJSON(w, Status(err), body)
}

// LogError logs an error worth a log line: internal ones at error level, others at debug.
// Personal data an error may quote (a database's detail of a row) is masked.
// A request the client gave up on (it left the page) is no failure of the server:
// it is logged at info level, whatever error the cancelled work returned.
func LogError(r *http.Request, err error) {
	msg := privacy.Mask(err.Error())
	if errors.Is(err, context.Canceled) && r.Context().Err() != nil {
		slog.Info("request cancelled by the client", "method", r.Method, "path", r.URL.Path)
		return
	}
	if app.ErrorCode(err) == app.EInternal {
		slog.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", msg)
	} else {
		slog.Debug("request refused", "method", r.Method, "path", r.URL.Path, "err", msg)
	}
}
