// Package privacy finds the personal data people write into free text — mobile and
// landline numbers however they are spelt, identity card numbers, e-mail addresses —
// and hides it: Mask for the staff who may not read it (enough kept to recognise a
// number: 139****0002), Scrub for the public (every digit and letter replaced).
// Every door that shows free text to someone who may not read it calls one of the two,
// so a spelling taught to the finder here is hidden everywhere.
package privacy

import "strings"

// Kind names what a span holds.
type Kind int

const (
	Mobile   Kind = iota + 1 // a mainland mobile number, with or without +86 / 0086 / 86
	Landline                 // an area code and a local number, 10 to 12 digits from 0
	IDNumber                 // a resident identity card number, 15 or 18 characters
	Email                    // an e-mail address
	BankCard                 // a bank card number: 16–19 digits from 3–6 that pass the Luhn check
)

// Span is one piece of personal data in a text, in rune positions [Start, End).
// Keep lists the positions of the characters a masked form still shows.
type Span struct {
	Kind       Kind
	Start, End int
	keep       map[int]bool
}

// Masked reports whether s carries a masked or scrubbed rendering (a run of three
// or more *), as an export to a reader without the right holds: such a text is not
// the original and must never replace it.
func Masked(s string) bool { return strings.Contains(s, "***") }

// Mask hides the personal data in s for a reader without the right to it, keeping
// enough to recognise it: 139****0002, 0797-***4567, 110101********1234, z****@qq.com.
func Mask(s string) string { return rewrite(s, true) }

// Scrub hides the personal data in s for the public: every digit and letter of it
// becomes *, only the separators are left (139-1111-0002 → ***-****-****).
func Scrub(s string) string { return rewrite(s, false) }

// MaskName hides a person's name where it appears in s, keeping the surname
// (张三 → 张*); names shorter than two characters are left, they match too much.
func MaskName(s, name string) string {
	r := []rune(strings.TrimSpace(name))
	if len(r) < 2 {
		return s
	}
	return strings.ReplaceAll(s, string(r), string(r[0])+strings.Repeat("*", len(r)-1))
}

// Contains reports whether s holds personal data Find recognises.
func Contains(s string) bool { return len(Find(s)) > 0 }

func rewrite(s string, keep bool) string {
	if !maybe(s) {
		return s
	}
	spans := Find(s)
	if len(spans) == 0 {
		return s
	}
	r := []rune(s)
	for _, sp := range spans {
		for i := sp.Start; i < sp.End; i++ {
			if keep && sp.keep[i] {
				continue
			}
			if alnum(fold(r[i])) {
				r[i] = '*'
			}
		}
	}
	return string(r)
}

// maybe is a fast test: a text with fewer than five digits and no @ holds nothing.
func maybe(s string) bool {
	n := 0
	for _, c := range s {
		switch {
		case c == '@' || c == '＠':
			return true
		case c >= '0' && c <= '9', c >= '０' && c <= '９':
			if n++; n >= 5 {
				return true
			}
		}
	}
	return false
}

// Find returns the personal data in s, in order.
func Find(s string) []Span {
	if !maybe(s) {
		return nil
	}
	r := []rune(s)
	n := make([]rune, len(r))
	for i, c := range r {
		n[i] = fold(c)
	}
	used := make([]bool, len(n))
	spans := findEmails(n, used)
	spans = append(spans, findNumbers(n, used)...)
	sortSpans(spans)
	return spans
}

// fold maps full-width forms to ASCII, so １３９ and ＋８６ are read like 139 and +86.
func fold(c rune) rune {
	switch {
	case c >= 0xFF01 && c <= 0xFF5E:
		return c - 0xFEE0
	case c == 0x3000:
		return ' '
	case c == '‐' || c == '‑' || c == '–' || c == '—' || c == '－':
		return '-'
	}
	return c
}

func digit(c rune) bool { return c >= '0' && c <= '9' }

func alnum(c rune) bool {
	return digit(c) || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func sortSpans(s []Span) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j].Start < s[j-1].Start; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}
