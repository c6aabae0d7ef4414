package privacy

// group is a maximal run of digits (an 18-character identity number's final X included).
type group struct{ start, end int }

// maxGroups bounds how many digit groups one number may be written in (+86 139 1111 0004).
const maxGroups = 5

// findNumbers finds phone and identity numbers. Digits are read in groups; groups
// joined by one or two separators (space, - . ( )) may form one number, as people
// type 139-1111-0002 or (0797)1234567. For each chain of joined groups the longest
// run of whole groups that reads as a number wins; a group is never split, so a
// 14-digit order number or a date never yields a phone.
func findNumbers(n []rune, used []bool) []Span {
	var spans []Span
	var chain []group
	flush := func() {
		for i := 0; i < len(chain); {
			matched := false
			for j := min(len(chain), i+maxGroups) - 1; j >= i && !matched; j-- {
				if sp, ok := classify(n, chain[i:j+1]); ok {
					spans = append(spans, sp)
					i, matched = j+1, true
				}
			}
			if !matched {
				i++
			}
		}
		chain = chain[:0]
	}
	for i := 0; i < len(n); {
		if !digit(n[i]) || used[i] {
			i++
			continue
		}
		g := group{start: i}
		for i < len(n) && digit(n[i]) && !used[i] {
			i++
		}
		if i-g.start == 17 && i < len(n) && (n[i] == 'X' || n[i] == 'x') {
			i++
		}
		g.end = i
		if len(chain) > 0 && !joined(n[chain[len(chain)-1].end:g.start]) {
			flush()
		}
		chain = append(chain, g)
	}
	flush()
	return spans
}

// joined reports whether the characters between two digit groups join them into one number.
func joined(gap []rune) bool {
	if len(gap) == 0 || len(gap) > 2 {
		return false
	}
	for _, c := range gap {
		switch c {
		case ' ', '-', '.', '(', ')':
		default:
			return false
		}
	}
	return true
}

// classify reads whole groups as one number: an identity number (one group), a
// mobile (with its country code), or a landline (area code from 0, then 7–8 digits).
func classify(n []rune, gs []group) (Span, bool) {
	var pos []int // rune positions of the digits, in order
	var d []rune
	for _, g := range gs {
		for i := g.start; i < g.end; i++ {
			pos, d = append(pos, i), append(d, n[i])
		}
	}
	sp := Span{Start: gs[0].start, End: gs[len(gs)-1].end}
	plus := sp.Start > 0 && n[sp.Start-1] == '+' || sp.Start > 1 && n[sp.Start-1] == '(' && n[sp.Start-2] == '+'
	keep := func(head, tail int) {
		sp.keep = map[int]bool{}
		for k, p := range pos {
			if k < head || k >= len(pos)-tail {
				sp.keep[p] = true
			}
		}
	}
	if len(gs) == 1 && idNumber(d) {
		sp.Kind = IDNumber
		keep(6, 4)
		return sp, true
	}
	cc := 0
	switch {
	case len(d) == 13 && d[0] == '8' && d[1] == '6':
		cc = 2
	case len(d) == 15 && string(d[:4]) == "0086":
		cc = 4
	}
	if national := d[cc:]; len(national) == 11 && national[0] == '1' && national[1] >= '3' && national[1] <= '9' {
		sp.Kind = Mobile
		keep(cc+3, 4)
		return sp, true
	}
	if plus && len(d) >= 8 && len(d) <= 15 {
		sp.Kind = Mobile // a number from abroad
		keep(3, 4)
		return sp, true
	}
	if len(d) >= 16 && len(d) <= 19 && d[0] >= '3' && d[0] <= '6' && luhn(d) {
		sp.Kind = BankCard
		keep(4, 4)
		return sp, true
	}
	if len(d) >= 10 && len(d) <= 12 && d[0] == '0' && d[1] != '0' {
		area := 4
		if d[1] == '1' || d[1] == '2' {
			area = 3
		}
		if len(gs) > 1 {
			area = gs[0].end - gs[0].start
		}
		if local := len(d) - area; area >= 3 && area <= 4 && local >= 7 && local <= 8 {
			sp.Kind = Landline
			keep(area, 4)
			return sp, true
		}
	}
	return Span{}, false
}

// idNumber reports whether d reads as a resident identity number: 18 characters
// (the last a digit or X) with a birth date 19xx/20xx at 7–14, or 15 digits with
// a birth date YYMMDD at 7–12.
func idNumber(d []rune) bool {
	if len(d) != 15 && len(d) != 18 || d[0] == '0' {
		return false
	}
	for i, c := range d {
		if !digit(c) && !(i == 17 && (c == 'X' || c == 'x')) {
			return false
		}
	}
	num := func(a, b int) int {
		v := 0
		for _, c := range d[a:b] {
			v = v*10 + int(c-'0')
		}
		return v
	}
	month, day := num(10, 12), num(12, 14)
	if len(d) == 15 {
		month, day = num(8, 10), num(10, 12)
	} else if y := num(6, 10); y < 1900 || y > 2099 {
		return false
	}
	return month >= 1 && month <= 12 && day >= 1 && day <= 31
}

// findEmails finds e-mail addresses (local@domain.tld) and marks their characters used.
func findEmails(n []rune, used []bool) []Span {
	var spans []Span
	local := func(c rune) bool { return alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-' }
	domain := func(c rune) bool { return alnum(c) || c == '.' || c == '-' }
	for at, c := range n {
		if c != '@' || used[at] {
			continue
		}
		l := at
		for l > 0 && local(n[l-1]) {
			l--
		}
		r := at + 1
		for r < len(n) && domain(n[r]) {
			r++
		}
		for r > at+1 && (n[r-1] == '.' || n[r-1] == '-') {
			r--
		}
		dot, letters := -1, 0
		for i := at + 1; i < r; i++ {
			if n[i] == '.' {
				dot, letters = i, 0
			} else if !digit(n[i]) && n[i] != '-' {
				letters++
			}
		}
		if l == at || dot < 0 || r-dot-1 < 2 || letters != r-dot-1 {
			continue
		}
		sp := Span{Kind: Email, Start: l, End: r, keep: map[int]bool{l: true}}
		for i := at; i < r; i++ {
			sp.keep[i] = true
		}
		for i := l; i < r; i++ {
			used[i] = true
		}
		spans = append(spans, sp)
	}
	return spans
}

// luhn reports whether the digits d pass the Luhn check every bank card number carries.
func luhn(d []rune) bool {
	sum := 0
	for i := len(d) - 1; i >= 0; i-- {
		v := int(d[i] - '0')
		if (len(d)-1-i)%2 == 1 {
			if v *= 2; v > 9 {
				v -= 9
			}
		}
		sum += v
	}
	return sum%10 == 0
}
