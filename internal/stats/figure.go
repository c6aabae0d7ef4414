package stats

import (
	"strconv"

	"govdesk/internal/workorder"
)

// Figure is one hotline figure as a page or a report shows it: the value, last
// year's value, the definition a person reads beside it and the drill-down keys.
type Figure struct {
	Key         string   // the figure's key, as in the JSON of SPEC §13 (by_type.投诉, avg_workdays.咨询, …)
	Name        string   // Chinese name
	Unit        string   // 件, %, 个工作日
	Value       *float64 // nil when not computable (a denominator of 0)
	Previous    *float64 // the same figure one year earlier; nil when not computable
	Growth      *float64 // for received and urgent: (this − last)/last in percent
	Numerator   int      // for a rate: the count above the line
	Denominator int      // for a rate: the count below the line; for an average: the orders averaged
	Definition  string   // 口径
	Drill       []string // DrillDown keys: the figure's, or a rate's numerator and denominator
}

// Format writes a value for people: "—" when not computable, two decimals for
// rates and working days.
func (f Figure) Format(v *float64) string {
	switch {
	case v == nil:
		return "—"
	case f.Unit == "%":
		return strconv.FormatFloat(*v, 'f', 2, 64) + "%"
	case f.Unit == "个工作日":
		return strconv.FormatFloat(*v, 'f', 2, 64)
	}
	return strconv.FormatFloat(*v, 'f', 0, 64)
}

// definition is a figure's fixed part and how to read it from a Hotline.
type definition struct {
	key, name, unit, text string
	value                 func(h *Hotline) (v *float64, num, den int)
}

func count(n func(c *Counts) int) func(h *Hotline) (*float64, int, int) {
	return func(h *Hotline) (*float64, int, int) {
		v := float64(n(&h.Counts))
		return &v, 0, 0
	}
}

func rate(v func(h *Hotline) *float64, num, den func(c *Counts) int) func(h *Hotline) (*float64, int, int) {
	return func(h *Hotline) (*float64, int, int) { return v(h), num(&h.Counts), den(&h.Counts) }
}

