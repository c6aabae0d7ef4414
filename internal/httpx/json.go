package httpx

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"

	"govdesk/internal/app"
)

// MaxBody is the largest JSON request body accepted.
const MaxBody = 1 << 20

// WriteJSON writes v as JSON with the status.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}

// DecodeJSON reads a JSON body into v; invalid on bad JSON, unknown fields or too large a body.
func DecodeJSON(w http.ResponseWriter, r *http.Request, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, MaxBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var tooBig *http.MaxBytesError
		switch {
		case errors.As(err, &tooBig):
			return app.Invalid("请求内容过大（上限 1 MB）")
		case errors.Is(err, io.EOF):
			return app.Invalid("请求内容为空，应为 JSON")
		default:
			return app.Invalid("请求内容不是有效的 JSON：%v", err)
		}
	}
	return nil
}
