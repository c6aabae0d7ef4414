package knowledge

import "strings"

// Diff operations.
const (
	DiffEqual  = 0
	DiffInsert = 1
	DiffDelete = 2
)

// DiffPart is a stretch of text kept, inserted or deleted between two versions.
type DiffPart struct {
	Op   int
	Text string
}

// maxDiffCells bounds the character diff's table; longer texts are compared line by line.
const maxDiffCells = 4_000_000

// Diff compares two texts character by character (longest common subsequence),
// or line by line when they are too long for that, and returns the parts in order.
func Diff(a, b string) []DiffPart {
	ra, rb := []rune(a), []rune(b)
	if len(ra)*len(rb) <= maxDiffCells {
		return lcsDiff(len(ra), len(rb), func(i, j int) bool { return ra[i] == rb[j] },
			func(i int) string { return string(ra[i]) }, func(j int) string { return string(rb[j]) })
	}
	la, lb := strings.SplitAfter(a, "\n"), strings.SplitAfter(b, "\n")
	return lcsDiff(len(la), len(lb), func(i, j int) bool { return la[i] == lb[j] },
		func(i int) string { return la[i] }, func(j int) string { return lb[j] })
}

// lcsDiff diffs two sequences of n and m elements after trimming their common ends.
func lcsDiff(n, m int, eq func(i, j int) bool, at func(i int) string, bt func(j int) string) []DiffPart {
	var out []DiffPart
	add := func(op int, s string) {
		if k := len(out) - 1; k >= 0 && out[k].Op == op {
			out[k].Text += s
			return
		}
		out = append(out, DiffPart{Op: op, Text: s})
	}
	pre := 0
	for pre < n && pre < m && eq(pre, pre) {
		pre++
	}
	suf := 0
	for suf < n-pre && suf < m-pre && eq(n-1-suf, m-1-suf) {
		suf++
	}
	for i := 0; i < pre; i++ {
		add(DiffEqual, at(i))
	}
	// lcs[i][j] is the common subsequence length of a[pre+i:n-suf] and b[pre+j:m-suf].
	rn, rm := n-pre-suf, m-pre-suf
	lcs := make([][]int32, rn+1)
	for i := range lcs {
		lcs[i] = make([]int32, rm+1)
	}
	for i := rn - 1; i >= 0; i-- {
		for j := rm - 1; j >= 0; j-- {
			if eq(pre+i, pre+j) {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	i, j := 0, 0
	for i < rn || j < rm {
		switch {
		case i < rn && j < rm && eq(pre+i, pre+j):
			add(DiffEqual, at(pre+i))
			i, j = i+1, j+1
		case i < rn && (j == rm || lcs[i+1][j] >= lcs[i][j+1]):
			add(DiffDelete, at(pre+i))
			i++
		default:
			add(DiffInsert, bt(pre+j))
			j++
		}
	}
	for k := n - suf; k < n; k++ {
		add(DiffEqual, at(k))
	}
	return out
}
