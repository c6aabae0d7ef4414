package web

import (
	"net/http"
	"strings"

	"govdesk/internal/app"
	"govdesk/internal/catalog"
	"govdesk/internal/stats"
)

type catalogData struct {
	Figures   stats.Catalog
	Items     []catalog.Item
	Q         string
	DrillName string // the rate part the list is drilled to, "" for the whole catalogue
	Statuses  map[string]string
	Total     int // items matching, on every page
	Pager     pager
}

// catalogRows is the length of a page of items.
const catalogRows = 100

// catalogPage shows the rates dashboard and the catalogue (/catalog), or the items a
// rate counts (?rate=KEY&part=numerator|denominator).
func (ui *UI) catalogPage(w http.ResponseWriter, r *http.Request) {
	items, err := ui.Catalog.Items(r.Context())
	if err != nil {
		ui.fail(w, r, err)
		return
	}
	v := r.URL.Query()
	d := catalogData{Figures: stats.CatalogFigures(items), Items: items, Q: strings.TrimSpace(v.Get("q")), Statuses: catalog.StatusNames}
	if key := v.Get("rate"); key != "" {
		list, ok := stats.CatalogDrill(items, key, v.Get("part"))
		if !ok {
			ui.fail(w, r, app.NotFound("指标不存在"))
			return
		}
		for _, rt := range d.Figures.Rates {
			if rt.Key == key {
				d.DrillName = rt.Name + map[string]string{"numerator": "（分子）", "denominator": "（分母）"}[v.Get("part")]
			}
		}
		d.Items = list
	}
	if d.Q != "" {
		var hit []catalog.Item
		for _, it := range d.Items {
			if strings.Contains(it.Name, d.Q) || strings.Contains(it.Code, d.Q) || strings.Contains(it.UnitName, d.Q) {
				hit = append(hit, it)
			}
		}
		d.Items = hit
	}
	d.Total = len(d.Items)
	d.Items, d.Pager = pageRows(d.Items, "/catalog", v, catalogRows)
	ui.render(w, r, http.StatusOK, "catalog", page{Title: "事项目录", Breadcrumbs: []crumb{{"工作台", "/"}, {"事项目录", ""}}, Data: d})
}

type itemData struct {
	Item     catalog.Item
	History  []catalog.ItemVersion
	Statuses map[string]string
}

// itemPage shows one item with every field and its history (/catalog/items/{code}).
func (ui *UI) itemPage(w http.ResponseWriter, r *http.Request) {
	it, hist, err := ui.Catalog.Item(r.Context(), r.PathValue("code"))
	if err != nil {
		ui.fail(w, r, err)
		return
	}
	ui.render(w, r, http.StatusOK, "item", page{Title: it.Name, Breadcrumbs: []crumb{{"事项目录", "/catalog"}, {it.Name, ""}},
		Data: itemData{Item: it, History: hist, Statuses: catalog.StatusNames}})
}

type casesData struct {
	From, To string
	Pager    pager
	List     []catalog.Case
	Figures  stats.Cases
	Channels []string
	NoData   *noData
}

// casesPage lists the cases accepted in a period with their figures (/cases).
func (ui *UI) casesPage(w http.ResponseWriter, r *http.Request) {
	p, from, to, err := ui.listPeriod(r, ui.Catalog.LatestCase)
	if err != nil {
		ui.fail(w, r, err)
		return
	}
	list, err := ui.Catalog.Cases(r.Context(), p.From, p.To)
	if err != nil {
		ui.fail(w, r, err)
		return
	}
	d := casesData{From: from, To: to, List: list, Figures: stats.CaseFigures(list), Channels: catalog.Channels}
	if len(list) == 0 {
		if d.NoData, err = listNoData(r, "/cases", ui.Catalog.LatestCase); err != nil {
			ui.fail(w, r, err)
			return
		}
	}
	d.List, d.Pager = pageRows(d.List, "/cases", r.URL.Query(), 100)
	ui.render(w, r, http.StatusOK, "cases", page{Title: "办件", Breadcrumbs: []crumb{{"工作台", "/"}, {"办件", ""}}, Data: d})
}
