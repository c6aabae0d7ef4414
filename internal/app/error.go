package app

import (
	"errors"
	"fmt"
)

// Error codes. They are part of the API contract (SPEC §4.4); httpx maps each to an HTTP status.
const (
	EInvalid           = "invalid"
	ENotFound          = "not_found"
	EConflict          = "conflict"
	EForbidden         = "forbidden"
	EUnauthorized      = "unauthorized"
	EIllegalTransition = "illegal_transition"
	EInternal          = "internal"
)

// Error is govdesk's one error type. Message is the Chinese text a person reads;
// Detail is the same in English, saying what is wrong (the command line prints it
// under the Chinese line, and logs carry it). Err, when set, is the underlying cause.
type Error struct {
	Code    string
	Message string
	Detail  string
	Err     error
}

func (e *Error) Error() string {
	s := e.Code + ": " + e.Message
	if e.Detail != "" {
		s += " (" + e.Detail + ")"
	}
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the code and a formatted Chinese message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Invalid, NotFound, Conflict, Forbidden and Unauthorized are shorthands for Errorf with their code.
func Invalid(format string, args ...any) *Error   { return Errorf(EInvalid, format, args...) }
func NotFound(format string, args ...any) *Error  { return Errorf(ENotFound, format, args...) }
func Conflict(format string, args ...any) *Error  { return Errorf(EConflict, format, args...) }
func Forbidden(format string, args ...any) *Error { return Errorf(EForbidden, format, args...) }
func Unauthorized(format string, args ...any) *Error {
	return Errorf(EUnauthorized, format, args...)
}

// Internal wraps an unexpected error; the person reads a generic Chinese message,
// the log gets the English detail.
func Internal(err error, detail string) *Error {
	return &Error{Code: EInternal, Message: "系统内部错误，请稍后重试", Detail: detail, Err: err}
}

// WithDetail returns a copy of e with its English detail: what is wrong, in
// English, e.g. app.Invalid("日期格式错误：%q", s).WithDetail("bad date %q", s).
func (e *Error) WithDetail(format string, args ...any) *Error {
	c := *e
	c.Detail = fmt.Sprintf(format, args...)
	return &c
}

// ErrorCode returns the code of the first *Error in err's chain, EInternal for any
// other non-nil error, and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EInternal
}

// ErrorMessage returns the Chinese message of the first *Error in err's chain, or a
// generic one for any other error.
func ErrorMessage(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "系统内部错误，请稍后重试"
}
