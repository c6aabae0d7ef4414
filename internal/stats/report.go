package stats

import (
	"bytes"
	"encoding/json"

	"govdesk/internal/workorder"
)

// Report is the machine-readable form of the hotline figures, with exactly the
// keys of SPEC §13 in that order (`govdesk stats hotline --format json`).
type Report struct {
	ReportFigures
	Previous *ReportFigures `json:"previous"`
	Growth   ReportGrowth   `json:"growth"`
}

// ReportFigures are the figures of one period; a rate or an average that cannot
// be computed is null.
type ReportFigures struct {
	Received                int         `json:"received"`
	ByType                  TypeCounts  `json:"by_type"`
	Urgent                  int         `json:"urgent"`
	Closed                  int         `json:"closed"`
	ClosureRate             *float64    `json:"closure_rate"`
	OnTimeRate              *float64    `json:"on_time_rate"`
	Overdue                 int         `json:"overdue"`
	AvgWorkdays             AvgWorkdays `json:"avg_workdays"`
	SatisfactionRate        *float64    `json:"satisfaction_rate"`
	FirstCallResolutionRate *float64    `json:"first_call_resolution_rate"`
	Returned                int         `json:"returned"`
	Extended                int         `json:"extended"`
	Reopened                int         `json:"reopened"`
}

// AvgWorkdays are the mean working days from dispatch to approved reply.
type AvgWorkdays struct {
	Consult    *float64 `json:"咨询"`
	NonConsult *float64 `json:"非咨询"`
}

// ReportGrowth are the year-on-year growth rates in percent; null when last year's count is 0.
type ReportGrowth struct {
	Received *float64 `json:"received"`
	Urgent   *float64 `json:"urgent"`
}

// TypeCounts are counts by order type; they encode every type of
// workorder.Types, in that order, zero counts included.
type TypeCounts map[string]int

// MarshalJSON writes the seven types in display order.
func (t TypeCounts) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, typ := range workorder.Types {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(typ)
		v, _ := json.Marshal(t[typ])
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// Report returns the figures of h in the form of SPEC §13.
func (h *Hotline) Report() Report {
	r := Report{ReportFigures: h.reportFigures(), Growth: ReportGrowth{Received: h.GrowthReceived, Urgent: h.GrowthUrgent}}
	if h.Previous != nil {
		p := h.Previous.reportFigures()
		r.Previous = &p
	}
	return r
}

func (h *Hotline) reportFigures() ReportFigures {
	types := TypeCounts{}
	for _, t := range workorder.Types {
		types[t] = h.ByType[t]
	}
	return ReportFigures{Received: h.Received, ByType: types, Urgent: h.Urgent, Closed: h.Closed,
		ClosureRate: h.ClosureRate, OnTimeRate: h.OnTimeRate, Overdue: h.Overdue,
		AvgWorkdays:      AvgWorkdays{Consult: h.AvgConsult, NonConsult: h.AvgNonConsult},
		SatisfactionRate: h.SatisfactionRate, FirstCallResolutionRate: h.FirstCallRate,
		Returned: h.Returned, Extended: h.Extended, Reopened: h.Reopened}
}
