package project

import (
	"slices"
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
	Version    int // optimistic version, raised by every pass
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

// Ledger kinds: 办结 is written by the pass of a project's last stage only.
const (
	KindContact  = "联系"
	KindHandover = "交接"
	KindDone     = "办结"
)

// LedgerKinds are the kinds a ledger entry may have.
var LedgerKinds = []string{KindContact, KindHandover, KindDone}

// NoteKinds are the kinds an agent may write by hand; a project is finished by
// passing its last stage, never by a note.
var NoteKinds = []string{KindContact, KindHandover}

// Note checks a hand-written ledger entry of the project by actor at now: the
// kind (default 联系) is one of NoteKinds and the text is not empty.
func Note(p Project, kind, text, actor string, now time.Time) (LedgerEntry, error) {
	if kind = strings.TrimSpace(kind); kind == "" {
		kind = KindContact
	}
	if !slices.Contains(NoteKinds, kind) {
		return LedgerEntry{}, app.Invalid("台账类型应为：%s（项目办结请使用“办结”按钮）", strings.Join(NoteKinds, "、"))
	}
	if text = strings.TrimSpace(text); text == "" {
		return LedgerEntry{}, app.Invalid("台账内容不能为空")
	}
	return LedgerEntry{ProjectID: p.ID, At: now, Kind: kind, Actor: actor, Note: text}, nil
}

// Pass finishes the project's current stage at now and starts the next one at
// the same instant (a stage not yet started is started first). It returns the
// ledger entry of the hand-over (交接, “…阶段办结，转入…阶段”), or, for the last
// stage, of the project's completion (办结, “…阶段办结，项目全部阶段办结”). Passing a
// finished project is an illegal transition.
func Pass(p *Project, actor string, now time.Time) (LedgerEntry, error) {
	i := p.Current()
	if i < 0 {
		return LedgerEntry{}, app.Errorf(app.EIllegalTransition, "项目 %s 的全部阶段均已办结", p.Code)
	}
	cur := &p.Stages[i]
	if cur.Started.IsZero() {
		cur.Started = now
	}
	cur.Finished = now
	e := LedgerEntry{ProjectID: p.ID, At: now, Kind: KindDone, Actor: actor,
		Note: "“" + cur.Name + "”阶段办结，项目全部阶段办结"}
	if i+1 < len(p.Stages) {
		next := &p.Stages[i+1]
		next.Started = now
		e.Kind, e.Note = KindHandover, "“"+cur.Name+"”阶段办结，转入“"+next.Name+"”阶段"
	}
	return e, nil
}

// PassLabel is what passing the project's current stage does, as its button
// says: the last stage finishes the project.
func (p Project) PassLabel() string {
	i := p.Current()
	switch {
	case i < 0:
		return ""
	case i+1 == len(p.Stages):
		return "“" + p.Stages[i].Name + "”阶段办结，项目办结"
	}
	return "“" + p.Stages[i].Name + "”阶段办结，转入“" + p.Stages[i+1].Name + "”阶段"
}

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
