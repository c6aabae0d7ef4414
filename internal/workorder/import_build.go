package workorder

import (
	"time"

	"govdesk/internal/sheet"
)

// batch describes the orders of the valid rows: how many, how many new, and the
// regions and categories they name.
func (r *importRefs) batch(tab *sheet.Table, plans []importPlan) ImportBatch {
	b := ImportBatch{Count: len(plans), Now: r.now}
	regions := map[RegionName]bool{}
	cats := map[string]bool{}
	for i := range plans {
		row := tab.Rows[plans[i].row]
		if _, known := r.heads[row.Get(ColNo)]; !known {
			b.New++
		}
		if rn := (RegionName{row.Get(ColTown), row.Get(ColVillage)}); rn.Town != "" && !regions[rn] {
			regions[rn] = true
			b.Regions = append(b.Regions, rn)
		}
		if c := row.Get(ColCategory); c != "" {
			if p := CategoryPath(c); !cats[p] {
				cats[p] = true
				b.Categories = append(b.Categories, p)
			}
		}
	}
	return b
}

// orders returns the iterator over the orders of the valid rows, built one at a time
// into one reused value, so that a million rows never exist as a million orders.
func (r *importRefs) orders(tab *sheet.Table, plans []importPlan, username string) func(yield func(*ImportedOrder) bool) {
	return func(yield func(*ImportedOrder) bool) {
		var out ImportedOrder
		var audit Event
		for i := range plans {
			r.build(tab.Rows[plans[i].row], &plans[i], &out, &audit, username)
			if !yield(&out) {
				return
			}
		}
	}
}

func micro(us int64) time.Time {
	if us == noTime {
		return time.Time{}
	}
	return time.UnixMicro(us).UTC()
}

// addEvent appends an event to out.Events, reusing the slot and data map of an earlier
// order where there is one.
func (out *ImportedOrder) addEvent(action string, at time.Time, from, to Status, note string) *Event {
	n := len(out.Events)
	var data map[string]string
	if n < cap(out.Events) {
		data = out.Events[:n+1][n].Data
		clear(data)
	}
	if data == nil {
		data = make(map[string]string, 4)
	}
	out.Events = append(out.Events, Event{Action: action, At: at, Actor: ImportActor, From: from, To: to, Note: note, Data: data})
	return &out.Events[n]
}

// build makes the order a valid row describes, in its final state, with the history that
// led there (SPEC §4.5): resolved at intake; or dispatched, with the deadline of the policy
// in force at receipt counted from the dispatch; replied and approved; called back;
// reopened or closed.
func (r *importRefs) build(row sheet.Row, p *importPlan, out *ImportedOrder, audit *Event, username string) {
	out.Events = out.Events[:0]
	out.PhoneMasked = p.has(fPhoneMasked)
	o := &out.Order
	*o = Order{No: row.Get(ColNo), Source: Sources[0], Type: row.Get(ColType), Urgent: p.has(fUrgent),
		Category: CategoryPath(row.Get(ColCategory)), Title: row.Get(ColTitle), Content: row.Get(ColContent),
		CitizenName: row.Get(ColCitizen), Town: row.Get(ColTown), Village: row.Get(ColVillage), Address: row.Get(ColAddress),
		ReceivedAt: micro(p.received), Status: Received, Version: 1, CreatedAt: r.now, UpdatedAt: r.now}
	if !out.PhoneMasked {
		o.CitizenPhone = NormalizePhone(row.Get(ColPhone))
	}
	if o.Title == "" {
		o.Title = firstRunes(o.Content, 30)
	}
	out.addEvent(CmdCreate, o.ReceivedAt, "", Received, "").Data["source"] = o.Source

	reply := row.Get(ColReply)
	switch {
	case p.has(fFirstCall):
		r.buildFirstCall(o, p, out, reply)
	case p.unit >= 0:
		r.buildDispatched(o, p, out, reply)
	default:
		o.ReplyText = reply
	}
	if p.closed != noTime && o.Status != Closed {
		out.addEvent(CmdImport, micro(p.closed), o.Status, Closed, "导入：已办结")
		o.close(micro(p.closed), CloseImport)
	}

	out.Masked = maskedFields(o)
	out.Audit = nil
	if h, ok := r.heads[o.No]; ok {
		o.ID, o.Version = h.ID, h.Version+1
		*audit = Event{OrderID: h.ID, Action: CmdImport, At: r.now, Actor: username, From: h.Status, To: o.Status,
			Note: "重新导入，按文件更新工单", Data: map[string]string{}}
		out.Audit = audit
	}
}

