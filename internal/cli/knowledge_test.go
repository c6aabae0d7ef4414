package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"govdesk/internal/store/storetest"
)

const articleCSV = "标题,答案,单位,分类,关键词,有效期至\r\n" +
	"如何办理营业执照？,携带身份证到政务服务中心市场监管窗口办理营业执照，一般3个工作日办结。,,市场监管,营业执照 注册,\r\n" +
	"饭店噪音扰民怎么投诉？,可拨打12345反映餐饮场所噪声扰民，由生态环境局和城管局处理。,,环境保护,噪音,2099-12-31\r\n"

func TestKBImportAndSearch(t *testing.T) {
	storetest.RunDSN(t, func(t *testing.T, dsn string) {
		env := map[string]string{"GOVDESK_DB": dsn}
		if code, _, errs := run(t, env, "migrate"); code != 0 {
			t.Fatal(errs)
		}
		bad := writeFile(t, "bad.csv", []byte(articleCSV+",没有标题,,,,\r\n"))
		if code, _, errs := run(t, env, "import", "articles", bad); code != 1 || !strings.Contains(errs, "标题不能为空") {
			t.Fatalf("bad file: %d %s", code, errs)
		}
		mapped := writeFile(t, "m.csv", []byte(strings.Replace(articleCSV, "标题,答案", "问题,回复", 1)))
		code, out, errs := run(t, env, "import", "articles", mapped, "--map", "问题=标题,回复=答案")
		if code != 0 || !strings.Contains(out, `"imported":2`) {
			t.Fatalf("import: %d %s %s", code, out, errs)
		}
		code, out, errs = run(t, env, "kb", "search", "执照", "--format", "json")
		var res struct {
			Results []struct {
				ID      int64   `json:"id"`
				Title   string  `json:"title"`
				Snippet string  `json:"snippet"`
				Score   float64 `json:"score"`
			} `json:"results"`
			TookMS *int64 `json:"took_ms"`
		}
		if code != 0 || json.Unmarshal([]byte(out), &res) != nil || len(res.Results) != 1 || res.TookMS == nil ||
			res.Results[0].Title != "如何办理营业执照？" || !strings.Contains(res.Results[0].Snippet, "【执照】") {
			t.Fatalf("kb search: %d %s %s", code, out, errs)
		}
		if code, out, _ := run(t, env, "kb", "search", "餐馆", "举报", "--format", "json"); code != 0 || !strings.Contains(out, "饭店噪音扰民") {
			t.Fatalf("synonyms: %d %s", code, out)
		}
		if code, out, _ := run(t, env, "kb", "search", "！？", "--format", "json"); code != 0 || !strings.HasPrefix(out, `{"results":[],"took_ms":`) {
			t.Fatalf("punctuation: %d %s", code, out)
		}
		if code, _, errs := run(t, env, "kb", "search", strings.Repeat("长", 1000)); code != 1 || !strings.Contains(errs, "过长") {
			t.Fatalf("long query: %d %s", code, errs)
		}
	})
}

func TestKBFirstCall(t *testing.T) {
	env := map[string]string{"GOVDESK_DB": storetest.SQLiteDSN(t)}
	if code, _, errs := run(t, env, "migrate"); code != 0 {
		t.Fatal(errs)
	}
	code, out, errs := run(t, env, "kb", "first-call", "--from", "2024-01-01", "--to", "2024-12-31", "--format", "json")
	if code != 0 || !strings.Contains(out, `"units":[]`) {
		t.Fatalf("%d %s %s", code, out, errs)
	}
	if code, _, _ := run(t, env, "kb", "first-call"); code != 2 {
		t.Fatalf("missing dates: %d", code)
	}
}

func TestKBSynonymsAndReviewDue(t *testing.T) {
	env := map[string]string{"GOVDESK_DB": storetest.SQLiteDSN(t)}
	if code, _, errs := run(t, env, "migrate"); code != 0 {
		t.Fatal(errs)
	}
	code, out, errs := run(t, env, "kb", "synonyms", "--set", "电动车 电瓶车；投诉 举报")
	if code != 0 || out != "投诉 ~ 举报\n电动车 ~ 电瓶车\n" {
		t.Fatalf("%d %q %s", code, out, errs)
	}
	if code, _, errs := run(t, env, "kb", "synonyms", "--set", "孤词"); code != 1 || !strings.Contains(errs, "2 到 20") {
		t.Fatalf("bad group: %d %s", code, errs)
	}
	if code, out, _ := run(t, env, "kb", "review-due", "--format", "json"); code != 0 || !strings.Contains(out, `"total":0`) {
		t.Fatalf("review-due: %d %s", code, out)
	}
}
