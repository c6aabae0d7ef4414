package web

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/report"
	"govdesk/internal/stats"
	"govdesk/internal/workorder"
)

type reportIndexData struct{ Week, Month, Year string }

// reportSpans are the period lengths of the briefs.
var reportSpans = map[string]span{report.Weekly: spanWeek, report.Monthly: spanMonth, report.Annual: spanYear}

// reportArg names the period starting at from as a kind of brief takes it: 2022-W39, 2022-09, 2022.
func reportArg(kind string, from time.Time) string {
	from = from.In(app.Shanghai)
	switch kind {
	case report.Weekly:
		y, wk := from.ISOWeek()
		return fmt.Sprintf("%d-W%02d", y, wk)
	case report.Monthly:
		return from.Format("2006-01")
	}
	return strconv.Itoa(from.Year())
}

// reportIndex offers the three briefs, each on the period it opens on: the last
// complete week, month and year when it has orders, else the latest one that has.
func (ui *UI) reportIndex(w http.ResponseWriter, r *http.Request) {
	var d reportIndexData
	for _, k := range []struct {
		kind string
		arg  *string
	}{{report.Weekly, &d.Week}, {report.Monthly, &d.Month}, {report.Annual, &d.Year}} {
		s := reportSpans[k.kind]
		last := s.start(s.start(ui.now()).Add(-time.Nanosecond)) // the last complete period
		from, err := openPeriod(r.Context(), s, last, ui.latestOrder)
		if err != nil {
			ui.fail(w, r, err)
			return
		}
		*k.arg = reportArg(k.kind, from)
	}
	ui.render(w, r, http.StatusOK, "reports", page{Title: "简报研判", Breadcrumbs: []crumb{{"工作台", "/"}, {"简报研判", ""}}, Data: d})
}

// reportParam is the query parameter naming each kind's period.
var reportParam = map[string]string{report.Weekly: "week", report.Monthly: "month", report.Annual: "year"}

// reportPick sends the index's forms (?week=…, ?month=…, ?year=…) to the brief's page.
func (ui *UI) reportPick(w http.ResponseWriter, r *http.Request) {
	kind := r.PathValue("kind")
	param, ok := reportParam[kind]
	if !ok {
		ui.fail(w, r, app.NotFound("没有这种报告"))
		return
	}
	arg := r.URL.Query().Get(param)
	if _, err := report.Parse(kind, arg); err != nil {
		ui.redirectWith(w, r, "/reports", "error", app.ErrorMessage(err))
		return
	}
	http.Redirect(w, r, "/reports/"+kind+"/"+url.PathEscape(arg), http.StatusSeeOther)
}

// reportPage shows a brief with every figure linked to its orders.
func (ui *UI) reportPage(w http.ResponseWriter, r *http.Request) {
	kind, arg := r.PathValue("kind"), r.PathValue("arg")
	if _, ok := reportParam[kind]; !ok {
		ui.fail(w, r, app.NotFound("没有这种报告"))
		return
	}
	d, err := ui.Reports.Build(r.Context(), kind, arg)
	if err != nil {
		ui.fail(w, r, err)
		return
	}
	a, _ := actor(r)
	v := newReportView(d)
	v.CanEdit = a.Is(report.Editors...)
	if n, err := ui.countOrders(r.Context(), workorder.Filter{From: d.Period.From, To: d.Period.To}); err != nil || n == 0 {
		if err == nil {
			v.NoData, err = latestPeriod(r.Context(), reportSpans[kind], ui.latestOrder, func(from time.Time) string {
				return report.Label(kind, stats.Period{From: from})
			}, func(from time.Time) string { return "/reports/" + kind + "/" + reportArg(kind, from) })
		}
		if err != nil {
			ui.fail(w, r, err)
			return
		}
	}
	if kind == report.Weekly {
		cands, stored, err := ui.Reports.WeeklyCandidates(r.Context(), arg)
		if err != nil {
			ui.fail(w, r, err)
			return
		}
		v.Stored = stored
		for i, c := range cands {
			if i < 30 || c.Selected {
				v.Candidates = append(v.Candidates, c)
			}
		}
		v.CandidateTotal = len(cands)
	}
	ui.render(w, r, http.StatusOK, "report", page{Title: d.Label + report.KindNames[kind],
		Breadcrumbs: []crumb{{"简报研判", "/reports"}, {d.Label + report.KindNames[kind], ""}}, Data: v})
}

