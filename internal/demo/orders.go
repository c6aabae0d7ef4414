package demo

import (
	"fmt"
	"math/rand/v2"
	"sort"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/workday"
	"govdesk/internal/workorder"
)

// OrderEnv is what the order generator needs of the database it writes into.
type OrderEnv struct {
	Units               map[string]workorder.UnitRef // member units, the centre and the hotline office, by code
	Policies            []workorder.Policy
	Schedule            workday.Schedule
	Now                 time.Time // the demo's today: live orders are placed in the weeks before it
	ReviewClosesConsult bool
}

// Generated is one order in its state at Now with the events that led there.
type Generated struct {
	Order  workorder.Order
	Events []workorder.Event
}

// span is a stretch of time receiving n orders of which urgent are urgent.
type span struct {
	from, to  time.Time
	n, urgent int
}

// LiveDays is how many days before Now the live orders are received over, at
// LivePerDay a day: the work the dashboards show as open.
const (
	LiveDays   = 28
	LivePerDay = 30
)

// spans are the seed's year (SPEC §14): 9 082 orders in January–September 2022 against
// 6 142 a year earlier, 186 urgent against 72, about 12 000 in 2022 — and the live weeks.
func spans(now time.Time) []span {
	d := func(y int, m time.Month) time.Time { return time.Date(y, m, 1, 0, 0, 0, 0, app.Shanghai) }
	live := now.AddDate(0, 0, -LiveDays)
	return []span{
		{d(2021, 1), d(2021, 10), 6142, 72},
		{d(2021, 10), d(2022, 1), 1973, 25},
		{d(2022, 1), d(2022, 10), 9082, 186},
		{d(2022, 10), d(2023, 1), 2918, 60},
		{live, now, LiveDays * LivePerDay, LiveDays * LivePerDay / 80},
	}
}

// seasonal weighs the months: quiet around the Spring Festival, busy in the summer
// (power, water, heat).
var seasonal = [12]float64{0.85, 0.7, 0.95, 1, 1, 1.15, 1.3, 1.3, 1.05, 0.9, 0.95, 0.9}

// typeMix is about one third consultations (the seed).
var typeMix = []struct {
	typ string
	w   int
}{{"咨询", 34}, {"投诉", 24}, {"求助", 17}, {"举报", 5}, {"建议", 9}, {"表扬", 3}, {"其他", 8}}

var sourceMix = []struct {
	src string
	w   int
}{{"12345热线", 78}, {"网络问政", 14}, {"来信", 2}, {"来访", 2}, {"政务服务网", 3}, {"其他", 1}}

// hourMix weighs the hours a call arrives at (08:00–21:59).
var hourMix = []int{4, 9, 10, 10, 6, 5, 8, 9, 9, 7, 5, 4, 3, 2}

// Orders generates the demo's orders, oldest receipt first, deterministically for a
// given Now, and calls yield for each; the Generated value is reused after yield returns.
// An error means the generator asked the lifecycle for something it refuses: a bug.
func Orders(e OrderEnv, yield func(*Generated) bool) error {
	rng := rand.New(rand.NewPCG(2022, 12345))
	villages := Villages()
	catW := 0
	for _, c := range categories {
		catW += c.Weight
	}
	g := &gen{e: e, rng: rng, villages: villages, catW: catW}
	for _, sp := range spans(e.Now) {
		times := g.receipts(sp)
		urgent := map[int]bool{}
		for _, i := range rng.Perm(len(times))[:sp.urgent] {
			urgent[i] = true
		}
		seq, day := 0, ""
		for i, t := range times {
			if d := t.In(app.Shanghai).Format("20060102"); d != day {
				day, seq = d, 0
			}
			seq++
			no := fmt.Sprintf("%s%06d", day, seq)
			if err := g.order(no, t, urgent[i]); err != nil {
				return err
			}
			if !yield(&g.out) {
				return nil
			}
		}
	}
	return nil
}

type gen struct {
	e        OrderEnv
	rng      *rand.Rand
	villages map[string][]string
	catW     int
	out      Generated
}

