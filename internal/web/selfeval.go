package web

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/httpx"
	"govdesk/internal/selfeval"
)

type findingView struct {
	selfeval.Finding
	Name     string // the code's Chinese name
	Accepted *selfeval.Acceptance
}

type amountField struct{ Key, Name, Value string }

type selfevalData struct {
	Year        int
	Version     int
	Unit        string
	Amounts     []amountField
	Authorized  string
	Staff       string
	Previous    []amountField
	Projects    string
	E           *selfeval.Evaluation
	Y           *selfeval.YearData
	Findings    []findingView
	Open        int
	Passages    []passageView
	Targets     []targetView
	Metrics     []selfeval.Metric
	Comparators []string
	NoData      *noData // the year has no inputs yet: no score to show, no report to download
}

// targetView is a target row with its stored id and its outcome as plain fields.
type targetView struct {
	selfeval.TargetRow
	ID          int64
	Known, Done bool
}

type bandView struct{ Name, Label string }

type passageView struct{ Key, Name, Body string }

func yearParam(s string) (int, error) {
	y, err := strconv.Atoi(s)
	if err != nil || y < 2000 || y > 2100 {
		return 0, app.Invalid("年度 %q 无效", s)
	}
	return y, nil
}

func numText(n *selfeval.Num) string {
	if n == nil {
		return ""
	}
	return n.Text
}

func intText(p *int) string {
	if p == nil {
		return ""
	}
	return strconv.Itoa(*p)
}

// latestSelfeval is the start of the latest year before `before` whose self-evaluation
// has inputs (a latestFunc).
func (ui *UI) latestSelfeval(ctx context.Context, before time.Time) (time.Time, bool, error) {
	years, err := ui.SelfEval.Years(ctx)
	if err != nil {
		return time.Time{}, false, err
	}
	for i := len(years) - 1; i >= 0; i-- {
		if jan1 := time.Date(years[i], 1, 1, 0, 0, 0, 0, app.Shanghai); jan1.Before(before) {
			return jan1, true, nil
		}
	}
	return time.Time{}, false, nil
}

// selfevalPage shows a year's self-evaluation: ?year=, else the year the page opens on
// (this year when it has inputs, else the latest year that has).
func (ui *UI) selfevalPage(w http.ResponseWriter, r *http.Request) {
	var year int
	var err error
	if v := r.URL.Query().Get("year"); v != "" {
		year, err = yearParam(v)
	} else {
		year, err = ui.yearOf(r, ui.latestSelfeval)
	}
	if err != nil {
		ui.fail(w, r, err)
		return
	}
	e, y, err := ui.SelfEval.Evaluation(r.Context(), year)
	if err != nil {
		ui.fail(w, r, err)
		return
	}
	var none *noData
	if y.Version == 0 {
		if none, err = latestPeriod(r.Context(), spanYear, ui.latestSelfeval, yearName, func(from time.Time) string {
			return fmt.Sprintf("/selfeval?year=%d", from.Year())
		}); err != nil {
			ui.fail(w, r, err)
			return
		}
	}
	d := selfevalData{NoData: none, Year: year, Version: y.Version, Unit: y.Budget.Unit, E: e, Y: y, Projects: strings.Join(y.Projects, "\n"),
		Authorized: intText(y.Budget.Authorized), Staff: intText(y.Budget.Staff), Metrics: selfeval.Metrics, Comparators: selfeval.Comparators}
	for _, a := range y.Budget.Amounts() {
		d.Amounts = append(d.Amounts, amountField{a.Key, a.Name, numText(*a.Value)})
	}
	for _, a := range y.Previous.Amounts() {
		d.Previous = append(d.Previous, amountField{a.Key, a.Name, numText(*a.Value)})
	}
	for i, t := range e.Targets {
		v := targetView{TargetRow: t, ID: y.Targets[i].ID, Known: t.Met != nil}
		v.Done = v.Known && *t.Met
		d.Targets = append(d.Targets, v)
	}
	for _, f := range e.Findings {
		fv := findingView{Finding: f, Name: selfeval.CodeName(f.Code)}
		if a, ok := e.AcceptanceOf(f); ok {
			fv.Accepted = &a
		} else {
			d.Open++
		}
		d.Findings = append(d.Findings, fv)
	}
	texts, err := ui.SelfEval.PassageTexts(r.Context(), year)
	if err != nil {
		ui.fail(w, r, err)
		return
	}
	for _, p := range selfeval.Passages {
		d.Passages = append(d.Passages, passageView{p.Key, p.Name, texts[p.Key]})
	}
	ui.render(w, r, http.StatusOK, "selfeval", page{Title: fmt.Sprintf("%d 年度绩效自评", year),
		Breadcrumbs: []crumb{{"工作台", "/"}, {"绩效自评", ""}}, Data: d})
}

