package stats

import "math"

// percent returns num/den as a percent rounded half away from zero to two
// decimals (93.75 for 15/16), or nil when den is 0. The rounding is exact: it is
// done on integers in hundredths of a percent.
func percent(num, den int) *float64 {
	if den == 0 {
		return nil
	}
	v := float64(roundDiv(int64(num)*10000, int64(den))) / 100
	return &v
}

// growth returns (this − last)/last as a percent, two decimals, or nil when last is 0.
func growth(this, last int) *float64 { return percent(this-last, last) }

// roundDiv returns a/b rounded half away from zero, for b > 0.
func roundDiv(a, b int64) int64 {
	q, r := a/b, a%b
	if r < 0 {
		r = -r
	}
	if 2*r >= b {
		if a < 0 {
			q--
		} else {
			q++
		}
	}
	return q
}

// mean returns sum/n rounded half away from zero to two decimals, or nil when n is 0.
func mean(sum float64, n int) *float64 {
	if n == 0 {
		return nil
	}
	// The sum of working days carries float noise (1/390ths); a nudge of 1e-9 keeps
	// an exact half from falling below it.
	m := sum / float64(n)
	v := math.Round(m*100+math.Copysign(1e-9, m)) / 100
	return &v
}

// Percent returns num/den as a percent with the rounding of every stats rate
// (two decimals, half away from zero), or nil when den is 0; for the briefs'
// shares.
func Percent(num, den int) *float64 { return percent(num, den) }

// Growth returns (this − last)/last as a percent like the growth figures, or
// nil when last is 0.
func Growth(this, last int) *float64 { return growth(this, last) }
