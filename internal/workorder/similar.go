package workorder

import "unicode"

// dice is the Dice coefficient of two bigram multisets (of bigrams), from 0
// (nothing shared) to 1 (same). Chinese text needs no word segmentation for this:
// a shared bigram is a shared word or part of one.
func dice(ga, gb map[[2]rune]int) float64 {
	if len(ga) == 0 || len(gb) == 0 {
		return 0
	}
	shared := 0
	for g, n := range ga {
		if m := gb[g]; m > 0 {
			shared += min(n, m)
		}
	}
	total := 0
	for _, n := range ga {
		total += n
	}
	for _, n := range gb {
		total += n
	}
	return 2 * float64(shared) / float64(total)
}

func bigrams(s string) map[[2]rune]int {
	var rs []rune
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			rs = append(rs, unicode.ToLower(r))
		}
	}
	m := map[[2]rune]int{}
	for i := 0; i+1 < len(rs); i++ {
		m[[2]rune{rs[i], rs[i+1]}]++
	}
	return m
}
