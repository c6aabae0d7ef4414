package store_test

import (
	"context"
	"testing"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/knowledge"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

// fixedSource serves training data; calls counts how often a process trained.
type fixedSource struct {
	examples []knowledge.Example
	calls    int
}

func (f *fixedSource) TrainingExamples(ctx context.Context, limit int) ([]knowledge.Example, error) {
	f.calls++
	return f.examples, nil
}

func (f *fixedSource) CategoryDefaults(ctx context.Context) ([]knowledge.DefaultUnit, error) {
	return nil, nil
}

type stepClock struct{ now time.Time }

func (c *stepClock) Now() time.Time { return c.now }

// One process retrains and stores the model; another process loads it instead of
// training, and picks up a later retrain within CheckEvery.
func TestSuggestModelShared(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := app.WithActor(context.Background(), app.System)
		kb := &store.Knowledge{DB: db}
		clock := &stepClock{now: time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)}
		lamp := knowledge.Example{Title: "路灯不亮", Content: "小区门口路灯坏了", UnitCode: "U1", UnitName: "城管局"}
		water := knowledge.Example{Title: "停水", Content: "自来水停了一天", UnitCode: "U2", UnitName: "水务集团"}
		trainer := &fixedSource{examples: []knowledge.Example{lamp, lamp, water}}
		a := &knowledge.Suggester{Source: trainer, Models: kb, Clock: clock}
		if n, err := a.RetrainNow(ctx); err != nil || n != 3 {
			t.Fatalf("retrain: %d %v", n, err)
		}
		other := &fixedSource{}
		b := &knowledge.Suggester{Source: other, Models: kb, Clock: clock}
		s, err := b.Suggest(ctx, "路灯坏了", "", "")
		if err != nil || len(s) != 2 || s[0].UnitCode != "U1" || s[0].UnitName != "城管局" {
			t.Fatalf("loaded model: %+v %v", s, err)
		}
		if other.calls != 0 {
			t.Fatalf("the second process trained %d times instead of loading the stored model", other.calls)
		}
		// A later retrain with more history reaches the other process after CheckEvery.
		clock.now = clock.now.Add(2 * time.Hour)
		if s, _ := b.Suggest(ctx, "路灯坏了", "", ""); len(s) != 2 {
			t.Fatalf("before the retrain: %+v", s)
		}
		clock.now = clock.now.Add(10 * time.Second)
		trainer.examples = append(trainer.examples, water, water, water, water, water,
			knowledge.Example{Title: "路灯不亮", Content: "水务", UnitCode: "U3", UnitName: "供电公司"})
		if _, err := a.RetrainNow(ctx); err != nil {
			t.Fatal(err)
		}
		clock.now = clock.now.Add(20 * time.Second)
		if s, _ := b.Suggest(ctx, "路灯坏了", "", ""); len(s) != 2 {
			t.Fatalf("reloaded before CheckEvery: %+v", s)
		}
		clock.now = clock.now.Add(time.Minute)
		if s, _ := b.Suggest(ctx, "路灯坏了", "", ""); len(s) != 3 || other.calls != 0 {
			t.Fatalf("newer stored model not loaded: %+v (trained %d times)", s, other.calls)
		}
		// A stored model older than MaxAge is retrained by whoever needs it.
		clock.now = clock.now.Add(25 * time.Hour)
		if _, err := b.Suggest(ctx, "路灯坏了", "", ""); err != nil || other.calls != 1 {
			t.Fatalf("stale model: trained %d times, %v", other.calls, err)
		}
		if at, err := kb.ModelTrainedAt(ctx); err != nil || !at.Equal(clock.now.Truncate(time.Microsecond)) && !at.Equal(clock.now) {
			t.Fatalf("stored model time %v, want %v (%v)", at, clock.now, err)
		}
	})
}
