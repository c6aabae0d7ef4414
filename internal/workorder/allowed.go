package workorder

import "govdesk/internal/app"

// ActionOrder lists the commands a person can run on an existing order, in the
// order pages offer them.
var ActionOrder = []string{
	CmdAccept, CmdReply, CmdExtension, CmdReturn,
	CmdDispatch, CmdDecide, CmdReview, CmdCallback, CmdResolve, CmdDuplicate,
	CmdRemind, CmdSupervise,
}

// Allowed returns the commands the actor may run on the order now, in ActionOrder.
// It applies the same rule table as the commands themselves (role, state, unit),
// plus the preconditions that depend on the order alone: a final assignment cannot
// be returned, only one extension request may be pending, a decision needs a
// pending request, only 咨询 and 表扬 are resolved at intake, and an order is
// supervised once. Limits of the SLA policy (returns, extensions) are left to the
// command, which explains them when it refuses.
func Allowed(a app.Actor, o *Order) []string {
	var out []string
	for _, cmd := range ActionOrder {
		if check(o, cmd, Env{Actor: a}) != nil {
			continue
		}
		switch cmd {
		case CmdReturn:
			if o.FinalAssigned {
				continue
			}
		case CmdExtension:
			if o.ExtPendingDays > 0 {
				continue
			}
		case CmdDecide:
			if o.ExtPendingDays <= 0 {
				continue
			}
		case CmdResolve:
			if o.Type != "咨询" && o.Type != "表扬" {
				continue
			}
		case CmdSupervise:
			if o.Supervised {
				continue
			}
		}
		out = append(out, cmd)
	}
	return out
}

// Visible reports whether the actor may see the order, the rule Get applies: a
// member unit sees the orders it handles or co-handles, the centre's roles every
// order. A unit that returns an order stops seeing it.
func Visible(a app.Actor, o *Order) bool { return visible(a, o) }
