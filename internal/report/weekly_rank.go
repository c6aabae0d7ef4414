package report

import (
	"context"
	"fmt"
	"math"
	"strings"

	"govdesk/internal/app"
	"govdesk/internal/stats"
	"govdesk/internal/workorder"
)

// Typical is how many orders the weekly digest reports.
const Typical = 10

// maxWeekOrders bounds the orders of a week the ranking reads.
const maxWeekOrders = 100000

// Candidate is an order of the week with its representativeness score and
// the reasons behind it, in Chinese.
type Candidate struct {
	Order    workorder.Order
	Score    float64
	Reasons  []string
	Heat     int // orders of the week in its top-level category
	Repeats  int // other orders of the week from the same phone, plus those marked its duplicates
	Selected bool
}

// Weights of the ranking: the share of the week's busiest category an order's
// category has (0..1), urgency, sensitive tags, repeated calls (up to three),
// leadership supervision, reminders, returns and reopenings.
const (
	wHeat       = 4.0
	wUrgent     = 2.0
	wSensitive  = 1.5
	wRepeat     = 1.0 // per repeat, up to three
	wSupervised = 3.0
	wReminded   = 1.0
	wTrouble    = 0.5 // returned, reopened or overdue
)

// rank scores the week's orders; heat counts the week's orders by top-level
// category (stats.Breakdown). Ties go to the earlier order.
func rank(list []workorder.Order, heat []stats.Bucket, now func(o *workorder.Order) bool) []Candidate {
	byCat, top := map[string]int{}, 1
	for _, b := range heat {
		byCat[b.Key] = b.Count
		top = max(top, b.Count)
	}
	phones, dups := map[string]int{}, map[int64]int{}
	for _, o := range list {
		if o.CitizenPhone != "" {
			phones[o.CitizenPhone]++
		}
		if o.DuplicateOf != 0 {
			dups[o.DuplicateOf]++
		}
	}
	out := make([]Candidate, 0, len(list))
	for _, o := range list {
		c := Candidate{Order: o}
		cat, _, _ := strings.Cut(o.Category, "/")
		if cat != "" {
			c.Heat = byCat[cat]
			c.Score += wHeat * float64(c.Heat) / float64(top)
			if c.Heat*4 >= top*3 && c.Heat > 1 {
				c.Reasons = append(c.Reasons, fmt.Sprintf("热点类别“%s”（本周%d件）", cat, c.Heat))
			}
		}
		if o.Urgent {
			c.Score += wUrgent
			c.Reasons = append(c.Reasons, "紧急")
		}
		if len(o.Sensitive) > 0 {
			c.Score += wSensitive
			c.Reasons = append(c.Reasons, strings.Join(o.Sensitive, "、"))
		}
		if o.CitizenPhone != "" {
			c.Repeats = phones[o.CitizenPhone] - 1
		}
		c.Repeats += dups[o.ID]
		if c.Repeats > 0 {
			c.Score += wRepeat * float64(min(c.Repeats, 3))
			c.Reasons = append(c.Reasons, fmt.Sprintf("重复诉求%d次", c.Repeats))
		}
		if o.Supervised {
			c.Score += wSupervised
			c.Reasons = append(c.Reasons, "领导督办")
		}
		if o.Reminders > 0 {
			c.Score += wReminded
			c.Reasons = append(c.Reasons, fmt.Sprintf("催办%d次", o.Reminders))
		}
		switch {
		case o.Reopens > 0:
			c.Score += wTrouble
			c.Reasons = append(c.Reasons, "不满意重办")
		case o.Returns > 0:
			c.Score += wTrouble
			c.Reasons = append(c.Reasons, "退单")
		case now(&o):
			c.Score += wTrouble
			c.Reasons = append(c.Reasons, "超期")
		}
		if o.DuplicateOf != 0 { // the original represents it
			c.Score /= 4
		}
		c.Score = math.Round(c.Score*100) / 100
		out = append(out, c)
	}
	sortBy(out, func(a, b Candidate) bool {
		if a.Score != b.Score {
			return a.Score > b.Score
		}
		return a.Order.ReceivedAt.Before(b.Order.ReceivedAt) || (a.Order.ReceivedAt.Equal(b.Order.ReceivedAt) && a.Order.ID < b.Order.ID)
	})
	return out
}

// autoPick takes the best-ranked orders, at most three of one top-level
// category, so the ten show the week's different problems.
func autoPick(ranked []Candidate, n int) []Candidate {
	var out []Candidate
	perCat := map[string]int{}
	for _, c := range ranked {
		cat, _, _ := strings.Cut(c.Order.Category, "/")
		if perCat[cat] == 3 {
			continue
		}
		perCat[cat]++
		out = append(out, c)
		if len(out) == n {
			return out
		}
	}
	return out
}

