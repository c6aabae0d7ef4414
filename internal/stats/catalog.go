package stats

import (
	"math"

	"govdesk/internal/catalog"
)

// Rate is one catalogue rate of SPEC §6 with its definition (口径); Percent is
// nil when the denominator is 0.
type Rate struct {
	Key         string   `json:"-"`
	Name        string   `json:"-"`
	Definition  string   `json:"-"`
	Numerator   int      `json:"numerator"`
	Denominator int      `json:"denominator"`
	Percent     *float64 `json:"percent"`
}

// catalogRate defines one rate: which published items are counted above and below the line.
type catalogRate struct {
	key, name, text string
	num, den        func(catalog.Item) bool
}

func all(catalog.Item) bool              { return true }
func byApplication(it catalog.Item) bool { return it.ByApplication }

// catalogRates are the rates of SPEC §6, in the order of SPEC §13, each defined once.
var catalogRates = []catalogRate{
	{"hall_entry", "进驻率", "进驻大厅的事项数 / 已发布事项总数", func(it catalog.Item) bool { return it.InHall }, all},
	{"application_hall_entry", "依申请事项进驻率", "进驻大厅的依申请事项数 / 依申请事项数",
		func(it catalog.Item) bool { return it.InHall && it.ByApplication }, byApplication},
	{"one_window", "一窗率", "综合窗口“一窗”受理的事项数 / 已发布事项总数", func(it catalog.Item) bool { return it.OneWindow }, all},
	{"online", "网上可办率", "网上可办的事项数 / 已发布事项总数", func(it catalog.Item) bool { return it.Online }, all},
	{"application_online", "依申请事项可网办率", "网上可办的依申请事项数 / 依申请事项数",
		func(it catalog.Item) bool { return it.Online && it.ByApplication }, byApplication},
	{"max_one_trip", "最多跑一次率", "到现场次数不超过 1 次的事项数 / 已发布事项总数", func(it catalog.Item) bool { return it.MaxTrips <= 1 }, all},
	{"zero_trip", "零跑动率", "到现场次数为 0 的事项数 / 已发布事项总数", func(it catalog.Item) bool { return it.MaxTrips == 0 }, all},
	{"immediate", "即办件率", "即办件事项数 / 已发布事项总数", func(it catalog.Item) bool { return it.Immediate }, all},
}

// Catalog is the figures of the published catalogue (SPEC §6).
type Catalog struct {
	Rates []Rate // in the order of SPEC §13
	// Compression is 承诺时限压缩率 = 1 − Σ promised / Σ legal over the published
	// items that have both limits, computed on hundredths of a working day.
	Compression                       Rate
	Published                         int
	Citywide, CrossProvince, CertFree int // 全市通办, 跨省通办, 免证办 items
}

// CompressionDefinition is the definition shown beside 承诺时限压缩率.
const CompressionDefinition = "1 − 承诺时限之和 / 法定时限之和（仅计同时填写法定与承诺时限的已发布事项）"

// CatalogFigures computes the catalogue figures over the published items among items.
func CatalogFigures(items []catalog.Item) Catalog {
	var c Catalog
	var legal, promised int
	for _, it := range items {
		if !it.Published() {
			continue
		}
		c.Published++
		if it.Citywide {
			c.Citywide++
		}
		if it.CrossProvince {
			c.CrossProvince++
		}
		if it.CertFree {
			c.CertFree++
		}
		if it.LegalDays > 0 && it.PromisedDays > 0 {
			legal += int(math.Round(it.LegalDays * 100))
			promised += int(math.Round(it.PromisedDays * 100))
		}
	}
	for _, d := range catalogRates {
		r := Rate{Key: d.key, Name: d.name, Definition: d.text}
		for _, it := range items {
			if it.Published() && d.den(it) {
				r.Denominator++
				if d.num(it) {
					r.Numerator++
				}
			}
		}
		r.Percent = percent(r.Numerator, r.Denominator)
		c.Rates = append(c.Rates, r)
	}
	c.Compression = Rate{Key: "promise_compression", Name: "承诺时限压缩率", Definition: CompressionDefinition,
		Numerator: legal - promised, Denominator: legal, Percent: percent(legal-promised, legal)}
	return c
}

// Report is the JSON of `stats catalog --format json`: exactly the keys of SPEC §13.
func (c Catalog) Report() map[string]Rate {
	m := make(map[string]Rate, len(c.Rates))
	for _, r := range c.Rates {
		m[r.Key] = r
	}
	return m
}

// CatalogDrill returns the published items a rate counts: part "numerator" or
// "denominator". ok is false for an unknown key or part.
func CatalogDrill(items []catalog.Item, key, part string) (out []catalog.Item, ok bool) {
	for _, d := range catalogRates {
		if d.key != key || (part != "numerator" && part != "denominator") {
			continue
		}
		for _, it := range items {
			if it.Published() && d.den(it) && (part == "denominator" || d.num(it)) {
				out = append(out, it)
			}
		}
		return out, true
	}
	return nil, false
}
