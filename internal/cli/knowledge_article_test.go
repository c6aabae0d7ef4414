package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"govdesk/internal/store/storetest"
)

// kb article add → edit → approve → versions --diff → retire, with the usage and user errors.
func TestKBArticleCommands(t *testing.T) {
	storetest.RunDSN(t, func(t *testing.T, dsn string) {
		env := map[string]string{"GOVDESK_DB": dsn}
		units := writeFile(t, "units.csv", []byte("单位编码,单位名称\r\nU001,市住房和城乡建设局\r\n"))
		if code, _, errs := run(t, env, "import", "units", units); code != 0 {
			t.Fatal(errs)
		}
		code, out, errs := run(t, env, "kb", "article", "add", "--title", "居住证怎么办理？", "--answer", "持身份证到社区警务室登记，满半年可申领。",
			"--unit", "U001", "--keywords", "居住证", "--review-by", "2030-01-31", "--format", "json")
		var a struct {
			ID       int64  `json:"id"`
			Status   string `json:"status"`
			Version  int    `json:"version"`
			UnitCode string `json:"unit_code"`
			ReviewBy string `json:"review_by"`
		}
		if code != 0 || json.Unmarshal([]byte(out), &a) != nil || a.Status != "draft" || a.Version != 1 || a.UnitCode != "U001" || a.ReviewBy != "2030-01-31" {
			t.Fatalf("add: %d %s %s", code, out, errs)
		}
		id := strings.TrimSpace(strings.Split(strings.TrimPrefix(out, `{"id":`), ",")[0])
		if code, out, _ := run(t, env, "kb", "search", "居住证", "--format", "json"); code != 0 || !strings.Contains(out, `"results":[]`) {
			t.Fatalf("a draft is searchable: %s", out)
		}
		if code, out, errs := run(t, env, "kb", "article", "edit", id, "--answer", "持身份证到派出所登记，满半年可申领。"); code != 0 || !strings.Contains(out, "第 2 版") {
			t.Fatalf("edit: %d %s %s", code, out, errs)
		}
		if code, out, errs := run(t, env, "kb", "article", "approve", id); code != 0 || !strings.Contains(out, "已发布") {
			t.Fatalf("approve: %d %s %s", code, out, errs)
		}
		if code, out, _ := run(t, env, "kb", "search", "居住证", "--format", "json"); code != 0 || !strings.Contains(out, "居住证怎么办理") {
			t.Fatalf("approved article not found: %s", out)
		}
		code, out, errs = run(t, env, "kb", "article", "versions", id, "--diff", "1:2")
		if code != 0 || !strings.Contains(out, "答案：持身份证到[-社区警务室-]{+派出所+}登记") || !strings.Contains(out, "标题：（未改动）") {
			t.Fatalf("diff: %d %s %s", code, out, errs)
		}
		if code, out, _ := run(t, env, "kb", "article", "versions", id, "--format", "json"); code != 0 || strings.Count(out, `"version"`) != 3 {
			t.Fatalf("versions: %s", out)
		}
		if code, out, _ := run(t, env, "kb", "article", "retire", id); code != 0 || !strings.Contains(out, "已停用") {
			t.Fatalf("retire: %s", out)
		}
		if code, out, _ := run(t, env, "kb", "article", "list", "--status", "retired"); code != 0 || !strings.Contains(out, "居住证怎么办理") {
			t.Fatalf("list: %s", out)
		}
		for _, c := range []struct {
			args []string
			code int
			want string
		}{
			{[]string{"kb", "article", "add", "--answer", "无标题"}, 1, "标题不能为空"},
			{[]string{"kb", "article", "add", "--title", "居住证怎么办理？", "--answer", "重复"}, 1, "已有同标题的文章"},
			{[]string{"kb", "article", "add", "--title", "新问题", "--answer", "答", "--unit", "X999"}, 1, "单位 \"X999\" 不存在"},
			{[]string{"kb", "article", "add", "--title", "新问题", "--answer", "答", "--review-by", "2030/01/31"}, 1, "复核日期的日期格式应为 YYYY-MM-DD"},
			{[]string{"kb", "article", "edit", "999999", "--answer", "x"}, 1, "不存在"},
			{[]string{"kb", "article", "approve", "abc"}, 2, "文章编号应为正整数"},
			{[]string{"kb", "article", "versions", id, "--diff", "1-2"}, 2, "--diff 应为两个版本号"},
			{[]string{"kb", "article", "versions", id, "--diff", "1:9"}, 1, "该文章只有第 1 到第 4 版"},
			{[]string{"kb", "article", "list", "--status", "old"}, 1, "未知的文章状态"},
			{[]string{"kb", "article", "frobnicate"}, 2, "未知命令"},
		} {
			code, _, errs := run(t, env, c.args...)
			if code != c.code || !strings.Contains(errs, c.want) {
				t.Errorf("%v: exit %d, stderr %q (want %d, %q)", c.args, code, errs, c.code, c.want)
			}
		}
		if code, out, _ := run(t, env, "kb", "article", "--help"); code != 0 || !strings.Contains(out, "编写、审核发布") || !strings.Contains(out, "Write, approve") {
			t.Errorf("help: %d %s", code, out)
		}
	})
}
