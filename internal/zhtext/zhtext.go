package zhtext

import (
	"strings"
	"unicode"
)

// Normalize lower-cases s, folds full-width forms to half-width and maps common
// Traditional characters to Simplified.
func Normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		b.WriteRune(fold(r))
	}
	return b.String()
}

func fold(r rune) rune {
	if r >= 0xFF01 && r <= 0xFF5E {
		r -= 0xFEE0
	} else if r == 0x3000 {
		r = ' '
	}
	if s, ok := trad[r]; ok {
		r = s
	}
	return unicode.ToLower(r)
}

// IsHan reports whether r is a CJK ideograph.
func IsHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// Runs splits normalized text into runs of Han characters and runs of Latin
// letters or digits; everything else separates runs.
func Runs(s string) []string {
	var runs []string
	var cur []rune
	han := false
	flush := func() {
		if len(cur) > 0 {
			runs = append(runs, string(cur))
			cur = cur[:0]
		}
	}
	for _, r := range Normalize(s) {
		switch {
		case IsHan(r):
			if !han {
				flush()
			}
			han = true
			cur = append(cur, r)
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if han {
				flush()
			}
			han = false
			cur = append(cur, r)
		default:
			flush()
		}
	}
	flush()
	return runs
}

// Tokens returns the search tokens of s in order, repeated as often as they
// occur: bigrams of Han runs (a lone Han character is its own token) and whole
// Latin/digit words.
func Tokens(s string) []string {
	var out []string
	for _, run := range Runs(s) {
		rs := []rune(run)
		if !IsHan(rs[0]) {
			out = append(out, run)
			continue
		}
		if len(rs) == 1 {
			out = append(out, run)
			continue
		}
		for i := 0; i+1 < len(rs); i++ {
			out = append(out, string(rs[i:i+2]))
		}
	}
	return out
}

// Counts returns the number of occurrences of each token of s and the token count.
func Counts(s string) (map[string]int, int) {
	m := map[string]int{}
	toks := Tokens(s)
	for _, t := range toks {
		m[t]++
	}
	return m, len(toks)
}
