package report

import (
	"errors"
	"sync/atomic"
	"testing"
)

func TestEach(t *testing.T) {
	var sum atomic.Int64
	if err := each(100, func(i int) error { sum.Add(int64(i)); return nil }); err != nil || sum.Load() != 4950 {
		t.Fatalf("sum %d, %v", sum.Load(), err)
	}
	boom := errors.New("boom")
	var ran atomic.Int64
	err := each(100, func(i int) error {
		ran.Add(1)
		if i == 3 {
			return boom
		}
		return nil
	})
	if !errors.Is(err, boom) || ran.Load() >= 100 {
		t.Fatalf("error %v after %d calls: the others should stop", err, ran.Load())
	}
	if err := each(0, func(int) error { t.Fatal("ran"); return nil }); err != nil {
		t.Fatal(err)
	}
}
