package knowledge

import (
	"time"

	"govdesk/internal/app"
)

// Validity dates are whole days in Beijing time: 生效日期 is the first day an
// article answers, 有效期至 the last (SPEC §5). The stored end is the instant after
// that last day, so "valid now" is from <= now < until.

// UntilAfterDay returns the stored end for a last valid day (zero stays zero).
func UntilAfterDay(lastDay time.Time) time.Time {
	if lastDay.IsZero() {
		return time.Time{}
	}
	d := lastDay.In(app.Shanghai)
	return time.Date(d.Year(), d.Month(), d.Day()+1, 0, 0, 0, 0, app.Shanghai)
}

// LastValidDay is the 有效期至 date people read and edit (zero when there is no end).
func (a Article) LastValidDay() time.Time {
	if a.ValidUntil.IsZero() {
		return time.Time{}
	}
	return a.ValidUntil.In(app.Shanghai).AddDate(0, 0, -1)
}

// checkValidity refuses an end before the start.
func checkValidity(a Article) error {
	if !a.ValidFrom.IsZero() && !a.ValidUntil.IsZero() && !a.ValidFrom.Before(a.ValidUntil) {
		return app.Invalid("有效期至不能早于生效日期").WithDetail("valid-until is before the start date")
	}
	return nil
}
