package project

import (
	"strings"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/workday"
)

// DefaultStages are the stages of a project when none are configured, in order.
var DefaultStages = []string{"立项用地规划许可", "工程建设许可", "施工许可", "竣工验收"}

// Project is an enterprise's construction project followed by an agent.
type Project struct {
	ID         int64
	Code       string // 项目代码, unique
	Name       string
	Enterprise string
	Contact    string // 企业联系人
	Phone      string
	Agent      string // 代办员 username
	Form       string // 帮办代办表单 (free text of the assistance form)
	CreatedAt  time.Time
	Stages     []Stage
}

// Stage is one stage of a project. Started or Finished is zero when the stage
// has not started or finished yet.
type Stage struct {
	ID        int64
	ProjectID int64
	Seq       int
	Name      string
	LimitDays int      // 承诺时限, whole working days (start day excluded)
	Items     []string // codes of the catalogue items the stage needs
	Started   time.Time
	Finished  time.Time
}

// LedgerEntry is one line of a project's ledger (台账): a contact or a hand-over.
type LedgerEntry struct {
	ID        int64
	ProjectID int64
	At        time.Time
	Kind      string // 联系 or 交接
	Actor     string
	Note      string
}

// LedgerKinds are the kinds a ledger entry may have.
var LedgerKinds = []string{"联系", "交接", "办结"}

// Validate checks a new project and fills default stages (limit 20 working
// days each) when it has none.
func (p *Project) Validate() error {
	p.Code, p.Name = strings.TrimSpace(p.Code), strings.TrimSpace(p.Name)
	if p.Code == "" {
		return app.Invalid("项目代码不能为空")
	}
	if p.Name == "" {
		return app.Invalid("项目名称不能为空")
	}
	if strings.TrimSpace(p.Enterprise) == "" {
		return app.Invalid("项目 %s 缺少建设单位（企业）名称", p.Code)
	}
	if len(p.Stages) == 0 {
		for _, n := range DefaultStages {
			p.Stages = append(p.Stages, Stage{Name: n, LimitDays: 20})
		}
	}
	for i := range p.Stages {
		s := &p.Stages[i]
		s.Seq = i + 1
		if strings.TrimSpace(s.Name) == "" {
			return app.Invalid("第 %d 个阶段缺少名称", i+1)
		}
		if s.LimitDays <= 0 {
			return app.Invalid("阶段“%s”的承诺时限须为正整数个工作日", s.Name)
		}
	}
	return nil
}

// Current returns the index of the stage in progress or next to start, or -1
// when every stage has finished.
func (p *Project) Current() int {
	for i, s := range p.Stages {
		if s.Finished.IsZero() {
			return i
		}
	}
	return -1
}

// daysClock returns sch with the workdays clock: promised limits of projects
// count whole working days, the start day excluded.
func daysClock(sch workday.Schedule) workday.Schedule {
	sch.Clock = workday.WorkDays
	return sch
}

// Deadline returns the end of the stage's promised limit: 24:00 of the
// LimitDays-th working date after the start date; zero if not started.
func (s Stage) Deadline(sch workday.Schedule) time.Time {
	if s.Started.IsZero() {
		return time.Time{}
	}
	return daysClock(sch).Deadline(s.Started, float64(s.LimitDays))
}

// Workdays returns the whole working days a stage took (or has taken by now):
// working dates after the start date up to and including the end date.
func (s Stage) Workdays(sch workday.Schedule, now time.Time) int {
	if s.Started.IsZero() {
		return 0
	}
	end := s.Finished
	if end.IsZero() {
		end = now
	}
	next := func(t time.Time) time.Time {
		l := t.In(app.Shanghai)
		return time.Date(l.Year(), l.Month(), l.Day()+1, 0, 0, 0, 0, app.Shanghai)
	}
	return int(daysClock(sch).Elapsed(next(s.Started), next(end)) + 0.5)
}

// OnTime reports whether a finished stage finished within its promised limit.
func (s Stage) OnTime(sch workday.Schedule) bool {
	return !s.Finished.IsZero() && !s.Finished.After(s.Deadline(sch))
}

// Lateness is the colour class of a stage on the agent's board.
type Lateness string

const (
	Idle    Lateness = "idle"    // 未开始
	Done    Lateness = "done"    // 已办结
	Normal  Lateness = "normal"  // 正常
	Warning Lateness = "warning" // 临期：剩余不超过 WarnDays 个工作日
	Late    Lateness = "late"    // 超期
)

// WarnDays is how many working days before its deadline a stage is warned of.
const WarnDays = 2

// LatenessNames are the Chinese labels of Lateness.
var LatenessNames = map[Lateness]string{Idle: "未开始", Done: "已办结", Normal: "正常", Warning: "临期", Late: "超期"}

// Status returns the stage's lateness at now.
func (s Stage) Status(sch workday.Schedule, now time.Time) Lateness {
	switch {
	case s.Started.IsZero():
		return Idle
	case !s.Finished.IsZero():
		if s.OnTime(sch) {
			return Done
		}
		return Late
	}
	dl := s.Deadline(sch)
	if now.After(dl) {
		return Late
	}
	if s.Workdays(sch, now) >= s.LimitDays-WarnDays {
		return Warning
	}
	return Normal
}