// buildFirstCall: resolved at intake (一次性解答), replied at 答复时间 or at receipt, closed
// at 办结时间 or at receipt.
func (r *importRefs) buildFirstCall(o *Order, p *importPlan, out *ImportedOrder, reply string) {
	replied, closed := o.ReceivedAt, o.ReceivedAt
	if p.replied != noTime {
		replied = micro(p.replied)
	}
	if p.closed != noTime {
		closed = micro(p.closed)
	}
	o.ReplyText, o.RepliedAt, o.FirstCallResolved = reply, replied, true
	if p.callback != 0 {
		o.CallbackResult, o.CallbackResolved = CallbackResults[p.callback-1], p.has(fResolved)
	}
	out.addEvent(CmdResolve, closed, Received, Closed, reply)
	o.close(closed, CloseIntake)
}

// buildDispatched: dispatched to the unit at 派单时间 (受理时间 when the file names a unit
// without one), then the approved reply and the callback when the row has them.
func (r *importRefs) buildDispatched(o *Order, p *importPlan, out *ImportedOrder, reply string) {
	pol := &r.policies[p.policy]
	u := r.units[p.unit]
	disp := o.ReceivedAt
	if p.dispatch != noTime {
		disp = micro(p.dispatch)
	}
	o.UnitID, o.UnitCode, o.UnitName = u.ID, u.Code, u.Name
	o.FirstDispatchedAt, o.DispatchedAt, o.LimitDays = disp, disp, pol.Limit(o.Type, o.Urgent)
	o.DeadlineAt = r.sched.Deadline(disp, o.LimitDays)
	o.SignDeadlineAt = r.sched.DeadlineHours(disp, pol.SignForHours)
	o.Status = Dispatched
	ev := out.addEvent(CmdDispatch, disp, Received, Dispatched, "")
	ev.Data["unit"], ev.Data["limit_days"] = u.Code, fmtDays(o.LimitDays)
	if p.dispatch == noTime {
		ev.Data["assumed"] = "true"
		ev.Note = "导入：文件无派单时间，按受理时间记"
	}
	o.ReplyText = reply
	if p.replied == noTime {
		return
	}
	// The file has no sign-for time: no accept event is made up, and AcceptedAt stays unknown.
	replied := micro(p.replied)
	out.addEvent(CmdReply, replied, Dispatched, Replied, reply)
	out.addEvent(CmdReview, replied, Replied, Callback, "").Data["approve"] = "true"
	o.RepliedAt, o.ReplyApproved, o.Status = replied, true, Callback
	if p.callback == 0 {
		return
	}
	o.CallbackResult, o.CallbackResolved = CallbackResults[p.callback-1], p.has(fResolved)
	at := replied // the callback time is not in the file: 办结时间 when closed, else the reply's
	if p.closed != noTime {
		at = micro(p.closed)
	}
	if p.reopens() {
		ev := out.addEvent(CmdCallback, at, Callback, Accepted, "导入：不满意，重新办理")
		ev.Data["result"], ev.Data["resolved"] = o.CallbackResult, "false"
		o.Reopens = 1
		o.DispatchedAt, o.LimitDays = at, pol.ReopenDays
		o.DeadlineAt = r.sched.Deadline(at, pol.ReopenDays)
		o.RepliedAt, o.ReplyApproved, o.Status = time.Time{}, false, Accepted
		return
	}
	ev = out.addEvent(CmdCallback, at, Callback, Closed, "")
	ev.Data["result"], ev.Data["resolved"] = o.CallbackResult, fmtBool(o.CallbackResolved)
	reason := CloseCallback
	if o.CallbackResult == Unreachable {
		reason = CloseNoContact
	}
	o.close(at, reason)
}

func fmtBool(b bool) string {
	if b {
		return "true"
	}
	return "false"
}
