package evaluation

import (
	"context"
	"time"
)

// Levels are the five levels, index = score − 1 (1 非常不满意 … 5 非常满意).
var Levels = []string{"非常不满意", "不满意", "基本满意", "满意", "非常满意"}

// LevelName returns the Chinese name of a score 1..5 ("" otherwise).
func LevelName(score int) string {
	if score < 1 || score > 5 {
		return ""
	}
	return Levels[score-1]
}

// IsGood reports 好评 (非常满意 or 满意); IsBad reports 差评 (不满意 or 非常不满意).
func IsGood(score int) bool { return score >= 4 }

// IsBad reports whether a score is a 差评, which opens a rectification.
func IsBad(score int) bool { return score >= 1 && score <= 2 }

// Channels are the channels of an evaluation (评价渠道).
var Channels = []string{"窗口评价器", "网上", "移动端", "短信", "二维码", "12345热线"}

// TargetKinds are what an evaluation is about (评价对象类型).
var TargetKinds = []string{"办件", "事项", "窗口", "工作人员", "单位"}

// Evaluation is one 好差评 evaluation.
type Evaluation struct {
	ID         int64
	No         string // 评价编号, the key
	At         time.Time
	Channel    string
	TargetKind string
	Target     string // the case number, item code, window name, staff name or unit
	UnitID     int64  // 所属单位; 0 when not given
	UnitCode   string
	UnitName   string
	Score      int // 1..5
	Content    string
	Contact    string // personal data: shown masked
	// Rect is the rectification of a 差评 (nil for other levels).
	Rect *Rectification
}

// Filter selects evaluations by time [From, To) and optionally only 差评.
type Filter struct {
	From, To time.Time // evaluated in [From, To); a zero bound is open

	BadOnly  bool
	OpenOnly bool // 差评 whose rectification is not closed
}

// Store keeps evaluations and rectifications. Methods return *app.Error values:
// not_found for a missing id, conflict for a duplicate number, invalid or internal.
type Store interface {
	// UnitKeys maps every unit's code and name to its id.
	UnitKeys(ctx context.Context) (map[string]int64, error)
	// UpsertEvaluations creates or updates evaluations by number in one transaction,
	// with their rectifications (an existing rectification keeps its workflow state
	// unless the file closes it).
	UpsertEvaluations(ctx context.Context, evs []Evaluation) (created, updated int, err error)
	// CreateEvaluation stores one new evaluation and its rectification, returning the id.
	CreateEvaluation(ctx context.Context, ev Evaluation) (int64, error)
	// FindEvaluations returns the evaluations of the filter with their rectifications, newest first.
	FindEvaluations(ctx context.Context, f Filter) ([]Evaluation, error)
	// FindEvaluation returns one evaluation with its rectification.
	FindEvaluation(ctx context.Context, id int64) (Evaluation, error)
	// LatestEvaluation returns when the last evaluation before `before` was given, of
	// one unit's when unitID is not 0 (false when there is none).
	LatestEvaluation(ctx context.Context, before time.Time, unitID int64) (time.Time, bool, error)
	// UpdateRectification loads the rectification of an evaluation in a transaction
	// (locked on PostgreSQL), refuses a stale version (0: unchecked) with conflict,
	// applies fn and saves it with its version raised; it returns the evaluation as
	// saved. not_found for an unknown evaluation, illegal_transition for one without
	// a rectification (not a 差评).
	UpdateRectification(ctx context.Context, evaluationID int64, version int, fn func(ev Evaluation, r *Rectification) error) (Evaluation, error)
	// FlagOverdue marks every open rectification past a deadline at now as overdue
	// and returns how many were newly flagged.
	FlagOverdue(ctx context.Context, now time.Time) (int, error)
}