// definitions are the hotline figures in display order with their 口径 (SPEC §9).
var definitions = func() []definition {
	ds := []definition{{key: "received", name: "受理量", unit: "件",
		text:  "统计期内受理的工单数。工单按受理时间归属统计期，日期按北京时间划分，结束日期当天计入。",
		value: count(func(c *Counts) int { return c.Received })}}
	for _, t := range workorder.Types {
		ds = append(ds, definition{key: "by_type." + t, name: t + "类", unit: "件",
			text:  "统计期内受理的诉求类型为“" + t + "”的工单数。",
			value: count(func(c *Counts) int { return c.ByType[t] })})
	}
	return append(ds,
		definition{"urgent", "紧急件", "件", "统计期内受理的紧急工单数。",
			count(func(c *Counts) int { return c.Urgent })},
		definition{"closed", "办结量", "件", "统计期内受理、目前已办结的工单数，含直接办结、重复件、回访后办结和无法回访办结。",
			count(func(c *Counts) int { return c.Closed })},
		definition{"closure_rate", "办结率", "%", "办结量 ÷ 受理量 × 100%。",
			rate(func(h *Hotline) *float64 { return h.ClosureRate }, func(c *Counts) int { return c.Closed }, func(c *Counts) int { return c.Received })},
		definition{"on_time_rate", "按时答复率", "%", "答复经审核通过、且答复时间不晚于办理期限（含批准延期后的期限）的工单数 ÷ 答复经审核通过且有办理期限的工单数 × 100%。" +
			"受理时直接办结的工单未派单、没有办理期限，不计入；答复被退回或回访不满意重办的工单，以再次审核通过的答复为准。",
			rate(func(h *Hotline) *float64 { return h.OnTimeRate }, func(c *Counts) int { return c.OnTime }, func(c *Counts) int { return c.Answered })},
		definition{"overdue", "超期件", "件", "截至统计时刻仍在办理（待签收、办理中）且已超过办理期限的工单，加上答复时间晚于办理期限的工单（含待审核的答复）。",
			count(func(c *Counts) int { return c.Overdue })},
		definition{"avg_workdays." + Consult, "咨询平均办理时长", "个工作日", "答复经审核通过的咨询工单，从首次派单到答复所用工作日的平均数，按当前计时方式" +
			"（按工作时长或按工作日整日）计算；受理时直接办结的不计入。",
			rate(func(h *Hotline) *float64 { return h.AvgConsult }, func(*Counts) int { return 0 }, func(*Counts) int { return 0 })},
		definition{"avg_workdays." + NonConsult, "非咨询平均办理时长", "个工作日", "答复经审核通过的咨询以外各类工单，从首次派单到答复所用工作日的平均数，按当前计时方式计算。",
			rate(func(h *Hotline) *float64 { return h.AvgNonConsult }, func(*Counts) int { return 0 }, func(*Counts) int { return 0 })},
		definition{"satisfaction_rate", "满意率", "%", "回访结果为满意或基本满意的工单数 ÷ 有回访评价（满意、基本满意、不满意）的工单数 × 100%；" +
			"无法回访的不计入，以最近一次回访结果为准。",
			rate(func(h *Hotline) *float64 { return h.SatisfactionRate }, func(c *Counts) int { return c.Satisfied }, func(c *Counts) int { return c.Rated })},
		definition{"first_call_resolution_rate", "一次性解答率", "%", "受理时直接办结（一次性解答）的咨询工单数 ÷ 全部咨询工单数 × 100%。",
			rate(func(h *Hotline) *float64 { return h.FirstCallRate }, func(c *Counts) int { return c.FirstCall }, func(c *Counts) int { return c.ByType[Consult] })},
		definition{"returned", "退单件", "件", "被承办单位退回过至少一次的工单数（件数，不是退单次数）。",
			count(func(c *Counts) int { return c.Returned })},
		definition{"extended", "延期件", "件", "获批延期至少一次的工单数。",
			count(func(c *Counts) int { return c.Extended })},
		definition{"reopened", "重办件", "件", "因回访不满意且未解决而重新办理过至少一次的工单数。",
			count(func(c *Counts) int { return c.Reopened })},
		definition{"reminded", "催办件", "件", "被催办过至少一次的工单数。",
			count(func(c *Counts) int { return c.Reminded })},
		definition{"supervised", "督办件", "件", "被领导督办的工单数。",
			count(func(c *Counts) int { return c.Supervised })},
	)
}()

// GrowthDefinition is the 口径 of the growth rates (同比).
const GrowthDefinition = "同比增长率 =（本期 − 上年同期）÷ 上年同期 × 100%；上年同期为 0 时不计算。上年同期为前一年的同一日期段（2 月 29 日按 2 月 28 日）。"

// Figures lists the figures of h in display order, each with last year's value.
func (h *Hotline) Figures() []Figure {
	out := make([]Figure, 0, len(definitions))
	for _, d := range definitions {
		v, num, den := d.value(h)
		f := Figure{Key: d.key, Name: d.name, Unit: d.unit, Value: v, Numerator: num, Denominator: den, Definition: d.text}
		switch {
		case d.unit == "%":
			f.Drill = []string{d.key + numerator, d.key + denominator}
		case d.key == "avg_workdays."+Consult:
			f.Denominator = h.SpansConsult
			f.Drill = []string{d.key}
		case d.key == "avg_workdays."+NonConsult:
			f.Denominator = h.SpansNonConsult
			f.Drill = []string{d.key}
		default:
			f.Drill = []string{d.key}
		}
		if h.Previous != nil {
			f.Previous, _, _ = d.value(h.Previous)
		}
		switch d.key {
		case "received":
			f.Growth = h.GrowthReceived
		case "urgent":
			f.Growth = h.GrowthUrgent
		}
		out = append(out, f)
	}
	return out
}