// reportDownload writes the brief as .docx or .xlsx.
func (ui *UI) reportDownload(w http.ResponseWriter, r *http.Request) {
	kind, arg, format := r.PathValue("kind"), r.PathValue("arg"), "."+r.PathValue("format")
	if _, ok := reportParam[kind]; !ok || (format != report.DOCX && format != report.XLSX) {
		ui.fail(w, r, app.NotFound("没有这种报告或文件格式"))
		return
	}
	d, err := ui.Reports.Build(r.Context(), kind, arg)
	if err != nil {
		ui.fail(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := d.Write(&buf, format); err != nil {
		ui.fail(w, r, err)
		return
	}
	mime := "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	if format == report.XLSX {
		mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	}
	w.Header().Set("Content-Type", mime)
	w.Header().Set("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape(d.FileName(format)))
	w.Write(buf.Bytes())
}

// reportSelection saves the orders chosen for a week's digest.
func (ui *UI) reportSelection(w http.ResponseWriter, r *http.Request) {
	f, ok := ui.postForm(w, r)
	if !ok {
		return
	}
	week := r.PathValue("arg")
	back := "/reports/weekly/" + url.PathEscape(week)
	nos := f["order"]
	if f.Get("auto") == "1" {
		nos = nil
	}
	err := ui.Reports.SetWeeklySelection(r.Context(), week, nos)
	msg := fmt.Sprintf("已保存本周典型工单（%d 件），下载的周报按此生成", len(nos))
	if len(nos) == 0 {
		msg = "已恢复为系统自动选出的典型工单"
	}
	ui.done(w, r, back+"#selection", msg, err)
}

// reportRecommendations saves an annual analysis's 意见建议.
func (ui *UI) reportRecommendations(w http.ResponseWriter, r *http.Request) {
	f, ok := ui.postForm(w, r)
	if !ok {
		return
	}
	year := r.PathValue("arg")
	err := ui.Reports.SetRecommendations(r.Context(), year, f.Get("body"))
	ui.done(w, r, "/reports/annual/"+url.PathEscape(year)+"#recommendations", "意见建议已保存，重新生成报告时保留", err)
}

// reportView is what the brief's page shows.
type reportView struct {
	Doc            *report.Doc
	Blocks         []blockView
	DocxURL        string
	XlsxURL        string
	CanEdit        bool
	NoData         *noData            // no order was received in the period
	Candidates     []report.Candidate // weekly: the best ranked and the chosen
	CandidateTotal int
	Stored         bool
}

type blockView struct {
	Heading int
	Text    string
	Spans   []spanView
	Table   *tableView
	Chart   template.HTML
	Passage string
	Hint    string
}

type spanView struct {
	Text, Href string
	Num        bool // a figure: right-aligned in tables
}

type tableView struct {
	Name   string
	Header []string
	Rows   [][]spanView
	Note   string
}

// reportHref is the order list of a figure: /orders?from=…&to=…&figure=….
func reportHref(l report.Link) string {
	if l.Figure == "" {
		return ""
	}
	v := url.Values{"from": {l.Period.First()}, "to": {l.Period.Last()}, "figure": {l.Figure}}
	return "/orders?" + v.Encode()
}

func newReportView(d *report.Doc) *reportView {
	base := "/reports/" + d.Kind + "/" + url.PathEscape(d.Arg) + "/download/"
	v := &reportView{Doc: d, DocxURL: base + "docx", XlsxURL: base + "xlsx"}
	for _, b := range d.Blocks {
		bv := blockView{Heading: b.Heading, Text: b.Text, Passage: b.Passage, Hint: b.Hint}
		for _, s := range b.Spans {
			bv.Spans = append(bv.Spans, spanView{Text: s.Text, Href: reportHref(s.Link)})
		}
		if t := b.Table; t != nil {
			tv := &tableView{Name: t.Name, Header: t.Header, Note: t.Note}
			for _, r := range t.Rows {
				row := make([]spanView, len(r))
				for j, c := range r {
					row[j] = spanView{Text: c.Text, Href: reportHref(c.Link), Num: c.Num != nil}
					if c.Order != 0 {
						row[j].Href = "/orders/" + strconv.FormatInt(c.Order, 10)
					}
				}
				tv.Rows = append(tv.Rows, row)
			}
			bv.Table = tv
		}
		if b.Chart != nil {
			bv.Chart = chartSVG(*b.Chart, reportHref)
		}
		v.Blocks = append(v.Blocks, bv)
	}
	return v
}

// splitLines splits a passage into its non-empty lines (paragraphs).
func splitLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}
