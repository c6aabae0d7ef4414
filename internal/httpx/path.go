package httpx

import (
	"net/http"
	"strconv"

	"govdesk/internal/app"
)

// PathID reads the positive integer id named name from the request's path; anything
// else is not_found, "WHAT不存在", as a missing record of that id would be.
func PathID(r *http.Request, name, what string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, app.NotFound("%s不存在", what).WithDetail("%s %q is not an id", name, r.PathValue(name))
	}
	return id, nil
}
