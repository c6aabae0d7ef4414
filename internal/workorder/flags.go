package workorder

import (
	"time"

	"govdesk/internal/workday"
)

// Flags are the time-dependent facts about an order, computed from the calendar at
// read time and never stored (SPEC §4.2).
type Flags struct {
	Overdue     bool    `json:"overdue"`      // 超期: open past its deadline, or replied after it
	Warning     bool    `json:"warning"`      // 预警: open, not overdue, 80% of its limit used
	SignLate    bool    `json:"sign_late"`    // late sign-for, recorded or still unsigned past the limit
	ElapsedDays float64 `json:"elapsed_days"` // working days from the first dispatch to the reply or now
}

// WarnShare is the share of the limit after which an open order is warned about.
const WarnShare = 0.8

// FlagsAt computes the order's flags at now. Lists and statistics select 超期 in SQL
// (store's overdueSQL); a store test over generated orders keeps the two in agreement.
func FlagsAt(o *Order, now time.Time, s workday.Schedule) Flags {
	var f Flags
	if o.FirstDispatchedAt.IsZero() {
		return f
	}
	end := now
	if !o.RepliedAt.IsZero() {
		end = o.RepliedAt
	} else if !o.ClosedAt.IsZero() {
		end = o.ClosedAt
	}
	f.ElapsedDays = s.Elapsed(o.FirstDispatchedAt, end)
	if !o.DeadlineAt.IsZero() {
		handling := o.Status == Dispatched || o.Status == Accepted
		switch {
		case !o.RepliedAt.IsZero():
			f.Overdue = o.RepliedAt.After(o.DeadlineAt)
		case handling:
			f.Overdue = now.After(o.DeadlineAt)
		}
		if handling && !f.Overdue && !o.DispatchedAt.IsZero() {
			total := s.Elapsed(o.DispatchedAt, o.DeadlineAt)
			f.Warning = total > 0 && s.Elapsed(o.DispatchedAt, now) >= WarnShare*total
		}
	}
	f.SignLate = o.SignLate || (o.Status == Dispatched && !o.SignDeadlineAt.IsZero() && now.After(o.SignDeadlineAt))
	return f
}
