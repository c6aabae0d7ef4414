package app

import "strconv"

// Page is a request for one page of a list, 1-based.
type Page struct {
	Page    int
	PerPage int
}

// Bounds of a page request: MaxPage lies far beyond any list and keeps the offset
// of its rows (MaxPage × MaxPerPage) far inside every integer type an engine takes.
const (
	MaxPage        = 1_000_000
	MaxPerPage     = 500
	DefaultPerPage = 20
)

// Normalize clamps the page to sensible bounds: 1 ≤ page ≤ MaxPage,
// 1 ≤ per_page ≤ MaxPerPage, default DefaultPerPage.
func (p Page) Normalize() Page {
	p.Page = min(max(p.Page, 1), MaxPage)
	if p.PerPage <= 0 {
		p.PerPage = DefaultPerPage
	}
	p.PerPage = min(p.PerPage, MaxPerPage)
	return p
}

// Offset is the number of rows before the page (of the normalised page, so it is
// never negative and never overflows).
func (p Page) Offset() int {
	p = p.Normalize()
	return (p.Page - 1) * p.PerPage
}

// ParsePage reads the page parameters of a list (?page=, ?per_page=), as every
// list of the pages and the API does: empty means page 1 and perDefault rows; a
// number beyond the bounds is clamped (page 9223372036854775807 is MaxPage); text
// that is no positive integer is invalid, and the page returned is then the
// first, so a page may ignore the error and show the list from its start.
func ParsePage(page, perPage string, perDefault int) (Page, error) {
	p := Page{Page: 1, PerPage: perDefault}
	var bad string
	for _, f := range []struct {
		s   string
		dst *int
	}{{page, &p.Page}, {perPage, &p.PerPage}} {
		if f.s == "" {
			continue
		}
		n, err := strconv.ParseUint(f.s, 10, 64)
		switch {
		case err != nil && isRange(err):
			*f.dst = MaxPage
		case err != nil || n == 0:
			bad = f.s
		case n > MaxPage:
			*f.dst = MaxPage
		default:
			*f.dst = int(n)
		}
	}
	p = p.Normalize()
	if bad != "" {
		return Page{Page: 1, PerPage: p.PerPage}, Invalid("分页参数 %q 应为正整数", bad).WithDetail("page parameter %q is no positive integer", bad)
	}
	return p, nil
}

func isRange(err error) bool {
	ne, ok := err.(*strconv.NumError)
	return ok && ne.Err == strconv.ErrRange
}