// week reads a week's orders (as the actor may see them) and ranks them; each is
// shown as workorder.Present shows it to the actor (ranking reads the stored phone).
func (s *Service) week(ctx context.Context, p stats.Period) ([]Candidate, error) {
	f, err := s.Stats.FigureFilter(ctx, p, "received")
	if err != nil {
		return nil, err
	}
	bd, err := s.Stats.Breakdown(ctx, p)
	if err != nil {
		return nil, err
	}
	var list []workorder.Order
	for page := 1; ; page++ {
		f.Page = app.Page{Page: page, PerPage: 500}
		part, total, err := s.Orders.FindOrders(ctx, f)
		if err != nil {
			return nil, err
		}
		list = append(list, part...)
		if len(part) < 500 || len(list) >= total || len(list) >= maxWeekOrders {
			break
		}
	}
	now := s.Clock.Now()
	overdue := func(o *workorder.Order) bool {
		if o.DeadlineAt.IsZero() {
			return false
		}
		if !o.RepliedAt.IsZero() {
			return o.RepliedAt.After(o.DeadlineAt)
		}
		return (o.Status == workorder.Dispatched || o.Status == workorder.Accepted) && o.DeadlineAt.Before(now)
	}
	ranked := rank(list, bd.Categories, overdue)
	a, _ := app.ActorFrom(ctx)
	for i := range ranked {
		ranked[i].Order = workorder.Present(a, ranked[i].Order, workorder.ReadList)
	}
	return ranked, nil
}

// WeeklyCandidates returns a week's orders ranked, the chosen ones marked
// (the stored selection, or the automatic pick when none is stored), and
// whether the selection was stored by a person.
func (s *Service) WeeklyCandidates(ctx context.Context, week string) ([]Candidate, bool, error) {
	if _, err := app.RequireRole(ctx, Readers...); err != nil {
		return nil, false, err
	}
	p, err := ParseWeek(week)
	if err != nil {
		return nil, false, err
	}
	ranked, err := s.week(ctx, p)
	if err != nil {
		return nil, false, err
	}
	chosen, stored, err := s.selection(ctx, week, ranked)
	if err != nil {
		return nil, false, err
	}
	in := map[int64]bool{}
	for _, c := range chosen {
		in[c.Order.ID] = true
	}
	for i := range ranked {
		ranked[i].Selected = in[ranked[i].Order.ID]
	}
	return ranked, stored, nil
}

// selection returns the chosen orders in their order: the stored numbers
// that are still orders of the week, or the automatic pick.
func (s *Service) selection(ctx context.Context, week string, ranked []Candidate) ([]Candidate, bool, error) {
	stored, err := s.Passages.Get(ctx, Weekly+":"+week)
	if err != nil {
		return nil, false, err
	}
	body := strings.TrimSpace(stored[PassageSelection])
	if body == "" {
		return autoPick(ranked, Typical), false, nil
	}
	byNo := map[string]Candidate{}
	for _, c := range ranked {
		byNo[c.Order.No] = c
	}
	var out []Candidate
	for _, no := range strings.Fields(body) {
		if c, ok := byNo[no]; ok {
			out = append(out, c)
		}
	}
	return out, true, nil
}

// SetWeeklySelection stores the orders chosen for a week's digest, by number,
// in the order given; every one must be an order received that week. An empty
// list goes back to the automatic pick.
func (s *Service) SetWeeklySelection(ctx context.Context, week string, nos []string) error {
	if _, err := app.RequireRole(ctx, Editors...); err != nil {
		return err
	}
	p, err := ParseWeek(week)
	if err != nil {
		return err
	}
	seen := map[string]bool{}
	var clean []string
	for _, no := range nos {
		no = strings.TrimSpace(no)
		if no != "" && !seen[no] {
			seen[no] = true
			clean = append(clean, no)
		}
	}
	if len(clean) > 2*Typical {
		return app.Invalid("每周最多选择 %d 件典型工单，当前选择了 %d 件", 2*Typical, len(clean))
	}
	if len(clean) > 0 {
		ranked, err := s.week(ctx, p)
		if err != nil {
			return err
		}
		ofWeek := map[string]bool{}
		for _, c := range ranked {
			ofWeek[c.Order.No] = true
		}
		for _, no := range clean {
			if !ofWeek[no] {
				return app.Invalid("工单 %s 不是%s受理的工单，不能选入本周典型工单", no, label(Weekly, p))
			}
		}
	}
	return s.Passages.Set(ctx, Weekly+":"+week, PassageSelection, strings.Join(clean, "\n"))
}
