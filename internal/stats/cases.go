package stats

import "govdesk/internal/catalog"

// Cases is the figures of `govdesk stats cases` (SPEC §6) over the cases accepted in a period.
type Cases struct {
	Total       int            `json:"total"`
	ByChannel   map[string]int `json:"by_channel"` // every channel of catalog.Channels, zeros included
	ByTown      map[string]int `json:"by_town"`
	TownVillage int            `json:"town_village"` // accepted through 镇村站点
	Finished    int            `json:"finished"`
	OnTime      int            `json:"on_time"`      // finished by the deadline of the item's promised limit
	OnTimeRate  *float64       `json:"on_time_rate"` // on_time / finished, percent
}

// CaseDefinitions are the definitions shown beside the case figures.
var CaseDefinitions = map[string]string{
	"town_village": "受理渠道为“镇村站点”的办件数",
	"on_time":      "按事项承诺时限（工作日整日计，受理当日不计）在期限内办结的办件数；即办件须当日办结",
	"on_time_rate": "按时办结数 / 办结数",
}

// CaseFigures computes the case figures over cases (already selected by period).
func CaseFigures(cases []catalog.Case) Cases {
	c := Cases{ByChannel: map[string]int{}, ByTown: map[string]int{}}
	for _, ch := range catalog.Channels {
		c.ByChannel[ch] = 0
	}
	for _, k := range cases {
		c.Total++
		c.ByChannel[k.Channel]++
		c.ByTown[k.Town]++
		if k.Channel == catalog.ChannelTownVillage {
			c.TownVillage++
		}
		if k.Finished() {
			c.Finished++
			if k.OnTime() {
				c.OnTime++
			}
		}
	}
	c.OnTimeRate = percent(c.OnTime, c.Finished)
	return c
}
