package app

// Page is a request for one page of a list, 1-based.
type Page struct {
	Page    int
	PerPage int
}

// Normalize clamps the page to sensible bounds: page ≥ 1, 1 ≤ per_page ≤ 500, default 20.
func (p Page) Normalize() Page {
	if p.Page < 1 {
		p.Page = 1
	}
	if p.PerPage <= 0 {
		p.PerPage = 20
	}
	if p.PerPage > 500 {
		p.PerPage = 500
	}
	return p
}

// Offset is the number of rows before the page.
func (p Page) Offset() int { return (p.Page - 1) * p.PerPage }
