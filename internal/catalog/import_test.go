package catalog

import (
	"strings"
	"testing"

	"govdesk/internal/sheet"
)

// itemRow is a valid published item row with the given online flag and depth cell.
func itemRow(online, depth string) sheet.Row {
	return sheet.NewRow(2, map[string]string{colCode: "I001", colName: "供水报装", colUnit: "U001", colCategory: "公共服务",
		colByApp: "是", colInHall: "是", colOneWindow: "是", colOnline: online, colDepth: depth, colTrips: "1",
		colCitywide: "否", colCross: "否", colCertFree: "否", colKind: "承诺件", colLegal: "20", colPromised: "5", colStatus: "已发布"})
}

// Depth 1 (the guide is published) is valid for any item; 一级…四级 read as 1…4;
// depths 2–4 on an item that cannot be done online are refused with a message that says why.
func TestParseItem_OnlineDepth(t *testing.T) {
	units := map[string]int64{"U001": 1}
	for _, c := range []struct {
		online, depth string
		want          int
		err           string
	}{
		{"否", "1", 1, ""},
		{"否", "一级", 1, ""},
		{"否", "一级 办事指南公开", 1, ""},
		{"否", "", 0, ""},
		{"是", "一级", 1, ""},
		{"是", "二级", 2, ""},
		{"是", "三级", 3, ""},
		{"是", "四级", 4, ""},
		{"是", "４", 4, ""},
		{"是", "全程网办", 4, ""},
		{"是", "3级", 3, ""},
		{"否", "二级", 2, "事项不可网上办理，网办深度只能为一级（办事指南公开）或留空"},
		{"否", "4", 4, "事项不可网上办理"},
		{"是", "五级", 0, "网办深度应为 1–4 或 一级–四级"},
		{"是", "0", 0, "网办深度应为 1–4"},
	} {
		var errs sheet.Errors
		it := parseItem(&errs, itemRow(c.online, c.depth), units)
		got := ""
		if errs.Len() > 0 {
			got = errs.List[0].Column + "：" + errs.List[0].Reason
		}
		switch {
		case c.err == "" && errs.Len() > 0:
			t.Errorf("online %s depth %q refused: %s", c.online, c.depth, got)
		case c.err != "" && (errs.Len() != 1 || !strings.Contains(got, c.err) || errs.List[0].Column != colDepth):
			t.Errorf("online %s depth %q: %q, want an error on %s containing %q", c.online, c.depth, got, colDepth, c.err)
		case c.err == "" && it.OnlineDepth != c.want:
			t.Errorf("online %s depth %q read as %d, want %d", c.online, c.depth, it.OnlineDepth, c.want)
		}
	}
}
