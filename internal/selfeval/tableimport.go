package selfeval

import (
	"fmt"
	"strconv"
	"strings"

	"govdesk/internal/app"
	"govdesk/internal/sheet"
)

// Indicator-table file headers: a city's own table, imported to replace the default.
var tableColumns = []string{"编码", "一级指标", "二级指标", "三级指标", "分值", "评分规则", "满分比例", "每项分值", "分档", "数据来源"}

// TableSpec is the header specification of an indicator-table file.
var TableSpec = sheet.Spec{Required: tableColumns[:6], Optional: tableColumns[6:]}

// TableHeaders are the columns of an indicator-table file, in order.
func TableHeaders() []string { return append([]string(nil), tableColumns...) }

// ruleByName reads a rule by its key or Chinese name.
func ruleByName(s string) (string, bool) {
	for k, zh := range RuleNames {
		if s == k || s == zh {
			return k, true
		}
	}
	return "", false
}

// BandsText writes step bands as "0:0,90:0.6,100:1" (lower bound in %, share of the weight).
func BandsText(bs []Band) string {
	var parts []string
	for _, b := range bs {
		parts = append(parts, numF(b.Min).Text+":"+numF(b.Share).Text)
	}
	return strings.Join(parts, ",")
}

func parseBands(s string) ([]Band, bool) {
	var out []Band
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '，' || r == ';' || r == '；' }) {
		a, b, ok := strings.Cut(strings.TrimSpace(p), ":")
		if !ok {
			a, b, ok = strings.Cut(strings.TrimSpace(p), "：")
		}
		min, err1 := strconv.ParseFloat(strings.TrimSpace(a), 64)
		share, err2 := strconv.ParseFloat(strings.TrimSpace(b), 64)
		if !ok || err1 != nil || err2 != nil || share < 0 || share > 1 {
			return nil, false
		}
		out = append(out, Band{Min: min, Share: share})
	}
	return out, len(out) > 0
}

// ParseTable reads a city's indicator table; a row error names its cell, and the whole table
// is checked with ValidateTable once every row reads.
func ParseTable(tab *sheet.Table) ([]TableRow, []sheet.RowError) {
	var errs sheet.Errors
	var rows []TableRow
	num := func(r sheet.Row, col string) float64 {
		v := r.Get(col)
		if v == "" {
			return 0
		}
		f, err := strconv.ParseFloat(strings.TrimSuffix(v, "%"), 64)
		if err != nil || f < 0 {
			errs.Add(r.Num, col, v, "应为不小于 0 的数字")
		}
		return f
	}
	for _, r := range tab.Rows {
		t := TableRow{Code: r.Get("编码"), Level1: r.Get("一级指标"), Level2: r.Get("二级指标"), Level3: r.Get("三级指标")}
		t.Weight = num(r, "分值")
		t.Full = num(r, "满分比例")
		t.Per = num(r, "每项分值")
		rule, ok := ruleByName(r.Get("评分规则"))
		if !ok {
			errs.Add(r.Num, "评分规则", r.Get("评分规则"), "评分规则应为 按比例、分档、清单、扣分 或 定性")
		}
		t.Rule = rule
		if v := r.Get("分档"); v != "" {
			if bs, ok := parseBands(v); ok {
				t.Bands = bs
			} else {
				errs.Add(r.Num, "分档", v, "分档应写作“下限:得分比例”并以逗号分隔，如 0:0,90:0.6,100:1")
			}
		}
		if m, ok := metricOf(r.Get("数据来源")); ok {
			t.Metric = m
		} else {
			errs.Add(r.Num, "数据来源", r.Get("数据来源"), "数据来源未知（应为系统指标名称，或留空表示手工填报）")
		}
		rows = append(rows, t)
	}
	if errs.Len() == 0 {
		if err := ValidateTable(rows); err != nil {
			errs.Add(0, "", "", app.ErrorMessage(err))
		}
	}
	return rows, errs.List
}

// TableRows writes a table as the rows of an indicator-table file.
func TableRows(rows []TableRow) [][]string {
	var out [][]string
	for _, t := range rows {
		m := ""
		if mt, ok := MetricByKey(t.Metric); ok {
			m = mt.Name
		}
		full, per := "", ""
		if t.Full > 0 {
			full = numF(t.Full).Text
		}
		if t.Per > 0 {
			per = numF(t.Per).Text
		}
		out = append(out, []string{t.Code, t.Level1, t.Level2, t.Level3, numF(t.Weight).Text, RuleNames[t.Rule], full, per, BandsText(t.Bands), m})
	}
	return out
}

// TableSummary says what a table is, for a command's output.
func TableSummary(rows []TableRow, custom bool) string {
	kind := "省默认指标表"
	if custom {
		kind = "本市指标表"
	}
	return fmt.Sprintf("%s：%d 项指标", kind, len(rows))
}
