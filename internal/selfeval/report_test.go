package selfeval

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"govdesk/internal/app"
	"govdesk/internal/document/documenttest"
)

var sectionHeadings = []string{"一、部门基本情况", "二、自评结论", "三、绩效分析", "四、主要绩效", "五、存在问题", "六、相关建议"}

func TestReportFromLiveData(t *testing.T) {
	y, mods := liveYear(t)
	e := Build(y, mods)
	passages := map[string]string{"duties": "负责行政服务中心的运行与管理。\n负责 12345 热线工单的受理与转办。", "suggestions": "加强绩效管理培训。"}
	var buf bytes.Buffer
	if err := WriteReport(&buf, e, passages, ReportOptions{Filled: "2023年2月2日"}); err != nil {
		t.Fatal(err)
	}
	lines := documenttest.DocxText(t, buf.Bytes())
	for _, h := range sectionHeadings {
		if !documenttest.Contains(lines, h) {
			t.Errorf("heading %s missing", h)
		}
	}
	for _, s := range []string{
		"2022年度部门整体支出绩效自评报告", "部门名称：乐昌市行政服务中心",
		"2022 年年初预算为 3432300.00 元，2021 年年初预算为 2744510.00 元，与上年度相比，增长 25.06%。",
		"决算支出为 3432300.00 元，2021 年决算支出为 2634600.00 元，与上年度相比，增长 30.28%。",
		"核定编制 10 名，现有在编人员 10 名。",
		"2022 年公用经费预算为 186300 元，决算为 186300 元，决算数等于预算数。",
		"2022 年“三公”经费预算为 44000 元，决算为 44000 元，决算数等于预算数。",
		"自评结果为 96.00 分，评价等级为优。",
		"负责 12345 热线工单的受理与转办。", // a person's passage, line by line
		"加强绩效管理培训。",
		"政务服务网上可办率（3.3.1）",
		"热线群众满意率（3.3.3）：缺少实际值（尚未填报），暂计 0 分；分值 4，得 0 分。",
		"政务服务网上可办率（3.3.1）：实际完成值 91.46%；达到 90 得满分，不足按比例计分；分值 4，得 4 分。",
		"手工填报",
	} {
		if !documenttest.Contains(lines, s) {
			t.Errorf("report lacks %q", s)
		}
	}
	if documenttest.Contains(lines, "【草稿】") {
		t.Error("a report without findings is not a draft")
	}
	// 二、自评结论 carries a native chart of each first-level indicator's score against its weight.
	parts := documenttest.Parts(t, buf.Bytes())
	charts := documenttest.Names(parts, "word/charts/chart")
	if len(charts) != 1 {
		t.Fatalf("charts in the report: %v", charts)
	}
	cats := documenttest.Texts(t, parts[charts[0]], "v")
	if !documenttest.Contains(cats, "各一级指标得分与分值") && !documenttest.Contains(documenttest.Texts(t, parts[charts[0]], "t"), "各一级指标得分与分值") {
		t.Errorf("chart title missing: %v", cats)
	}
	want := map[string]float64{}
	for _, row := range e.Rows {
		sc, _ := strconv.ParseFloat(row.Score, 64)
		want[row.Level1] += sc
	}
	for l1, v := range want {
		if !documenttest.Contains(cats, l1) || !documenttest.Contains(cats, strconv.FormatFloat(v, 'f', -1, 64)) {
			t.Errorf("chart lacks %s = %v: %v", l1, v, cats)
		}
	}
	if documenttest.Contains(lines, "针对“") {
		t.Error("the suggestions passage replaces the generated default")
	}
	// Not written by a person: the problems default names the indicator short of full marks.
	if !documenttest.Contains(lines, "热线群众满意率（得 0 分，分值 4）") {
		t.Error("default problems passage")
	}
}

