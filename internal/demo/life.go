package demo

import (
	"math"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/workorder"
)

// life runs one order through the lifecycle commands of the workorder package, step
// by step, stopping at the first step after Now: the order ends in the state a real
// centre would have it in today.
type life struct {
	g       *gen
	o       *workorder.Order
	pol     workorder.Policy
	cat     category
	unit    string
	t       time.Time // the time of the last step
	stopped bool
	err     error
}

var (
	operator   = app.Actor{Username: "operator", Name: "话务员", Role: app.RoleOperator}
	dispatcher = app.Actor{Username: "dispatcher", Name: "派单员", Role: app.RoleDispatcher}
	leader     = app.Actor{Username: "leader", Name: "中心主任", Role: app.RoleLeader}
)

// handler is the actor of a unit's handling steps.
func (l *life) handler() app.Actor {
	u := l.g.e.Units[l.o.UnitCode]
	name := "handler"
	if u.Code != DemoHandlerUnit {
		name = u.Name + "承办人"
	}
	return app.Actor{Username: name, Name: name, Role: app.RoleHandler, UnitID: u.ID, UnitCode: u.Code}
}

// step runs cmd at t as the actor unless the order is already past Now.
func (l *life) step(t time.Time, a app.Actor, cmd func(env workorder.Env) (workorder.Event, error)) bool {
	if l.stopped || l.err != nil || t.After(l.g.e.Now) {
		l.stopped = true
		return false
	}
	env := workorder.Env{Actor: a, Now: t.UTC(), Policy: l.pol, Schedule: l.g.e.Schedule, ReviewClosesConsult: l.g.e.ReviewClosesConsult}
	ev, err := cmd(env)
	if err != nil {
		l.err = err
		return false
	}
	l.g.out.Events = append(l.g.out.Events, ev)
	l.o.UpdatedAt, l.t = t.UTC(), t
	return true
}

func (l *life) minutes(lo, hi int) time.Duration {
	return time.Duration(lo+l.g.rng.IntN(hi-lo+1)) * time.Minute
}

func (l *life) chance(percent float64) bool { return l.g.rng.Float64()*100 < percent }

func (l *life) uniform(lo, hi float64) float64 { return lo + l.g.rng.Float64()*(hi-lo) }

// live reports whether the order was received in the live weeks before Now.
func (l *life) live() bool { return l.g.e.Now.Sub(l.o.ReceivedAt) < (LiveDays+1)*24*time.Hour }

func (l *life) run() {
	o := l.o
	l.t = o.ReceivedAt
	l.g.out.Events = append(l.g.out.Events, workorder.Event{Action: workorder.CmdCreate, At: o.ReceivedAt, Actor: operator.Username,
		To: workorder.Received, Data: map[string]string{"source": o.Source}})
	if (o.Type == "咨询" && l.chance(64)) || (o.Type == "表扬" && l.chance(50)) {
		l.step(l.t.Add(l.minutes(2, 12)), operator, func(env workorder.Env) (workorder.Event, error) {
			return workorder.Resolve(o, env, l.cat.Reply, 0)
		})
		return
	}
	wait := l.minutes(8, 150)
	if l.live() && l.chance(15) {
		wait = time.Duration(l.uniform(3, 150)) * time.Hour // a hard one, long in the pool
	}
	if !l.dispatch(l.t.Add(wait), l.unit, false) {
		return
	}
	if l.chance(4) || l.live() && l.chance(10) {
		if !l.step(l.t.Add(l.minutes(40, 400)), l.handler(), func(env workorder.Env) (workorder.Event, error) {
			return workorder.Return(o, env, "经核实，该诉求不属于本单位职责范围，请重新派单。")
		}) {
			return
		}
		other := TownUnitCode(l.g.rng.IntN(len(Towns)))
		if l.unit[0] == 'T' {
			other = l.cat.Unit
			if other == "" {
				other = "U020"
			}
		}
		again := l.minutes(20, 240)
		if l.live() && l.chance(35) {
			again = time.Duration(l.uniform(6, 120)) * time.Hour // waiting in the pool to be dispatched again
		}
		if !l.dispatch(l.t.Add(again), other, false) {
			return
		}
	}
	l.handle()
}

func (l *life) dispatch(t time.Time, code string, final bool) bool {
	u, ok := l.g.e.Units[code]
	if !ok {
		l.err = app.Internal(nil, "demo: unknown unit "+code)
		return false
	}
	return l.step(t, dispatcher, func(env workorder.Env) (workorder.Event, error) {
		return workorder.Dispatch(l.o, env, u, nil, final)
	})
}

// replyDays is how long a unit takes, in working days from the dispatch: about 1.24
// days for questions and 5.4 for the rest (the seed's averages), a share of them late.
func (l *life) replyDays() float64 {
	if l.o.Type == "咨询" {
		if l.chance(85) {
			return l.uniform(0.1, 1.2)
		}
		return l.uniform(1.5, 3.5)
	}
	if l.o.Urgent {
		return l.uniform(0.1, 1.2)
	}
	if l.chance(90) && !(l.live() && l.chance(12)) {
		return l.uniform(0.6, 7.9)
	}
	return l.uniform(9, 13)
}

