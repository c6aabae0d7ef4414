package stats

import (
	"sort"

	"govdesk/internal/app"
	"govdesk/internal/evaluation"
)

// Evaluations is the figures of `govdesk stats evaluations` (SPEC §7, §13).
type Evaluations struct {
	Total             int      `json:"total"`
	GoodRate          *float64 `json:"good_rate"`          // 好评 (非常满意 + 满意) / all, percent
	Bad               int      `json:"bad"`                // 差评 (不满意 + 非常不满意)
	RectifiedOnTime   int      `json:"rectified_on_time"`  // 差评 rectified by their rectification deadline
	RectificationRate *float64 `json:"rectification_rate"` // 差评 rectified / 差评, percent
	AvgScore          *float64 `json:"avg_score"`          // mean of the levels 5..1, two decimals
}

// Score is the figures of one group (a month, a unit, a window).
type Score struct {
	Name      string
	Total     int
	Good      int
	Bad       int
	GoodRate  *float64
	AvgScore  *float64
	Composite *float64 // avg_score × 2, the 10-point monthly composite
}

// EvaluationDefinitions are the definitions shown beside the figures.
var EvaluationDefinitions = map[string]string{
	"good_rate":          "好评率 = （非常满意 + 满意）/ 评价总数",
	"bad":                "差评数 = 不满意 + 非常不满意",
	"rectified_on_time":  "按时整改数 = 在整改期限（默认 15 个工作日，评价当日不计）内整改并经中心办结的差评数",
	"rectification_rate": "差评整改率 = 经中心办结的差评数 / 差评数",
	"avg_score":          "平均分 = 各评价等级分值（非常满意 5 … 非常不满意 1）的平均数",
	"composite":          "月度综合评分 = 平均分 × 2（10 分制）",
}

// EvaluationFigures computes the figures over evs (already selected by period).
func EvaluationFigures(evs []evaluation.Evaluation) Evaluations {
	var f Evaluations
	good, sum, rectified := 0, 0, 0
	for _, ev := range evs {
		f.Total++
		sum += ev.Score
		if evaluation.IsGood(ev.Score) {
			good++
		}
		if evaluation.IsBad(ev.Score) {
			f.Bad++
			if r := ev.Rect; r != nil && !r.ClosedAt.IsZero() {
				rectified++
				if r.OnTime() {
					f.RectifiedOnTime++
				}
			}
		}
	}
	f.GoodRate = percent(good, f.Total)
	f.RectificationRate = percent(rectified, f.Bad)
	f.AvgScore = avgScore(sum, f.Total)
	return f
}

// avgScore is sum/n to two decimals, half away from zero (exact on integers).
func avgScore(sum, n int) *float64 {
	if n == 0 {
		return nil
	}
	v := float64(roundDiv(int64(sum)*100, int64(n))) / 100
	return &v
}

// composite is the 10-point score: avg_score × 2, from the exact mean.
func composite(sum, n int) *float64 { return avgScore(2*sum, n) }

// groupScores groups evs by key and scores each group; groups with an empty key are left out.
func groupScores(evs []evaluation.Evaluation, key func(evaluation.Evaluation) string) []Score {
	type acc struct{ n, good, bad, sum int }
	m := map[string]*acc{}
	var order []string
	for _, ev := range evs {
		k := key(ev)
		if k == "" {
			continue
		}
		a := m[k]
		if a == nil {
			a = &acc{}
			m[k] = a
			order = append(order, k)
		}
		a.n++
		a.sum += ev.Score
		if evaluation.IsGood(ev.Score) {
			a.good++
		}
		if evaluation.IsBad(ev.Score) {
			a.bad++
		}
	}
	out := make([]Score, 0, len(order))
	for _, k := range order {
		a := m[k]
		out = append(out, Score{Name: k, Total: a.n, Good: a.good, Bad: a.bad, GoodRate: percent(a.good, a.n),
			AvgScore: avgScore(a.sum, a.n), Composite: composite(a.sum, a.n)})
	}
	return out
}

// MonthlyComposite scores each month (Asia/Shanghai), in month order.
func MonthlyComposite(evs []evaluation.Evaluation) []Score {
	s := groupScores(evs, func(ev evaluation.Evaluation) string { return ev.At.In(app.Shanghai).Format("2006-01") })
	sort.Slice(s, func(i, j int) bool { return s[i].Name < s[j].Name })
	return s
}

// rank orders scores by composite (highest first), then by count, then by name.
func rank(s []Score) []Score {
	sort.SliceStable(s, func(i, j int) bool {
		if *s[i].Composite != *s[j].Composite {
			return *s[i].Composite > *s[j].Composite
		}
		if s[i].Total != s[j].Total {
			return s[i].Total > s[j].Total
		}
		return s[i].Name < s[j].Name
	})
	return s
}

// RankByUnit ranks the units (所属单位) by composite score.
func RankByUnit(evs []evaluation.Evaluation) []Score {
	return rank(groupScores(evs, func(ev evaluation.Evaluation) string { return ev.UnitName }))
}

// RankByWindow ranks the windows (evaluations whose target is a 窗口) by composite score.
func RankByWindow(evs []evaluation.Evaluation) []Score {
	return rank(groupScores(evs, func(ev evaluation.Evaluation) string {
		if ev.TargetKind == "窗口" {
			return ev.Target
		}
		return ""
	}))
}
