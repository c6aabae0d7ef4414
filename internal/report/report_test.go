package report_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"govdesk/internal/app"
	"govdesk/internal/document/documenttest"
	"govdesk/internal/report"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

func write(t *testing.T, d *report.Doc, format string) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := d.Write(&buf, format); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestMonthly opens the generated monthly brief and finds the hand-counted figures.
func TestMonthly(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		seed(f)
		d := build(t, f, report.Monthly, "2022-09")
		data := write(t, d, report.DOCX)
		text := documenttest.DocxText(t, data)
		for _, want := range []string{
			"测试市12345热线每月简报", "（2022年9月）",
			"一、总体情况", "二、受理量走势", "三、诉求类型", "四、热点区域和问题", "（一）各镇街诉求", "五、承办单位办理情况", "六、超期和督办工单",
			"本月共受理群众诉求6件，上年同期2件，同比增长 200.00%；其中紧急件1件。已办结3件，办结率50.00%；按时答复率100.00%；满意率100.00%",
			"超期2件，督办1件",
			"2022年9月受理6件，上月1件，环比增长 500.00%",
			"受理量居前的镇街依次为乐城街道（3件，50.00%）、城关镇（2件，33.33%）、北乡镇（1件，16.67%）。",
			"反映较集中的问题类别依次为城乡建设（3件，50.00%）",
			"本月受理的工单中超期工单共2件", "本月受理的工单中督办工单共1件",
			"图 1　近12个月受理量走势",
		} {
			if !documenttest.Contains(text, want) {
				t.Errorf("brief lacks %q", want)
			}
		}
		parts := documenttest.Parts(t, data)
		charts := documenttest.Names(parts, "word/charts/chart")
		if len(charts) != 5 { // trend, types, towns, categories, units
			t.Fatalf("charts = %v", charts)
		}
		// The trend chart: the twelve months to September, this year against last.
		v := documenttest.Texts(t, parts["word/charts/chart1.xml"], "v")
		if !documenttest.Contains(v, "10月") || !documenttest.Contains(v, "9月") || !bytes.Contains(parts["word/charts/chart1.xml"], []byte("近12个月受理量走势（2021年10月至2022年9月）")) {
			t.Errorf("trend categories = %v", v)
		}
		// Unit ranking: U001 before U002 (all rates equal; code order).
		unitRow := strings.Join(text, "|")
		if i, j := strings.Index(unitRow, "市住建局"), strings.Index(unitRow, "市水务局"); i < 0 || j < 0 || i > j {
			t.Errorf("unit ranking order wrong")
		}

		book := write(t, d, report.XLSX)
		x, err := excelize.OpenReader(bytes.NewReader(book))
		if err != nil {
			t.Fatal(err)
		}
		defer x.Close()
		if v, _ := x.GetCellValue("主要指标", "B2"); v != "6" {
			t.Errorf("主要指标 B2 = %q", v)
		}
		if v, _ := x.GetCellValue("镇街", "B2"); v != "乐城街道" {
			t.Errorf("镇街 B2 = %q", v)
		}
		if v, _ := x.GetCellValue("镇街", "C2"); v != "3" {
			t.Errorf("镇街 C2 = %q", v)
		}
		if n := len(documenttest.Names(documenttest.Parts(t, book), "xl/charts/chart")); n != 5 {
			t.Errorf("workbook charts = %d", n)
		}
	})
}

