package web

import (
	"net/http"
	"strings"

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

// figureLabel names a figure key in Chinese for the list it drills into: 受理量,
// 按时答复率（分子）, 上年同期 · 紧急件, 单位 U001 · 超期件, 镇街：乐城街道 …
func figureLabel(key string) string {
	if rest, ok := strings.CutPrefix(key, "previous."); ok {
		return "上年同期 · " + figureLabel(rest)
	}
	kind, rest, _ := strings.Cut(key, ".")
	switch kind {
	case "unit":
		code, k, _ := strings.Cut(rest, ".")
		return "单位 " + code + " · " + figureLabel(k)
	case "by_source":
		return "来源：" + rest
	case "by_town":
		return "镇街：" + rest
	case "by_category":
		return "分类：" + rest
	case "by_unit":
		return "承办单位：" + rest
	}
	part := ""
	if b, ok := strings.CutSuffix(key, ".numerator"); ok {
		key, part = b, "（分子）"
	} else if b, ok := strings.CutSuffix(key, ".denominator"); ok {
		key, part = b, "（分母）"
	}
	for _, f := range (&stats.Hotline{}).Figures() {
		if f.Key == key {
			return f.Name + part
		}
	}
	return key + part
}
