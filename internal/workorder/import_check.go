package workorder

// iUnsatisfied is the plan code of 不满意 (1 + its index in CallbackResults).
const iUnsatisfied = 3

// reopens reports whether the row's callback reopens the order: 不满意, not resolved,
// and no 办结时间.
func (p *importPlan) reopens() bool {
	return p.callback == iUnsatisfied && !p.has(fResolved) && p.closed == noTime
}

// closes reports whether the row describes a closed order.
func (p *importPlan) closes() bool {
	return p.has(fFirstCall) || p.closed != noTime || (p.callback != 0 && !p.reopens())
}

// checkConsistency checks the cells of one row against each other: what the lifecycle
// allows together, and times in lifecycle order.
func (r *importRefs) checkConsistency(c cell, typ string, p *importPlan) {
	row := c.row
	hasUnit := row.Get(ColUnit) != ""
	if p.has(fFirstCall) {
		if hasUnit || row.Get(ColDispatched) != "" {
			c.bad(ColFirstCall, "一次性解答的工单是受理时直接办结的，不应有承办单位或派单时间")
		}
		if ValidType(typ) && typ != "咨询" && typ != "表扬" {
			c.bad(ColFirstCall, "只有咨询和表扬类工单可以一次性解答")
		}
	} else {
		if row.Get(ColDispatched) != "" && !hasUnit {
			c.bad(ColDispatched, "有派单时间，但缺少承办单位")
		}
		if row.Get(ColReplied) != "" && !hasUnit {
			c.bad(ColReplied, "有答复时间，但没有承办单位（未派单的工单不能有答复）")
		}
		if row.Get(ColCallback) != "" && row.Get(ColReplied) == "" {
			c.bad(ColCallback, "有回访结果，但缺少答复时间（答复后才能回访）")
		}
	}
	if row.Get(ColResolved) != "" && row.Get(ColCallback) == "" {
		c.bad(ColResolved, "填写了是否解决，但没有回访结果")
	}

	if p.received != noTime {
		if p.dispatch != noTime && p.dispatch < p.received {
			c.bad(ColDispatched, "派单时间早于受理时间")
		}
		if p.replied != noTime && p.dispatch == noTime && p.replied < p.received {
			c.bad(ColReplied, "答复时间早于受理时间")
		}
		if p.closed != noTime && p.closed < p.received {
			c.bad(ColClosed, "办结时间早于受理时间")
		}
	}
	if p.replied != noTime && p.dispatch != noTime && p.replied < p.dispatch {
		c.bad(ColReplied, "答复时间早于派单时间")
	}
	if p.closed != noTime && p.replied != noTime && p.closed < p.replied {
		c.bad(ColClosed, "办结时间早于答复时间")
	}
	if p.unit >= 0 && !r.units[p.unit].Active && !p.closes() {
		c.bad(ColUnit, "承办单位已停用，未办结的工单不能派给它")
	}
}