// receipts spreads a span's orders over its days by the seasonal weights, fewer at
// weekends, at the hours calls come, and sorts them.
func (g *gen) receipts(sp span) []time.Time {
	type day struct {
		t time.Time
		w float64
	}
	var days []day
	total := 0.0
	for t := sp.from; t.Before(sp.to); t = t.AddDate(0, 0, 1) {
		w := seasonal[t.Month()-1]
		if wd := t.Weekday(); wd == time.Saturday || wd == time.Sunday {
			w *= 0.55
		}
		days = append(days, day{t, w})
		total += w
	}
	out := make([]time.Time, 0, sp.n)
	acc, placed := 0.0, 0
	for _, d := range days {
		acc += d.w
		upto := int(float64(sp.n)*acc/total + 0.5)
		for ; placed < upto; placed++ {
			h := 8 + pick(g.rng, hourMix)
			out = append(out, d.t.Add(time.Duration(h)*time.Hour+time.Duration(g.rng.IntN(3600))*time.Second))
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Before(out[j]) })
	// The live span ends now: calls of today's later hours have not come yet.
	for len(out) > 0 && !out[len(out)-1].Before(sp.to) {
		out = out[:len(out)-1]
	}
	return out
}

func pick(rng *rand.Rand, ws []int) int {
	t := 0
	for _, w := range ws {
		t += w
	}
	r := rng.IntN(t)
	for i, w := range ws {
		if r < w {
			return i
		}
		r -= w
	}
	return len(ws) - 1
}

// praises are what citizens say when they call to thank a unit (表扬).
var praises = []string{"感谢相关部门工作人员耐心细致、办事高效，很快帮我解决了实际困难。", "表扬工作人员服务热情周到，上门处理问题很及时。",
	"之前反映的问题已经解决，特地来电表示感谢。"}

var (
	surnames = []rune("陈李张黄刘邓罗曾何谢邱赖钟吴周林")
	given    = []string{"先生", "女士"}
)

// order builds one order and runs its lifecycle up to Now into g.out.
func (g *gen) order(no string, rec time.Time, urgent bool) error {
	rng := g.rng
	tw := make([]int, len(typeMix))
	for i, t := range typeMix {
		tw[i] = t.w
	}
	typ := typeMix[pick(rng, tw)].typ
	sw := make([]int, len(sourceMix))
	for i, s := range sourceMix {
		sw[i] = s.w
	}
	cat := g.category(typ == "咨询")
	if g.e.Now.Sub(rec) < LiveDays*24*time.Hour && typ != "咨询" && rng.IntN(100) < 8 {
		cat = g.handlerCategory() // the demo handler's inbox has live work
	}
	ti := rng.IntN(len(Towns))
	town := Towns[ti]
	vs := g.villages[town]
	village := vs[rng.IntN(len(vs))]
	content := cat.Contents[rng.IntN(len(cat.Contents))]
	if typ == "表扬" {
		content = praises[rng.IntN(len(praises))]
	}
	o := workorder.Order{No: no, Source: sourceMix[pick(rng, sw)].src, Type: typ, Urgent: urgent, Category: cat.Path,
		Title: firstRunes(content, 24), Content: content,
		CitizenName:  string(surnames[rng.IntN(len(surnames))]) + given[rng.IntN(2)],
		CitizenPhone: fmt.Sprintf("1%d%d%08d", 3+rng.IntN(6), rng.IntN(10), rng.IntN(1e8)),
		Town:         town, Village: village, Address: fmt.Sprintf("%s%s%d号", town, village, 1+rng.IntN(120)),
		ReceivedAt: rec.UTC(), Status: workorder.Received, Version: 1, CreatedAt: rec.UTC(), UpdatedAt: rec.UTC()}
	unit := cat.Unit
	if unit == "" || rng.IntN(100) < 12 {
		unit = TownUnitCode(ti)
	}
	if cat.Unit == DemoHandlerUnit {
		unit = DemoHandlerUnit
	}
	pol, err := workorder.PolicyAt(g.e.Policies, rec)
	if err != nil {
		return err
	}
	g.out.Order = o
	g.out.Events = g.out.Events[:0]
	l := &life{g: g, o: &g.out.Order, pol: pol, cat: cat, unit: unit}
	l.run()
	return l.err
}

func (g *gen) category(consult bool) category {
	for {
		r := g.rng.IntN(g.catW)
		for _, c := range categories {
			if r < c.Weight {
				// questions come under the subjects people ask about, the rest elsewhere
				if c.Consult == consult {
					return c
				}
				break
			}
			r -= c.Weight
		}
	}
}

// handlerCategory is a complaint subject of the demo handler's unit.
func (g *gen) handlerCategory() category {
	var mine []category
	for _, c := range categories {
		if c.Unit == DemoHandlerUnit && !c.Consult {
			mine = append(mine, c)
		}
	}
	return mine[g.rng.IntN(len(mine))]
}

func firstRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n])
}