// TestDrillLinks checks every linked count in the tables of the monthly brief
// and the annual analysis lists as many orders as it shows.
func TestDrillLinks(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		seed(f)
		monthly, annual := build(t, f, report.Monthly, "2022-09"), build(t, f, report.Annual, "2022")
		orders := &store.Orders{DB: db}
		checked := 0
		for _, b := range append(monthly.Blocks, annual.Blocks...) {
			if b.Table == nil {
				continue
			}
			for _, r := range b.Table.Rows {
				for _, c := range r {
					// Rates link their numerator; averages the orders averaged.
					if c.Link.Figure == "" || strings.HasSuffix(c.Text, "%") || strings.Contains(c.Text, ".") || c.Num == nil {
						continue
					}
					flt, err := f.reports.Drill(f.Staff, c.Link)
					if err != nil {
						t.Fatalf("%s: %v", c.Link.Figure, err)
					}
					_, n, err := orders.FindOrders(f.System, flt)
					if err != nil || float64(n) != *c.Num {
						t.Errorf("%s: the brief shows %s, the drill-down lists %d (%v)", c.Link.Figure, c.Text, n, err)
					}
					checked++
				}
			}
		}
		if checked < 100 {
			t.Errorf("only %d linked figures checked", checked)
		}
	})
}

func TestAnnual(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		seed(f)
		if err := f.reports.SetRecommendations(f.Staff, "2022", "一、持续开展路灯专项整治。\n二、加强夜间施工监管。"); err != nil {
			t.Fatal(err)
		}
		if err := f.reports.SetRecommendations(f.Leader, "2022", "x"); app.ErrorCode(err) != app.EForbidden {
			t.Errorf("a leader reads but does not write: %v", err)
		}
		d := build(t, f, report.Annual, "2022")
		text := documenttest.DocxText(t, write(t, d, report.DOCX))
		for _, want := range []string{"测试市12345热线年度研判报告", "一、全年总体情况", "二、逐月情况", "三、诉求类型同比变化", "四、反复出现的问题",
			"五、承办单位履职情况", "六、意见建议", "全年共受理群众诉求7件，上年同期2件，同比增长 250.00%",
			"一、持续开展路灯专项整治。", "二、加强夜间施工监管。", "图 1　各月受理量与上年同期对比"} {
			if !documenttest.Contains(text, want) {
				t.Errorf("annual lacks %q", want)
			}
		}
		// Month rows: September 6 against 2, August 1 against 0.
		if !containsSeq(text, "9月", "6", "2", "200.00%") || !containsSeq(text, "8月", "1", "0", "—") {
			t.Errorf("month table wrong: %q", text)
		}
		// Regenerating keeps the recommendations.
		again := build(t, f, report.Annual, "2022")
		if !documenttest.Contains(documenttest.DocxText(t, write(t, again, report.DOCX)), "二、加强夜间施工监管。") {
			t.Error("recommendations lost on regeneration")
		}
	})
}

// containsSeq reports whether the items follow one another in lines.
func containsSeq(lines []string, seq ...string) bool {
	for i := range lines {
		ok := i+len(seq) <= len(lines)
		for j := 0; ok && j < len(seq); j++ {
			ok = lines[i+j] == seq[j]
		}
		if ok {
			return true
		}
	}
	return false
}

