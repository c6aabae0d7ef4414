package document_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"govdesk/internal/document"
	"govdesk/internal/document/documenttest"
)

func sampleDoc(t *testing.T) []byte {
	t.Helper()
	d := document.NewDoc()
	d.Title("2022年9月12345热线每月简报")
	d.Subtitle("市12345政务服务便民热线办公室　2022年10月8日")
	d.Heading(1, "一、总体情况")
	d.Para("本月共受理诉求 1234 件，环比增长 5.6%。<特殊&字符>")
	d.Heading(2, "（一）按类型")
	d.Table(document.Table{Header: []string{"类型", "件数", "占比"}, Rows: [][]string{{"投诉", "600", "48.6%"}, {"咨询", "634", "51.4%"}}, Widths: []int{3, 1, 1}})
	if err := d.Chart(document.Chart{Kind: document.Bar, Title: "各类型件数", Categories: []string{"投诉", "咨询"}, Series: []document.Series{{Name: "件数", Values: []float64{600, 634}}}, Unit: "件"}); err != nil {
		t.Fatal(err)
	}
	if err := d.Chart(document.Chart{Kind: document.Line, Title: "月度趋势", Categories: []string{"7月", "8月", "9月"}, Series: []document.Series{{Name: "2022年", Values: []float64{1, 2, 3}}, {Name: "2021年", Values: []float64{2, 2, 2.5}}}}); err != nil {
		t.Fatal(err)
	}
	if err := d.Chart(document.Chart{Kind: document.Pie, Title: "来源占比", Categories: []string{"电话", "网络"}, Series: []document.Series{{Name: "件数", Values: []float64{3, 1}}}}); err != nil {
		t.Fatal(err)
	}
	d.PageBreak()
	d.Heading(3, "1. 结尾")
	var buf bytes.Buffer
	if err := d.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestDocxPartsAndText(t *testing.T) {
	data := sampleDoc(t)
	parts := documenttest.Parts(t, data)
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/_rels/document.xml.rels", "word/styles.xml", "word/fontTable.xml", "word/footer1.xml", "word/settings.xml"} {
		if parts[name] == nil {
			t.Errorf("missing part %s", name)
		}
		documenttest.Texts(t, parts[name], "none") // well-formed
	}
	text := documenttest.DocxText(t, data)
	for _, want := range []string{"2022年9月12345热线每月简报", "一、总体情况", "（一）按类型", "本月共受理诉求 1234 件，环比增长 5.6%。<特殊&字符>", "投诉", "634", "51.4%", "图 1　各类型件数", "图 3　来源占比", "1. 结尾"} {
		if !documenttest.Contains(text, want) {
			t.Errorf("document text lacks %q; have %q", want, text)
		}
	}
	doc := string(parts["word/document.xml"])
	for _, want := range []string{`w:eastAsia="仿宋_GB2312"`, `w:eastAsia="黑体"`, `w:eastAsia="楷体_GB2312"`, `w:eastAsia="方正小标宋简体"`, `<w:tblHeader/>`, `w:type="page"`, `<w:pgSz w:w="11906" w:h="16838"/>`, `r:id="rIdChart3"`} {
		if !strings.Contains(doc, want) {
			t.Errorf("document.xml lacks %s", want)
		}
	}
	fonts := string(parts["word/fontTable.xml"])
	if !strings.Contains(fonts, `<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>`) {
		t.Errorf("font table has no fallback for 仿宋_GB2312: %s", fonts)
	}
	if f := documenttest.Texts(t, parts["word/footer1.xml"], "instrText"); len(f) != 1 || strings.TrimSpace(f[0]) != "PAGE" {
		t.Errorf("footer page field = %q", f)
	}
	footer := strings.Join(documenttest.Texts(t, parts["word/footer1.xml"], "t"), "")
	if footer != "第 1 页" {
		t.Errorf("footer text = %q", footer)
	}
}

func TestDocxCharts(t *testing.T) {
	parts := documenttest.Parts(t, sampleDoc(t))
	charts := documenttest.Names(parts, "word/charts/chart")
	if len(charts) != 3 {
		t.Fatalf("chart parts = %v", charts)
	}
	bar := parts["word/charts/chart1.xml"]
	if !bytes.Contains(bar, []byte("<c:barChart>")) {
		t.Error("chart1 is not a bar chart")
	}
	if v := documenttest.Texts(t, bar, "v"); strings.Join(v, ",") != "件数,投诉,咨询,600,634" {
		t.Errorf("bar chart cache = %v", v)
	}
	if !bytes.Contains(parts["word/charts/chart2.xml"], []byte("<c:lineChart>")) || !bytes.Contains(parts["word/charts/chart3.xml"], []byte("<c:pieChart>")) {
		t.Error("chart kinds not written")
	}
	if v := documenttest.Texts(t, parts["word/charts/chart2.xml"], "v"); !documenttest.Contains(v, "2.5") {
		t.Errorf("line chart cache = %v", v)
	}
	// The embedded workbook holds the same figures, for "编辑数据".
	emb := parts["word/embeddings/Microsoft_Excel_Worksheet1.xlsx"]
	f, err := excelize.OpenReader(bytes.NewReader(emb))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if v, _ := f.GetCellValue("Sheet1", "B3"); v != "634" {
		t.Errorf("embedded data B3 = %q", v)
	}
	ct := string(parts["[Content_Types].xml"])
	if !strings.Contains(ct, "/word/charts/chart3.xml") {
		t.Error("content types lack chart3")
	}
}

