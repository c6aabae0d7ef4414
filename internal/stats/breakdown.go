package stats

import (
	"context"
	"sort"
	"strings"

	"govdesk/internal/workorder"
)

// Bucket is one group of a breakdown.
type Bucket struct {
	Key   string // the drill-down value: source, town name, top-level category or unit code; "" when the order has none
	Name  string // what a person reads (the unit's name for a unit; 未填写 / 未派单 for the empty key)
	Count int
}

// Breakdown counts a period's orders by source (来源), town (镇街), top-level
// category (一级分类) and current handling unit (主办单位), for the web and the
// briefs. Each list is sorted by count, largest first, then by key.
type Breakdown struct {
	Period     Period
	Sources    []Bucket
	Towns      []Bucket
	Categories []Bucket // from the store: one per category path; Service.Breakdown folds them to the top level
	Units      []Bucket

	base workorder.Filter
}

// Breakdown counts the orders of p by source, town, top-level category and unit,
// as the actor may see them.
func (s *Service) Breakdown(ctx context.Context, p Period) (Breakdown, error) {
	base, err := s.base(ctx, p)
	if err != nil {
		return Breakdown{}, err
	}
	b, err := s.Source.HotlineBreakdown(ctx, base)
	if err != nil {
		return Breakdown{}, err
	}
	b.Period, b.base = p, base
	b.Categories = topLevel(b.Categories)
	for _, list := range [][]Bucket{b.Sources, b.Towns, b.Categories, b.Units} {
		for i := range list {
			if list[i].Key == "" {
				list[i].Name = "未填写"
			} else if list[i].Name == "" {
				list[i].Name = list[i].Key
			}
		}
		sortBuckets(list)
	}
	for i := range b.Units {
		if b.Units[i].Key == "" {
			b.Units[i].Name = "未派单"
		}
	}
	return b, nil
}

// topLevel merges category paths (城乡建设/市政设施/路灯) into their first level (城乡建设).
func topLevel(paths []Bucket) []Bucket {
	idx := map[string]int{}
	var out []Bucket
	for _, b := range paths {
		top, _, _ := strings.Cut(b.Key, "/")
		if i, ok := idx[top]; ok {
			out[i].Count += b.Count
			continue
		}
		idx[top] = len(out)
		out = append(out, Bucket{Key: top, Name: top, Count: b.Count})
	}
	return out
}

func sortBuckets(list []Bucket) {
	sort.Slice(list, func(i, j int) bool {
		if list[i].Count != list[j].Count {
			return list[i].Count > list[j].Count
		}
		return list[i].Key < list[j].Key
	})
}
