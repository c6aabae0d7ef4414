package web

import (
	"net/url"

	"govdesk/internal/app"
)

// pageRows cuts a list to the page ?page= asks for (first page by default) and
// returns it with the links to its neighbours.
func pageRows[T any](list []T, path string, v url.Values, per int) ([]T, pager) {
	pg, _ := app.ParsePage(v.Get("page"), "", per) // a bad page shows the first
	n := pg.Page
	pages := max(1, (len(list)+per-1)/per)
	n = min(max(n, 1), pages)
	from := (n - 1) * per
	return list[from:min(from+per, len(list))], newPager(path, v, n, len(list), per)
}