func TestChartValidate(t *testing.T) {
	d := document.NewDoc()
	bad := []document.Chart{
		{Kind: "radar", Categories: []string{"a"}, Series: []document.Series{{Values: []float64{1}}}},
		{Kind: document.Bar},
		{Kind: document.Bar, Categories: []string{"a", "b"}, Series: []document.Series{{Values: []float64{1}}}},
	}
	for _, c := range bad {
		if err := d.Chart(c); err == nil {
			t.Errorf("chart %+v accepted", c)
		}
	}
}

func sampleBook(t *testing.T) []byte {
	t.Helper()
	b := document.NewBook()
	if err := b.Sheet("按类型", []string{"类型", "件数", "占比"}, [][]any{{"投诉", 600, 0.486}, {"咨询", 634, 0.514}}); err != nil {
		t.Fatal(err)
	}
	if err := b.Chart("图表", "A1", document.Chart{Kind: document.Line, Title: "月度趋势", Unit: "件", Categories: []string{"7月", "8月", "9月"}, Series: []document.Series{{Name: "2022年", Values: []float64{10, 20, 30}}, {Name: "2021年", Values: []float64{5, 6, 7}}}}); err != nil {
		t.Fatal(err)
	}
	if err := b.Chart("图表", "", document.Chart{Kind: document.Pie, Title: "来源", Categories: []string{"电话", "网络"}, Series: []document.Series{{Name: "件数", Values: []float64{3, 1}}}}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := b.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestBook(t *testing.T) {
	data := sampleBook(t)
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); strings.Join(got, ",") != "按类型,图表" {
		t.Errorf("sheets = %v", got)
	}
	if v, _ := f.GetCellValue("按类型", "B3"); v != "634" {
		t.Errorf("B3 = %q", v)
	}
	if typ, _ := f.GetCellType("按类型", "B3"); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
		t.Errorf("figures must be numbers, B3 type %v", typ)
	}
	if v, _ := f.GetCellValue("图表", "C4"); v != "7" {
		t.Errorf("chart data C4 = %q", v)
	}
	parts := documenttest.Parts(t, data)
	charts := documenttest.Names(parts, "xl/charts/chart")
	if len(charts) != 2 {
		t.Fatalf("chart parts = %v", charts)
	}
	refs := strings.Join(documenttest.Texts(t, parts[charts[0]], "f"), " ")
	if !strings.Contains(refs, "'图表'!$B$2:$B$4") {
		t.Errorf("chart refs = %s", refs)
	}
	if sheet := parts["xl/worksheets/sheet1.xml"]; !bytes.Contains(sheet, []byte(`state="frozen"`)) {
		t.Error("header not frozen")
	}
}

func TestSheetName(t *testing.T) {
	if got := document.SheetName("a/b:c[1]"); got != "a_b_c_1_" {
		t.Errorf("SheetName = %q", got)
	}
	if got := document.SheetName(strings.Repeat("长", 40)); len([]rune(got)) != 31 {
		t.Errorf("long name not cut: %d", len([]rune(got)))
	}
}

// TestBook_NeutralisesFormulas: text cells beginning with a formula character
// (in a table, a note, a chart's categories) are written with a leading quote;
// numbers, negative ones included, stay numbers.
func TestBook_NeutralisesFormulas(t *testing.T) {
	b := document.NewBook()
	if err := b.Sheet("表", []string{"=单位", "差额"}, [][]any{{"=HYPERLINK(\"http://x\")", -3}, {"@A1", 2.5}}); err != nil {
		t.Fatal(err)
	}
	if err := b.Text("表", "A5", "+注：cmd"); err != nil {
		t.Fatal(err)
	}
	if err := b.Chart("图", "A1", document.Chart{Kind: document.Bar, Title: "t", Categories: []string{"-x", "正常"}, Series: []document.Series{{Name: "=s", Values: []float64{-1, 2}}}}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := b.Write(&buf); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for sheet, cells := range map[string]map[string]string{
		"表": {"A1": "'=单位", "A2": `'=HYPERLINK("http://x")`, "B2": "-3", "A3": "'@A1", "A5": "'+注：cmd"},
		"图": {"A2": "'-x", "A3": "正常", "B1": "'=s", "B2": "-1"},
	} {
		for cell, want := range cells {
			if got, _ := f.GetCellValue(sheet, cell); got != want {
				t.Errorf("%s!%s = %q, want %q", sheet, cell, got, want)
			}
		}
	}
	if typ, _ := f.GetCellType("表", "B2"); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
		t.Errorf("a negative figure must stay a number, B2 type %v", typ)
	}
}
