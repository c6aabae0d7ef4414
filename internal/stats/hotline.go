package stats

import (
	"context"
	"sync"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/workday"
	"govdesk/internal/workorder"
)

// Counts are the order counts of one period; each is the count of the filter
// DrillDown gives for its figure.
type Counts struct {
	Received  int
	ByType    map[string]int // every type of workorder.Types, zero counts included
	Urgent    int
	Closed    int
	Answered  int // with an approved reply and a deadline: the on-time denominator
	OnTime    int // approved reply at or before the deadline
	Overdue   int // 超期 at the computation's now (store's overdue condition)
	Rated     int // with a callback rating 满意/基本满意/不满意
	Satisfied int // rated 满意 or 基本满意
	FirstCall int // 咨询 resolved at intake (the consult count is ByType["咨询"])

	// orders with at least one return, extension, reopening, reminder; supervised
	Returned, Extended, Reopened, Reminded, Supervised int
}

// Span is an order with an approved reply after a dispatch: whether it is a 咨询,
// and the instants its handling time runs between.
type Span struct {
	Consult    bool
	Dispatched time.Time // the first dispatch
	Replied    time.Time // the approved reply
}

// Source reads the counts from storage. f selects the orders by its selection
// fields (period, scope, conditions); Page and Order are ignored. Errors are
// internal.
type Source interface {
	// HotlineCounts counts the orders of f; f.Now is the instant 超期 is judged at.
	HotlineCounts(ctx context.Context, f workorder.Filter) (Counts, error)
	// HotlineSpans calls fn for every order of f; f has Approved and Dispatched set.
	HotlineSpans(ctx context.Context, f workorder.Filter, fn func(Span)) error
	// HotlineBreakdown counts the orders of f by source, town, top-level category and unit.
	HotlineBreakdown(ctx context.Context, f workorder.Filter) (Breakdown, error)
}

// Hotline holds the figures of SPEC §9 for one period.
type Hotline struct {
	Period Period
	Now    time.Time     // the instant 超期 was judged at
	Clock  workday.Clock // the clock mode the working days were counted by
	Counts

	ClosureRate      *float64 // percent, nil when the denominator is 0
	OnTimeRate       *float64
	SatisfactionRate *float64
	FirstCallRate    *float64
	AvgConsult       *float64 // working days, nil when no order counts
	AvgNonConsult    *float64
	SpansConsult     int // orders averaged in AvgConsult
	SpansNonConsult  int

	Previous       *Hotline // the same period one year earlier (nil inside Previous)
	GrowthReceived *float64 // percent, nil when last year's count is 0
	GrowthUrgent   *float64

	base workorder.Filter // the selection every drill-down starts from
}

// Service computes statistics over a Source.
type Service struct {
	Source Source
	Clock  app.Clock
	// Schedule returns the working-day schedule in force (calendar, periods, clock mode).
	Schedule func(ctx context.Context) (workday.Schedule, error)
}

// base is the selection of the actor's statistics over p at now: handlers and
// unit admins see their own unit's orders (as main or co-handling unit), everyone
// else all orders. Without an actor it fails with unauthorized.
func (s *Service) base(ctx context.Context, p Period) (workorder.Filter, error) {
	a, err := app.RequireActor(ctx)
	if err != nil {
		return workorder.Filter{}, err
	}
	f := workorder.Filter{From: p.From, To: p.To, Now: s.Clock.Now()}
	return f, workorder.ScopeFilter(a, &f)
}

// Hotline computes the hotline figures of p and of the same period one year
// earlier, with the growth rates, as the actor may see them.
func (s *Service) Hotline(ctx context.Context, p Period) (Hotline, error) {
	return s.hotline(ctx, p, true)
}

// HotlineCounts computes every figure of Hotline except the working-day
// averages (AvgConsult and AvgNonConsult stay nil), which are the costly part:
// for briefs that show many periods, such as the months of a year.
func (s *Service) HotlineCounts(ctx context.Context, p Period) (Hotline, error) {
	return s.hotline(ctx, p, false)
}

func (s *Service) hotline(ctx context.Context, p Period, averages bool) (Hotline, error) {
	base, err := s.base(ctx, p)
	if err != nil {
		return Hotline{}, err
	}
	sched, err := s.Schedule(ctx)
	if err != nil {
		return Hotline{}, err
	}
	prevBase := base
	last := p.YearBefore()
	prevBase.From, prevBase.To = last.From, last.To
	var cur, prev Hotline
	var errCur, errPrev error
	var wg sync.WaitGroup
	wg.Go(func() { cur, errCur = s.compute(ctx, base, sched, averages) })
	wg.Go(func() { prev, errPrev = s.compute(ctx, prevBase, sched, averages) })
	wg.Wait()
	if errCur != nil {
		return Hotline{}, errCur
	}
	if errPrev != nil {
		return Hotline{}, errPrev
	}
	cur.Previous = &prev
	cur.GrowthReceived = growth(cur.Received, prev.Received)
	cur.GrowthUrgent = growth(cur.Urgent, prev.Urgent)
	return cur, nil
}

// compute runs the counting query and the working-day averages side by side.
func (s *Service) compute(ctx context.Context, base workorder.Filter, sched workday.Schedule, averages bool) (Hotline, error) {
	h := Hotline{Period: Period{From: base.From, To: base.To}, Now: base.Now, Clock: sched.Clock, base: base}
	if h.Clock == "" {
		h.Clock = workday.WorkHours
	}
	var sums [2]float64
	var errSpans error
	var wg sync.WaitGroup
	if averages {
		wg.Go(func() {
			errSpans = s.Source.HotlineSpans(ctx, spanFilter(base), func(sp Span) {
				d := sched.Elapsed(sp.Dispatched, sp.Replied)
				if sp.Consult {
					sums[0] += d
					h.SpansConsult++
				} else {
					sums[1] += d
					h.SpansNonConsult++
				}
			})
		})
	}
	c, err := s.Source.HotlineCounts(ctx, base)
	wg.Wait()
	if err != nil {
		return Hotline{}, err
	}
	if errSpans != nil {
		return Hotline{}, errSpans
	}
	h.Counts = c
	h.ClosureRate = percent(c.Closed, c.Received)
	h.OnTimeRate = percent(c.OnTime, c.Answered)
	h.SatisfactionRate = percent(c.Satisfied, c.Rated)
	h.FirstCallRate = percent(c.FirstCall, c.ByType[Consult])
	h.AvgConsult = mean(sums[0], h.SpansConsult)
	h.AvgNonConsult = mean(sums[1], h.SpansNonConsult)
	return h, nil
}

// Consult is the type 咨询, which SPEC §9 sets apart (its own working-day average
// and the first-call resolution rate).
const Consult = "咨询"

// NonConsult names every other type together (非咨询).
const NonConsult = "非咨询"

// spanFilter selects the orders whose handling time is averaged: an approved
// reply after a dispatch.
func spanFilter(base workorder.Filter) workorder.Filter {
	yes := true
	base.Approved, base.Dispatched = &yes, true
	return base
}
