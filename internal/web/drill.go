package web

import (
	"net/http"

	"govdesk/internal/app"
	"govdesk/internal/stats"
	"govdesk/internal/workorder"
)

// figureFilter is the order list of a statistics figure (?figure=KEY&from=&to=, SPEC
// §9: every number is a link): the filter the statistics define for it over the
// dates, with the list's page and sort.
func (ui *UI) figureFilter(r *http.Request, q orderQuery, list workorder.Filter, figure string) (workorder.Filter, error) {
	if ui.Stats == nil {
		return list, app.Invalid("统计功能未启用，无法列出指标明细")
	}
	p, err := stats.DatePeriod(q.From, q.To)
	if err != nil {
		return list, err
	}
	f, err := ui.Stats.FigureFilter(r.Context(), p, figure)
	if err != nil {
		return list, err
	}
	f.Page, f.Order = list.Page, list.Order
	return f, nil
}
