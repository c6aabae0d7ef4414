package workorder

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// Nearest names: how a refusal finds the registered names a person probably meant.
//
// Places are compared by their core, the name without its administrative suffix
// (镇, 乡, 街道, 村, 社区, …), so "坪石", "坪石乡" and "坪石镇" are the same core. A
// candidate scores the rune-level edit similarity of the cores (1 − distance ÷ the
// longer length), at least 0.75 when one core contains the other. Categories are
// compared by their last part, and score at least 0.75 when the path contains the last
// part typed ("路灯" and "城乡建设/路灯" find "城乡建设/市政设施/路灯"). Candidates scoring above 0.5 are offered, best first, at
// most maxNearest; a single differing character of a two-character core is not enough.

// placeSuffixes are the administrative suffixes of towns and villages, longest first.
var placeSuffixes = []string{"街道办事处", "社区居委会", "街道办", "居委会", "村委会", "街道", "社区", "镇", "乡", "村", "街", "居"}

// placeCore strips the administrative suffix of a town or village name.
func placeCore(s string) string {
	for _, suf := range placeSuffixes {
		if c := strings.TrimSuffix(s, suf); c != s && c != "" {
			return c
		}
	}
	return s
}

// nearestPlace returns the names of list that look most like name.
func nearestPlace(name string, list []string) []string {
	core := placeCore(name)
	return best(list, func(c string) float64 { return max(likeness(core, placeCore(c)), likeness(name, c)) })
}

// nearestCategory returns the paths of list that look most like path.
func nearestCategory(path string, list []string) []string {
	leaf := lastPart(path)
	return best(list, func(c string) float64 {
		s := likeness(leaf, lastPart(c))
		if strings.Contains(c, leaf) {
			s = max(s, 0.75)
		}
		return s
	})
}

func lastPart(path string) string { return path[strings.LastIndex(path, "/")+1:] }

// best returns up to maxNearest candidates scoring above 0.5, best first, ties in list order.
func best(list []string, score func(string) float64) []string {
	type hit struct {
		name  string
		score float64
	}
	var hits []hit
	for _, c := range list {
		if s := score(c); s > 0.5 {
			hits = append(hits, hit{c, s})
		}
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].score > hits[j].score })
	var out []string
	for i := 0; i < len(hits) && i < maxNearest; i++ {
		out = append(out, hits[i].name)
	}
	return out
}

// likeness is 1 − the rune edit distance ÷ the longer length, and at least 0.75 when
// one string contains the other.
func likeness(a, b string) float64 {
	if a == "" || b == "" {
		return 0
	}
	n := max(utf8.RuneCountInString(a), utf8.RuneCountInString(b))
	s := 1 - float64(editDistance([]rune(a), []rune(b)))/float64(n)
	if strings.Contains(a, b) || strings.Contains(b, a) {
		s = max(s, 0.75)
	}
	return s
}

// editDistance is the Levenshtein distance between two rune strings.
func editDistance(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
