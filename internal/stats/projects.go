package stats

import (
	"time"

	"govdesk/internal/project"
	"govdesk/internal/workday"
)

// Projects is the JSON of `stats projects --format json` (SPEC §6.1, §13).
type Projects struct {
	Projects         int      `json:"projects"`
	StagesFinished   int      `json:"stages_finished"`
	StagesOnTime     int      `json:"stages_on_time"`
	OnTimeRate       *float64 `json:"on_time_rate"`
	AvgStageWorkdays *float64 `json:"avg_stage_workdays"`
}

// ProjectDefinitions are the definitions (口径) of the project figures, by key.
var ProjectDefinitions = map[string]string{
	"projects":           "统计期内服务的项目数：登记早于统计期结束、且在统计期开始时尚有未办结阶段（或在统计期内办结最后阶段）的项目",
	"stages_finished":    "办结时间在统计期内的阶段数",
	"stages_on_time":     "其中在承诺时限（按工作日整日计，开始当日不计）内办结的阶段数",
	"on_time_rate":       "按时办结阶段数 / 办结阶段数 × 100%",
	"avg_stage_workdays": "办结阶段所用工作日之和 / 办结阶段数（开始当日不计，办结当日计），保留两位小数",
}

func in(t time.Time, p Period) bool { return !t.IsZero() && !t.Before(p.From) && t.Before(p.To) }

// avg returns sum/n to two decimals (half away from zero), nil when n is 0.
func avg(sum, n int) *float64 {
	if n == 0 {
		return nil
	}
	v := float64(roundDiv(int64(sum)*100, int64(n))) / 100
	return &v
}

// ProjectFigures computes the project figures of SPEC §6.1 over projects (with their stages).
func ProjectFigures(projects []project.Project, p Period, sch workday.Schedule) Projects {
	var r Projects
	days := 0
	for _, pr := range projects {
		if !pr.CreatedAt.Before(p.To) {
			continue
		}
		served := false
		for _, s := range pr.Stages {
			if s.Finished.IsZero() || !s.Finished.Before(p.From) {
				served = true
			}
			if in(s.Finished, p) {
				r.StagesFinished++
				days += s.Workdays(sch, s.Finished)
				if s.OnTime(sch) {
					r.StagesOnTime++
				}
			}
		}
		if served {
			r.Projects++
		}
	}
	r.OnTimeRate = percent(r.StagesOnTime, r.StagesFinished)
	r.AvgStageWorkdays = avg(days, r.StagesFinished)
	return r
}

// Policies is the JSON of `stats policies --format json` (SPEC §6.1, §13).
type Policies struct {
	Policies     int      `json:"policies"`
	Applications int      `json:"applications"`
	Approved     int      `json:"approved"`
	Rejected     int      `json:"rejected"`
	AmountPaid   float64  `json:"amount_paid"`
	AvgWorkdays  *float64 `json:"avg_workdays"`
}

// PolicyDefinitions are the definitions (口径) of the policy figures, by key.
var PolicyDefinitions = map[string]string{
	"policies":     "统计期结束前已登记的扶持政策数",
	"applications": "提交时间在统计期内的申请数",
	"approved":     "其中审核通过（含已兑付）的申请数",
	"rejected":     "其中审核未通过的申请数",
	"amount_paid":  "兑付时间在统计期内的兑付金额合计（元，两位小数）",
	"avg_workdays": "统计期内提交且已审核的申请，自提交至审核决定所用工作日（提交当日不计）的平均数，保留两位小数",
}

// PolicyFigures computes the policy figures of SPEC §6.1.
func PolicyFigures(policies []project.Policy, apps []project.Application, p Period, sch workday.Schedule) Policies {
	var r Policies
	for _, pol := range policies {
		if pol.CreatedAt.Before(p.To) {
			r.Policies++
		}
	}
	var paid int64
	days, decided := 0, 0
	for _, a := range apps {
		if in(a.PaidAt, p) {
			paid += a.PaidFen
		}
		if !in(a.SubmittedAt, p) {
			continue
		}
		r.Applications++
		switch a.Status {
		case project.Approved, project.Paid:
			r.Approved++
		case project.Rejected:
			r.Rejected++
		}
		if !a.DecidedAt.IsZero() {
			decided++
			days += project.Stage{Started: a.SubmittedAt, Finished: a.DecidedAt}.Workdays(sch, a.DecidedAt)
		}
	}
	r.AmountPaid = float64(paid) / 100
	r.AvgWorkdays = avg(days, decided)
	return r
}