func TestReportBlockedByFindings(t *testing.T) {
	f, err := os.Open("testdata/seed2022.yaml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	in, err := Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	e := FromInput(in)
	var buf bytes.Buffer
	err = WriteReport(&buf, e, nil, ReportOptions{})
	if app.ErrorCode(err) != app.EInvalid || buf.Len() != 0 {
		t.Fatalf("seed report should be refused, got %v (%d bytes)", err, buf.Len())
	}
	msg := app.ErrorMessage(err)
	for _, s := range []string{"7 个未处理的问题", "[unit_mismatch]", "[target_claim_false]", "碎纸机"} {
		if !strings.Contains(msg, s) {
			t.Errorf("refusal lacks %q: %s", s, msg)
		}
	}
	if err := WriteReport(&buf, e, nil, ReportOptions{Draft: true}); err != nil {
		t.Fatal(err)
	}
	lines := documenttest.DocxText(t, buf.Bytes())
	for _, s := range append(sectionHeadings, "【草稿】尚有 7 个未处理的问题，不得报送", "附：未处理的问题（草稿）", "自评结果为 100.00 分", "年初预算增长率：25.06%",
		"（二）预算执行", "3. 资产管理", "资产配置合规性（2.3.1）：分值 2，得 2 分。发现问题：碎纸机数量超过人员编制 5%。佐证：自评报告三（二）3（1）。") {
		if !documenttest.Contains(lines, s) {
			t.Errorf("draft lacks %q", s)
		}
	}
	// Accepting each finding with a reason lets the report through.
	for _, f := range e.Findings {
		e.Accepted[f.Key()] = Acceptance{Code: f.Code, Figure: f.Figure, Message: f.Message, Reason: "原文如此，已说明", By: "leader"}
	}
	buf.Reset()
	if err := WriteReport(&buf, e, nil, ReportOptions{}); err != nil {
		t.Fatal(err)
	}
	if lines := documenttest.DocxText(t, buf.Bytes()); !documenttest.Contains(lines, "已说明理由：原文如此，已说明（leader）") {
		t.Error("accepted findings are listed under 五、存在问题 with their reasons")
	}
}

func TestTableWorkbook(t *testing.T) {
	y, mods := liveYear(t)
	e := Build(y, mods)
	var buf bytes.Buffer
	if err := WriteTable(&buf, e); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("自评表")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[0], "|") != strings.Join(TableHeader, "|") {
		t.Fatalf("header %v", rows[0])
	}
	if len(rows) != len(DefaultTable)+2 {
		t.Fatalf("%d rows, want %d indicators + header + total", len(rows), len(DefaultTable))
	}
	last := rows[len(rows)-1]
	if last[0] != "合计" || last[6] != "96" || last[7] != "评价等级：优" {
		t.Fatalf("total row %v", last)
	}
	var hot []string
	for _, r := range rows {
		if len(r) > 2 && r[2] == "热线群众满意率" {
			hot = r
		}
	}
	if hot == nil || hot[3] != "4" || hot[4] != "≥ 90%" || hot[6] != "0" || !strings.Contains(hot[7], "尚未填报") {
		t.Fatalf("热线群众满意率 row %v", hot)
	}
	src, _ := f.GetRows("数据来源")
	found := false
	for _, r := range src {
		if len(r) > 2 && r[0] == "政务服务网上可办率" && r[1] == "91.46%" && r[2] == ModuleCatalog {
			found = true
		}
	}
	if !found {
		t.Fatalf("sources sheet lacks the online rate: %v", src)
	}
}

// TestReportOpensInLibreOffice converts the report and the table with LibreOffice (required in CI).
func TestReportOpensInLibreOffice(t *testing.T) {
	documenttest.RequireOffice(t)
	y, mods := liveYear(t)
	e := Build(y, mods)
	dir := t.TempDir()
	var doc, book bytes.Buffer
	if err := WriteReport(&doc, e, nil, ReportOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := WriteTable(&book, e); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	for name, data := range map[string][]byte{"report.docx": doc.Bytes(), "table.xlsx": book.Bytes()} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		pdf, err := documenttest.ConvertPDF(ctx, p, dir)
		if err != nil {
			t.Fatal(err)
		}
		text, err := documenttest.PDFText(pdf)
		if err != nil {
			t.Fatal(err)
		}
		want := "自评结论"
		if name == "table.xlsx" {
			want = "偏差原因及改进措施"
		}
		if !strings.Contains(strings.ReplaceAll(text, " ", ""), want) {
			t.Errorf("%s as PDF lacks %q", name, want)
		}
	}
}