func TestWeekly(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		o := seed(f)
		// Week 39: B C D E. Scores: C 6 (heat 4, urgent 2); B 5.5 (heat 4, repeat 1, overdue .5);
		// D 5.5 (heat 2, supervised 3, overdue .5); E 3 (heat 2, repeat 1). B before D: received earlier.
		cands, stored, err := f.reports.WeeklyCandidates(f.Staff, "2022-W39")
		if err != nil || stored {
			t.Fatal(err, stored)
		}
		var got []string
		for _, c := range cands {
			got = append(got, c.Order.No)
			if !c.Selected {
				t.Errorf("%s not in the automatic pick", c.Order.Title)
			}
		}
		want := []string{o["C"].No, o["B"].No, o["D"].No, o["E"].No}
		if strings.Join(got, ",") != strings.Join(want, ",") {
			t.Fatalf("ranking = %v, want %v (%+v)", got, want, cands)
		}
		if cands[0].Score != 6 || cands[1].Score != 5.5 || strings.Join(cands[1].Reasons, "；") != "热点类别“城乡建设”（本周2件）；重复诉求1次；超期" {
			t.Errorf("scores: %v %v %q", cands[0].Score, cands[1].Score, cands[1].Reasons)
		}
		text := documenttest.DocxText(t, write(t, build(t, f, report.Weekly, "2022-W39"), report.DOCX))
		for _, w := range []string{"测试市12345热线每周典型工单", "（2022年第39周）", "本周共受理群众诉求4件", "（一）自来水停水", "（四）社保缴费查询",
			"入选理由：热点类别“城乡建设”（本周2件）；紧急。"} {
			if !documenttest.Contains(text, w) {
				t.Errorf("weekly lacks %q", w)
			}
		}
		// An editor chooses two orders; the digest follows the choice and order.
		if err := f.reports.SetWeeklySelection(f.Staff, "2022-W39", []string{o["D"].No, o["E"].No}); err != nil {
			t.Fatal(err)
		}
		if err := f.reports.SetWeeklySelection(f.Staff, "2022-W39", []string{o["A"].No}); app.ErrorCode(err) != app.EInvalid {
			t.Errorf("an order of another week: %v", err)
		}
		text = documenttest.DocxText(t, write(t, build(t, f, report.Weekly, "2022-W39"), report.DOCX))
		if !documenttest.Contains(text, "（一）夜间施工噪声") || !documenttest.Contains(text, "（二）社保缴费查询") || documenttest.Contains(text, "（三）") {
			t.Errorf("selection not followed: %q", text)
		}
		if !documenttest.Contains(text, "本周典型工单共 2 件，由热线办从本周工单中选定") {
			t.Error("selection not described")
		}
	})
}

func TestPeriods(t *testing.T) {
	for _, c := range []struct{ kind, arg, first, last string }{
		{report.Weekly, "2022-W39", "2022-09-26", "2022-10-02"},
		{report.Weekly, "2021-W01", "2021-01-04", "2021-01-10"},
		{report.Weekly, "2020-W53", "2020-12-28", "2021-01-03"},
		{report.Monthly, "2022-02", "2022-02-01", "2022-02-28"},
		{report.Annual, "2022", "2022-01-01", "2022-12-31"},
	} {
		p, err := report.Parse(c.kind, c.arg)
		if err != nil || p.First() != c.first || p.Last() != c.last {
			t.Errorf("%s %s = %s..%s %v", c.kind, c.arg, p.First(), p.Last(), err)
		}
	}
	for _, c := range []struct{ kind, arg, msg string }{
		{report.Weekly, "2022-39", "周的格式应为"}, {report.Weekly, "2021-W53", "2021 年没有第 53 周"}, {report.Weekly, "2022-W00", "没有第 0 周"},
		{report.Monthly, "2022-13", "月份应在 01 至 12 之间"}, {report.Monthly, "2022/09", "月份的格式应为"}, {report.Annual, "22", "年份的格式"},
	} {
		_, err := report.Parse(c.kind, c.arg)
		if app.ErrorCode(err) != app.EInvalid || !strings.Contains(app.ErrorMessage(err), c.msg) {
			t.Errorf("%s %s: %v", c.kind, c.arg, err)
		}
	}
	if _, err := report.FormatOf("x.pdf"); app.ErrorCode(err) != app.EInvalid {
		t.Errorf("pdf accepted: %v", err)
	}
}

// TestEmpty builds every brief over a database without orders.
func TestEmpty(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		for _, c := range []struct{ kind, arg, want string }{
			{report.Weekly, "2022-W39", "本周共受理群众诉求0件"}, {report.Monthly, "2022-09", "本月无超期工单。"},
			{report.Annual, "2022", "全年共受理群众诉求0件"},
		} {
			d := build(t, f, c.kind, c.arg)
			for _, format := range []string{report.DOCX, report.XLSX} {
				data := write(t, d, format)
				if format == report.DOCX && !documenttest.Contains(documenttest.DocxText(t, data), c.want) {
					t.Errorf("%s %s lacks %q", c.kind, c.arg, c.want)
				}
			}
		}
	})
}