// selfevalForm reads a POST form with the year and the version it was made on.
func (ui *UI) selfevalForm(w http.ResponseWriter, r *http.Request) (f url.Values, year, version int, back string, ok bool) {
	f, ok = ui.postForm(w, r)
	if !ok {
		return
	}
	year, err := yearParam(r.PathValue("year"))
	if err != nil {
		ui.fail(w, r, err)
		return f, 0, 0, "", false
	}
	version, _ = strconv.Atoi(f.Get("version"))
	return f, year, version, fmt.Sprintf("/selfeval?year=%d", year), true
}

// formNum reads an optional decimal field; a bad one is a Chinese error naming the field.
func formNum(f url.Values, key, name string, probs *[]string) *selfeval.Num {
	v := strings.TrimSpace(f.Get(key))
	if v == "" {
		return nil
	}
	if key != "score" && key != "value" {
		if n, ok := selfeval.ParseAmount(v); ok {
			return &n
		}
	} else if n, err := selfeval.ParseNum(v); err == nil {
		return &n
	}
	*probs = append(*probs, fmt.Sprintf("%s应为数字，实为“%s”", name, v))
	return nil
}

func formInt(f url.Values, key, name string, probs *[]string) *int {
	v := strings.TrimSpace(f.Get(key))
	if v == "" {
		return nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		*probs = append(*probs, fmt.Sprintf("%s应为不小于 0 的整数，实为“%s”", name, v))
		return nil
	}
	return &n
}

func (ui *UI) selfevalBudget(w http.ResponseWriter, r *http.Request) {
	f, year, version, back, ok := ui.selfevalForm(w, r)
	if !ok {
		return
	}
	b := selfeval.Budget{Year: year, Unit: strings.TrimSpace(f.Get("unit"))}
	var probs []string
	for _, a := range b.Amounts() {
		*a.Value = formNum(f, a.Key, a.Name, &probs)
	}
	b.Authorized = formInt(f, "authorized", "编制数", &probs)
	b.Staff = formInt(f, "staff", "实有人数", &probs)
	if len(probs) > 0 {
		ui.redirectWith(w, r, back, "error", "预算未保存："+strings.Join(probs, "；"))
		return
	}
	_, err := ui.SelfEval.SaveBudget(r.Context(), b, version)
	ui.done(w, r, back, fmt.Sprintf("%d 年度预算、决算与编制已保存", year), err)
}

func (ui *UI) selfevalProjects(w http.ResponseWriter, r *http.Request) {
	f, year, version, back, ok := ui.selfevalForm(w, r)
	if !ok {
		return
	}
	var names []string
	for _, l := range strings.Split(f.Get("projects"), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			names = append(names, l)
		}
	}
	_, err := ui.SelfEval.SetProjects(r.Context(), year, names, version)
	ui.done(w, r, back, fmt.Sprintf("已保存 %d 个项目", len(names)), err)
}

func (ui *UI) selfevalTarget(w http.ResponseWriter, r *http.Request) {
	f, year, version, back, ok := ui.selfevalForm(w, r)
	if !ok {
		return
	}
	var probs []string
	t := selfeval.PerfTarget{Year: year, Project: strings.TrimSpace(f.Get("project")), Name: strings.TrimSpace(f.Get("name")),
		Comparator: f.Get("comparator"), Unit: strings.TrimSpace(f.Get("unit")), Metric: f.Get("metric")}
	if n := formNum(f, "value", "目标值", &probs); n != nil {
		t.Target = *n
	}
	t.Actual = formNum(f, "score", "实际值", &probs)
	switch f.Get("achieved") {
	case "yes", "no":
		b := f.Get("achieved") == "yes"
		t.Achieved = &b
	}
	if len(probs) > 0 {
		ui.redirectWith(w, r, back, "error", "绩效目标未保存："+strings.Join(probs, "；"))
		return
	}
	_, err := ui.SelfEval.SaveTarget(r.Context(), t, version)
	ui.done(w, r, back, "绩效目标“"+t.Name+"”已保存", err)
}

func (ui *UI) selfevalDeleteTarget(w http.ResponseWriter, r *http.Request) {
	_, year, version, back, ok := ui.selfevalForm(w, r)
	if !ok {
		return
	}
	id, err := httpx.PathID(r, "id", "绩效目标")
	if err != nil {
		ui.fail(w, r, err)
		return
	}
	_, err = ui.SelfEval.DeleteTarget(r.Context(), year, id, version)
	ui.done(w, r, back, "绩效目标已删除", err)
}

type indicatorData struct {
	Year    int
	Version int
	Table   selfeval.TableRow
	Row     selfeval.Row
	Entry   selfeval.Entry
	Rule    string
	Bands   []bandView
	Value   string
	Score   string
}