// handle: sign for, perhaps ask for more time, be reminded or supervised, reply, be
// reviewed and called back.
func (l *life) handle() {
	o := l.o
	sign := l.minutes(5, 200)
	if l.chance(5) || l.live() && l.chance(8) {
		sign = time.Duration(l.uniform(20, 60)) * time.Hour
	}
	if !l.step(l.t.Add(sign), l.handler(), func(env workorder.Env) (workorder.Event, error) { return workorder.Accept(o, env) }) {
		return
	}
	days := l.replyDays()
	replyAt := l.g.e.Schedule.Deadline(o.DispatchedAt, days)
	if !replyAt.After(l.t) {
		replyAt = l.t.Add(l.minutes(20, 120))
	}
	if o.Type != "咨询" && !o.Urgent && l.chance(4) {
		ask := l.t.Add(replyAt.Sub(l.t) / 3)
		extra := float64(3 + l.g.rng.IntN(3))
		if !l.step(ask, l.handler(), func(env workorder.Env) (workorder.Event, error) {
			return workorder.RequestExtension(o, env, extra, "涉及多个部门协调，需要更多时间现场核实。")
		}) {
			return
		}
		approve := l.chance(85)
		decide := l.minutes(60, 1200)
		if l.live() {
			decide = time.Duration(l.uniform(1, 96)) * time.Hour
		}
		if !l.step(l.t.Add(decide), dispatcher, func(env workorder.Env) (workorder.Event, error) {
			note := "同意延期"
			if !approve {
				note = "理由不充分，请按原时限办结"
			}
			return workorder.DecideExtension(o, env, approve, note)
		}) {
			return
		}
		if approve {
			replyAt = l.g.e.Schedule.Deadline(o.DispatchedAt, o.LimitDays-l.uniform(0, extra))
		}
	}
	if l.chance(5) {
		at := l.t.Add(time.Duration(float64(replyAt.Sub(l.t)) * 0.6))
		if !l.step(at, dispatcher, func(env workorder.Env) (workorder.Event, error) {
			return workorder.Remind(o, env, "请加快办理进度，按时答复。")
		}) {
			return
		}
	}
	supervise := 0.8
	if l.live() {
		supervise = 4
	}
	if l.live() && o.Type != "咨询" && l.chance(1.5) {
		o.Sensitive = []string{workorder.SensitiveTags[l.g.rng.IntN(len(workorder.SensitiveTags))]}
	}
	if o.Type != "咨询" && (l.chance(supervise) || o.Urgent && l.chance(10)) {
		if !l.step(l.t.Add(l.minutes(30, 600)), leader, func(env workorder.Env) (workorder.Event, error) {
			return workorder.Supervise(o, env, "群众反映集中，请主要负责同志亲自督办。")
		}) {
			return
		}
	}
	if replyAt.Before(l.t) {
		replyAt = l.t.Add(l.minutes(30, 300))
	}
	l.replyAndClose(replyAt)
}

// replyAndClose: the reply, its review (rarely sent back once) and the callback.
func (l *life) replyAndClose(replyAt time.Time) {
	o := l.o
	reply := func(t time.Time) bool {
		return l.step(t, l.handler(), func(env workorder.Env) (workorder.Event, error) { return workorder.Reply(o, env, l.cat.Reply) })
	}
	review := func(t time.Time, approve bool) bool {
		return l.step(t, dispatcher, func(env workorder.Env) (workorder.Event, error) {
			reason := ""
			if !approve {
				reason = "答复内容不完整，请补充办理结果。"
			}
			return workorder.Review(o, env, approve, reason)
		})
	}
	if !reply(replyAt) {
		return
	}
	if l.chance(4) {
		if !review(l.t.Add(l.minutes(10, 300)), false) || !reply(l.t.Add(time.Duration(l.uniform(2, 20))*time.Hour)) {
			return
		}
	}
	wait := l.minutes(10, 300)
	if l.live() && l.chance(30) {
		wait = time.Duration(l.uniform(4, 48)) * time.Hour
	}
	if !review(l.t.Add(wait), true) || o.Status == workorder.Closed {
		return
	}
	l.callback(false)
}

// callbackMix gives about 91 % satisfied among the rated callbacks (the seed: 91.15 %).
var callbackMix = []int{68, 11, 17, 4} // 满意, 基本满意, 不满意, 无法回访

func (l *life) callback(again bool) {
	o := l.o
	at := l.t.Add(time.Duration(l.uniform(2, 40)) * time.Hour)
	res := workorder.CallbackResults[pick(l.g.rng, callbackMix)]
	if again && res == workorder.Unsatisfied {
		res = workorder.BasicSatisfied
	}
	resolved := res != workorder.Unsatisfied || l.chance(50)
	answer := &resolved // nobody answers it when the citizen was not reached
	if res == workorder.Unreachable {
		answer = nil
	}
	note := map[string]string{workorder.Satisfied: "来电人表示问题已解决，对办理结果满意。", workorder.BasicSatisfied: "来电人认可办理结果。",
		workorder.Unsatisfied: "来电人对办理结果不满意。", workorder.Unreachable: "电话无人接听。"}[res]
	cb := func(t time.Time) bool {
		return l.step(t, operator, func(env workorder.Env) (workorder.Event, error) {
			return workorder.RecordCallback(o, env, res, answer, note)
		})
	}
	if !cb(at) {
		return
	}
	if res == workorder.Unreachable {
		cb(l.t.Add(time.Duration(l.uniform(20, 30)) * time.Hour))
		return
	}
	if o.Status == workorder.Accepted { // reopened
		days := math.Min(l.uniform(0.5, 4.5), l.pol.ReopenDays)
		l.replyAndCloseAgain(l.g.e.Schedule.Deadline(o.DispatchedAt, days))
	}
}

func (l *life) replyAndCloseAgain(replyAt time.Time) {
	o := l.o
	if !l.step(replyAt, l.handler(), func(env workorder.Env) (workorder.Event, error) { return workorder.Reply(o, env, l.cat.Reply) }) {
		return
	}
	if !l.step(l.t.Add(l.minutes(10, 300)), dispatcher, func(env workorder.Env) (workorder.Event, error) {
		return workorder.Review(o, env, true, "")
	}) || o.Status == workorder.Closed {
		return
	}
	l.callback(true)
}
