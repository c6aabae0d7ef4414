package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/knowledge"
	"govdesk/internal/stats"
)

type kbExpiringRow struct {
	knowledge.Article
	Past     bool
	DaysLeft int
}

type kbExpiringData struct {
	Days    int
	Unit    string
	Rows    []kbExpiringRow
	Past    int
	Units   []kbUnitOption
	AnyUnit bool // the hotline office and leaders choose the unit
	CanEdit bool // editors get a link to update each article
}

type kbUnitOption struct{ Code, Name string }

// kbExpiring lists the published articles past or near their review-by date.
func (ui *UI) kbExpiring(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	d := kbExpiringData{Days: 30, Unit: strings.TrimSpace(q.Get("unit"))}
	var msg string
	if s := strings.TrimSpace(q.Get("days")); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 || n > 366 {
			msg = "提前天数应为 0 到 366 之间的整数，已按 30 天显示"
		} else {
			d.Days = n
		}
	}
	act, _ := actor(r)
	d.AnyUnit = !act.Is(app.RoleUnitAdmin)
	var unitID int64
	if d.AnyUnit {
		units, err := ui.Accounts.Units(r.Context())
		if err != nil {
			ui.fail(w, r, err)
			return
		}
		for _, u := range units {
			d.Units = append(d.Units, kbUnitOption{u.Code, u.Name})
			if u.Code == d.Unit {
				unitID = u.ID
			}
		}
		if d.Unit != "" && unitID == 0 {
			msg, d.Unit = "单位 "+d.Unit+" 不存在，已显示全部单位", ""
		}
	}
	list, err := ui.Knowledge.ReviewSoon(r.Context(), unitID, d.Days)
	if err != nil {
		ui.fail(w, r, err)
		return
	}
	now := ui.now()
	y, m, dd := now.In(app.Shanghai).Date()
	d.CanEdit = act.Is(knowledge.Editors...)
	for _, a := range list {
		ry, rm, rd := a.ReviewBy.In(app.Shanghai).Date()
		days := int(time.Date(ry, rm, rd, 0, 0, 0, 0, time.UTC).Sub(time.Date(y, m, dd, 0, 0, 0, 0, time.UTC)).Hours() / 24)
		row := kbExpiringRow{Article: a, Past: a.ReviewBy.Before(now), DaysLeft: days}
		if row.Past {
			d.Past++
		}
		d.Rows = append(d.Rows, row)
	}
	status := http.StatusOK
	if msg != "" {
		status = http.StatusBadRequest
	}
	ui.render(w, r, status, "kb_expiring", page{Title: "待复核知识库文章", Error: msg,
		Breadcrumbs: []crumb{{"工作台", "/"}, {"知识库", "/kb"}, {"待复核文章", ""}}, Data: d})
}

type kbFirstCallData struct {
	From, To   string
	Threshold  float64
	Units      []knowledge.FirstCallRate
	Categories []knowledge.CategoryRate
	Unit       string // the unit whose categories are shown; "" all
	UnitName   string
	PrevYear   string // link to the previous calendar year
	NoData     *noData
}

// ordersLink is the order list of the 咨询 a figure counts (fc: "1" resolved at intake, "0" not, "" all).
func (d kbFirstCallData) OrdersLink(category, fc string) string {
	v := url.Values{"type": {"咨询"}, "from": {d.From}, "to": {d.To}}
	if category != "" {
		v.Set("category", category)
	}
	if fc != "" {
		v.Set("fc", fc)
	}
	return "/orders?" + v.Encode()
}

// UnitLink is the dashboard narrowed to one unit's categories.
func (d kbFirstCallData) UnitLink(code string) string {
	v := url.Values{"from": {d.From}, "to": {d.To}, "unit": {code}, "threshold": {strconv.FormatFloat(d.Threshold, 'f', -1, 64)}}
	return "/kb/first-call?" + v.Encode() + "#categories"
}

// kbFirstCall is the first-call resolution dashboard: per unit (flagged under the
// threshold, with their most-asked unanswered topics) and per category.
func (ui *UI) kbFirstCall(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	now := ui.now().In(app.Shanghai)
	d := kbFirstCallData{From: strings.TrimSpace(q.Get("from")), To: strings.TrimSpace(q.Get("to")),
		Threshold: knowledge.DefaultFirstCallThreshold, Unit: strings.TrimSpace(q.Get("unit"))}
	var err error
	if d.From, d.To, err = ui.defaultRange(r.Context(), d.From, d.To, ui.latestOrder); err != nil {
		ui.fail(w, r, err)
		return
	}
	var msg string
	if s := strings.TrimSpace(q.Get("threshold")); s != "" {
		t, err := strconv.ParseFloat(s, 64)
		if err != nil || t < 0 || t > 100 {
			msg = "达标线应为 0 到 100 之间的百分数，已按 70% 计算"
		} else {
			d.Threshold = t
		}
	}
	p, err := stats.DatePeriod(d.From, d.To)
	if err != nil {
		msg = app.ErrorMessage(err) + "，已显示今年的数据"
		d.From, d.To = now.Format("2006")+"-01-01", now.Format(app.DateLayout)
		p, _ = stats.DatePeriod(d.From, d.To)
	}
	y := p.From.In(app.Shanghai).Year() - 1
	d.PrevYear = "/kb/first-call?from=" + strconv.Itoa(y) + "-01-01&to=" + strconv.Itoa(y) + "-12-31"
	if d.Units, err = ui.Knowledge.FirstCall(r.Context(), p.From, p.To, d.Threshold); err != nil {
		ui.fail(w, r, err)
		return
	}
	if d.Categories, err = ui.Knowledge.FirstCallByCategory(r.Context(), p.From, p.To, d.Unit, d.Threshold); err != nil {
		ui.fail(w, r, err)
		return
	}
	for _, u := range d.Units {
		if u.UnitCode == d.Unit {
			d.UnitName = u.UnitName
		}
	}
	if len(d.Units) == 0 {
		if d.NoData, err = listNoData(r, "/kb/first-call", ui.latestOrder); err != nil {
			ui.fail(w, r, err)
			return
		}
	}
	status := http.StatusOK
	if msg != "" {
		status = http.StatusBadRequest
	}
	ui.render(w, r, status, "kb_firstcall", page{Title: "一次性解答率", Error: msg,
		Breadcrumbs: []crumb{{"工作台", "/"}, {"一次性解答率", ""}}, Data: d})
}

// Pct shows a percentage with at most two decimals.
func (kbFirstCallData) Pct(p *float64) string {
	if p == nil {
		return "—"
	}
	return strconv.FormatFloat(*p, 'f', -1, 64) + "%"
}
