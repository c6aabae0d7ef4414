package sheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"govdesk/internal/app"
)

func TestErrors(t *testing.T) {
	var e Errors
	if e.Err() != nil || e.Len() != 0 {
		t.Fatal("empty Errors must give a nil error")
	}
	e.Add(5, "联系电话", "1380013800", "手机号码格式不正确")
	e.Add(5, "受理时间", "2022-13-01", "时间格式不正确")
	e.Add(9, "", "", "与第 3 行重复")
	e.Add(0, "", "", "缺少必需的列：诉求标题")
	e.Add(12, "诉求内容", strings.Repeat("很长", 30)+"\n", "内容过长")

	want := `第5行 [联系电话] "1380013800"：手机号码格式不正确
第5行 [受理时间] "2022-13-01"：时间格式不正确
第9行：与第 3 行重复
缺少必需的列：诉求标题
第12行 [诉求内容] "` + strings.Repeat("很长", 20) + `…"：内容过长`
	if got := e.Text(); got != want {
		t.Errorf("Text =\n%s\nwant\n%s", got, want)
	}
	if e.Len() != 5 || e.Rows() != 3 || !e.HasRow(9) || e.HasRow(6) {
		t.Errorf("Len %d Rows %d", e.Len(), e.Rows())
	}

	err := e.Err()
	if app.ErrorCode(err) != app.EInvalid {
		t.Fatalf("code = %q", app.ErrorCode(err))
	}
	if msg := app.ErrorMessage(err); msg != "文件有 3 行错误，未导入任何数据" {
		t.Errorf("message = %q", msg)
	}
	var got *Errors
	if !errors.As(fmt.Errorf("import: %w", err), &got) || got != &e {
		t.Fatal("errors.As did not retrieve *Errors")
	}
	if !strings.Contains(err.Error(), "第5行 [联系电话]") {
		t.Errorf("Error() = %q", err.Error())
	}

	var fileOnly Errors
	fileOnly.Add(0, "", "", "缺少必需的列：诉求标题")
	if msg := app.ErrorMessage(fileOnly.Err()); msg != "文件有错误，未导入任何数据" {
		t.Errorf("file-level message = %q", msg)
	}
}

func TestWriteErrorsCSV(t *testing.T) {
	list := []RowError{
		{Row: 5, Column: "联系电话", Value: "1380013800", Reason: "手机号码格式不正确"},
		{Row: 0, Reason: "文件级错误"},
		{Row: 7, Column: "诉求内容", Value: "含,逗号\n和换行", Reason: "x"},
	}
	var buf bytes.Buffer
	if err := WriteErrorsCSV(&buf, list); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), utf8BOM) {
		t.Fatal("missing BOM")
	}
	recs, err := csv.NewReader(bytes.NewReader(buf.Bytes()[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"行号", "列", "值", "原因"},
		{"5", "联系电话", "1380013800", "手机号码格式不正确"},
		{"", "", "", "文件级错误"},
		{"7", "诉求内容", "含,逗号\n和换行", "x"},
	}
	if !reflect.DeepEqual(recs, want) {
		t.Errorf("csv = %q", recs)
	}
}

func TestWriteCSV_GB18030RoundTrip(t *testing.T) {
	headers := []string{"诉求标题", "联系电话"}
	rows := [][]string{{"路灯不亮，\"急\"", "13800138000"}, {"𠮷字（扩展B）", "0"}}
	for _, gb := range []bool{false, true} {
		var buf bytes.Buffer
		if err := WriteCSV(&buf, headers, rows, gb); err != nil {
			t.Fatal(err)
		}
		if gb {
			if bytes.HasPrefix(buf.Bytes(), utf8BOM) {
				t.Error("GB18030 output must not carry a UTF-8 BOM")
			}
			dec, err := simplifiedchinese.GB18030.NewDecoder().String(buf.String())
			if err != nil || !strings.HasPrefix(dec, "诉求标题,联系电话\r\n") {
				t.Errorf("decoded = %q, %v", dec, err)
			}
		}
		tb, err := Read("out.csv", &buf, Spec{Required: headers})
		if err != nil {
			t.Fatal(err)
		}
		if len(tb.Rows) != 2 || tb.Rows[0].Get("诉求标题") != rows[0][0] || tb.Rows[1].Get("诉求标题") != rows[1][0] {
			t.Errorf("gb18030=%v rows = %+v", gb, tb.Rows)
		}
	}
}

func TestUnique(t *testing.T) {
	var errs Errors
	seen := Unique{}
	for _, c := range []struct {
		row  int
		code string
		ok   bool
	}{{2, "A1", true}, {3, "A2", true}, {4, "", true}, {5, "", true}, {6, "A1", false}, {7, "A2", false}} {
		if got := seen.Cell(&errs, c.row, "单位编码", c.code); got != c.ok {
			t.Errorf("row %d %q: %v, want %v", c.row, c.code, got, c.ok)
		}
	}
	if errs.Len() != 2 || errs.List[0] != (RowError{Row: 6, Column: "单位编码", Value: "A1", Reason: "单位编码与第2行重复"}) ||
		errs.List[1].Reason != "单位编码与第3行重复" {
		t.Fatalf("errors %+v", errs.List)
	}
	if seen.Check(&errs, 8, "故障开始时间", "同一设备的同一故障开始时间", "D1|t", "2022-01-01") != true ||
		seen.Check(&errs, 9, "故障开始时间", "同一设备的同一故障开始时间", "D1|t", "2022-01-01") != false ||
		errs.List[2].Reason != "同一设备的同一故障开始时间与第8行重复" || errs.List[2].Value != "2022-01-01" {
		t.Fatalf("keyed check: %+v", errs.List)
	}
}