func (ui *UI) selfevalIndicatorPage(w http.ResponseWriter, r *http.Request) {
	year, err := yearParam(r.PathValue("year"))
	if err != nil {
		ui.fail(w, r, err)
		return
	}
	e, y, err := ui.SelfEval.Evaluation(r.Context(), year)
	if err != nil {
		ui.fail(w, r, err)
		return
	}
	code := r.PathValue("code")
	d := indicatorData{Year: year, Version: y.Version, Entry: y.Entries[code]}
	found := false
	for i, t := range y.Table {
		if t.Code == code {
			d.Table, d.Row, found = t, e.Rows[i], true
		}
	}
	if !found {
		ui.fail(w, r, app.NotFound("指标 %s 不在指标表中", code))
		return
	}
	d.Rule = selfeval.RuleNames[d.Table.Rule]
	for _, b := range selfeval.QualitativeBands {
		d.Bands = append(d.Bands, bandView{b.Name, fmt.Sprintf("%s（%g–%g 分）", b.Name, b.Low*d.Table.Weight, b.High*d.Table.Weight)})
	}
	d.Value, d.Score = numText(d.Entry.Value), numText(d.Entry.Score)
	ui.render(w, r, http.StatusOK, "selfeval_indicator", page{Title: "指标评分：" + d.Table.Level3,
		Breadcrumbs: []crumb{{"工作台", "/"}, {"绩效自评", fmt.Sprintf("/selfeval?year=%d", year)}, {d.Table.Level3, ""}}, Data: d})
}

func (ui *UI) selfevalIndicator(w http.ResponseWriter, r *http.Request) {
	f, year, version, back, ok := ui.selfevalForm(w, r)
	if !ok {
		return
	}
	code := r.PathValue("code")
	page := fmt.Sprintf("/selfeval/%d/indicators/%s", year, url.PathEscape(code))
	var probs []string
	e := selfeval.Entry{Code: code, Band: f.Get("band"), Evidence: strings.TrimSpace(f.Get("evidence"))}
	e.Value = formNum(f, "value", "数值", &probs)
	e.Score = formNum(f, "score", "得分", &probs)
	for _, l := range strings.Split(f.Get("findings"), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			e.Findings = append(e.Findings, l)
		}
	}
	if len(probs) > 0 {
		ui.redirectWith(w, r, page, "error", "评分未保存："+strings.Join(probs, "；"))
		return
	}
	if _, err := ui.SelfEval.SaveEntry(r.Context(), year, e, version); err != nil {
		ui.done(w, r, page, "", err)
		return
	}
	ui.redirectWith(w, r, back+"#indicators", "ok", "指标 "+code+" 的评分已保存")
}

func (ui *UI) selfevalAccept(w http.ResponseWriter, r *http.Request) {
	f, year, _, back, ok := ui.selfevalForm(w, r)
	if !ok {
		return
	}
	err := ui.SelfEval.AcceptAs(r.Context(), year, f.Get("code"), f.Get("figure"), f.Get("reason"))
	ui.done(w, r, back+"#findings", "已说明理由并接受问题："+f.Get("figure"), err)
}

func (ui *UI) selfevalPassages(w http.ResponseWriter, r *http.Request) {
	f, year, _, back, ok := ui.selfevalForm(w, r)
	if !ok {
		return
	}
	for _, p := range selfeval.Passages {
		if _, sent := f["passage_"+p.Key]; !sent {
			continue
		}
		if err := ui.SelfEval.SetPassage(r.Context(), year, p.Key, f.Get("passage_"+p.Key)); err != nil {
			ui.done(w, r, back, "", err)
			return
		}
	}
	ui.redirectWith(w, r, back+"#passages", "ok", "报告段落已保存，重新生成报告时保留")
}

func (ui *UI) selfevalDownload(w http.ResponseWriter, r *http.Request, ext, mime string) {
	year, err := yearParam(r.PathValue("year"))
	if err != nil {
		ui.fail(w, r, err)
		return
	}
	var buf bytes.Buffer
	opt := selfeval.ReportOptions{Draft: r.URL.Query().Get("draft") == "1", Filled: ui.now().In(app.Shanghai).Format("2006年1月2日")}
	name := fmt.Sprintf("%d年度部门整体支出绩效自评报告", year)
	if ext == "docx" {
		_, err = ui.SelfEval.Report(r.Context(), year, &buf, nil, opt)
	} else {
		name = fmt.Sprintf("%d年度部门整体支出绩效自评表", year)
		_, err = ui.SelfEval.Report(r.Context(), year, nil, &buf, opt)
	}
	if err != nil {
		ui.done(w, r, fmt.Sprintf("/selfeval?year=%d#generate", year), "", err)
		return
	}
	if opt.Draft {
		name += "（草稿）"
	}
	w.Header().Set("Content-Type", mime)
	w.Header().Set("Content-Disposition", "attachment; filename*=UTF-8''"+url.PathEscape(name+"."+ext))
	w.Write(buf.Bytes())
}

func (ui *UI) selfevalReport(w http.ResponseWriter, r *http.Request) {
	ui.selfevalDownload(w, r, "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
}

func (ui *UI) selfevalTable(w http.ResponseWriter, r *http.Request) {
	ui.selfevalDownload(w, r, "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
}
