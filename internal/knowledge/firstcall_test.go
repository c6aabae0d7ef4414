package knowledge

import (
	"context"
	"testing"
	"time"

	"govdesk/internal/app"
)

type counts []FirstCallCount

func (c counts) FirstCallCounts(context.Context, time.Time, time.Time) ([]FirstCallCount, error) {
	return c, nil
}

func TestFirstCall(t *testing.T) {
	ctx := app.WithActor(context.Background(), app.System)
	src := counts{
		{UnitCode: "A", UnitName: "甲", Category: "社保/缴费", Consults: 10, Resolved: 9},
		{UnitCode: "B", UnitName: "乙", Category: "住房/公积金", Consults: 6, Resolved: 2},
		{UnitCode: "B", UnitName: "乙", Category: "住房/物业", Consults: 4, Resolved: 3},
	}
	got, err := FirstCall(ctx, src, time.Time{}, time.Now(), DefaultFirstCallThreshold)
	if err != nil || len(got) != 2 {
		t.Fatal(got, err)
	}
	b := got[0]
	if b.UnitCode != "B" || *b.Percent != 50 || !b.Flagged || len(b.Categories) != 2 || b.Categories[0].Category != "住房/公积金" || b.Categories[0].Unanswered != 4 {
		t.Fatalf("B: %+v", b)
	}
	if a := got[1]; *a.Percent != 90 || a.Flagged || len(a.Categories) != 0 {
		t.Fatalf("A: %+v", a)
	}
	if _, err := FirstCall(context.Background(), src, time.Time{}, time.Now(), 70); err == nil {
		t.Fatal("anonymous allowed")
	}
}
