package knowledge

import (
	"strings"

	"govdesk/internal/zhtext"
)

// Highlight marks in a snippet wrap the words of the query that matched.
const (
	MarkOpen  = "【"
	MarkClose = "】"
)

// Snippet returns about width characters of text around its first match of the
// query tokens, with every matching stretch wrapped in 【】.
func Snippet(text string, weights map[string]float64, width int) string {
	orig := []rune(strings.Join(strings.Fields(text), " "))
	norm := []rune(zhtext.Normalize(string(orig)))
	if len(norm) != len(orig) {
		norm = orig
	}
	marked := make([]bool, len(orig))
	first := -1
	for tok := range weights {
		tr := []rune(tok)
		for i := 0; i+len(tr) <= len(norm); i++ {
			if equalRunes(norm[i:i+len(tr)], tr) {
				for j := i; j < i+len(tr); j++ {
					marked[j] = true
				}
				if first < 0 || i < first {
					first = i
				}
			}
		}
	}
	start := 0
	if first > width/4 && len(orig) > width {
		start = first - width/4
	}
	end := start + width
	if end > len(orig) {
		end = len(orig)
	}
	var b strings.Builder
	if start > 0 {
		b.WriteString("…")
	}
	in := false
	for i := start; i < end; i++ {
		if marked[i] != in {
			if marked[i] {
				b.WriteString(MarkOpen)
			} else {
				b.WriteString(MarkClose)
			}
			in = marked[i]
		}
		b.WriteRune(orig[i])
	}
	if in {
		b.WriteString(MarkClose)
	}
	if end < len(orig) {
		b.WriteString("…")
	}
	return b.String()
}

func equalRunes(a, b []rune) bool {
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
