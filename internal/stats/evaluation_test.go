package stats

import (
	"encoding/json"
	"testing"
	"time"

	"govdesk/internal/evaluation"
)

func TestEvaluationFigures_HandComputed(t *testing.T) {
	at := func(s string) time.Time { v, _ := time.Parse(time.RFC3339, s); return v }
	deadline := at("2022-10-27T00:00:00+08:00")
	onTime := &evaluation.Rectification{RectifyDeadline: deadline, RectifiedAt: at("2022-10-20T10:00:00+08:00"), ClosedAt: at("2022-10-21T10:00:00+08:00")}
	late := &evaluation.Rectification{RectifyDeadline: deadline, RectifiedAt: at("2022-10-28T10:00:00+08:00"), ClosedAt: at("2022-10-28T11:00:00+08:00")}
	ev := func(day string, score int, unit, window string, r *evaluation.Rectification) evaluation.Evaluation {
		return evaluation.Evaluation{At: at(day + "T10:00:00+08:00"), Score: score, UnitName: unit, TargetKind: "窗口", Target: window, Rect: r}
	}
	evs := []evaluation.Evaluation{
		ev("2022-10-01", 5, "A", "W1", nil), ev("2022-10-02", 5, "A", "W1", nil), ev("2022-10-03", 4, "A", "W2", nil),
		ev("2022-10-04", 3, "A", "W2", nil), ev("2022-10-05", 1, "A", "W1", onTime),
		ev("2022-11-01", 5, "B", "", nil), ev("2022-11-02", 2, "B", "", late), ev("2022-11-03", 4, "B", "", nil),
	}
	// 8 evaluations; 好评 5,5,4 (October) + 5,4 (November) = 5 → 62.50 %; 差评 2 (levels 1 and 2);
	// both closed, one within its deadline; levels sum 29 → 3.625 → 3.63.
	f := EvaluationFigures(evs)
	b, _ := json.Marshal(f)
	want := `{"total":8,"good_rate":62.5,"bad":2,"rectified_on_time":1,"rectification_rate":100,"avg_score":3.63}`
	if string(b) != want {
		t.Errorf("got  %s\nwant %s", b, want)
	}
	// Left open, the second 差评 is not rectified: 1/2.
	evs[6].Rect = &evaluation.Rectification{RectifyDeadline: deadline}
	if f := EvaluationFigures(evs); *f.RectificationRate != 50 || f.RectifiedOnTime != 1 {
		t.Errorf("open: %+v", f)
	}
	// Monthly composite = avg × 2: October 18/5 = 3.6 → 7.20; November 11/3 → 7.33.
	m := MonthlyComposite(evs)
	if len(m) != 2 || m[0].Name != "2022-10" || *m[0].Composite != 7.2 || *m[1].Composite != 7.33 || *m[1].AvgScore != 3.67 {
		t.Errorf("monthly = %+v", m)
	}
	if u := RankByUnit(evs); u[0].Name != "B" || u[1].Name != "A" || u[1].Bad != 1 {
		t.Errorf("units = %+v", u)
	}
	// Windows: W1 5,5,1 → 7.33; W2 4,3 → 7.00.
	if w := RankByWindow(evs); len(w) != 2 || w[0].Name != "W1" || *w[1].Composite != 7 {
		t.Errorf("windows = %+v", w)
	}
	if f := EvaluationFigures(nil); f.GoodRate != nil || f.AvgScore != nil || f.RectificationRate != nil {
		t.Errorf("empty = %+v", f)
	}
}
