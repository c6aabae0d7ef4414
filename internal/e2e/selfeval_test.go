package e2e

import (
	"context"
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"govdesk/internal/document/documenttest"
	"govdesk/internal/selfeval"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

// seedSelfeval stores the 2021 budget and a 2022 target claimed achieved that is not.
func seedSelfeval(t *testing.T, db *store.DB) {
	ctx := context.Background()
	s := &store.SelfEval{DB: db}
	n := func(v string) *selfeval.Num { x, _ := selfeval.ParseNum(v); return &x }
	if _, err := s.SaveBudget(ctx, selfeval.Budget{Year: 2021, Initial: n("2744510.00"), FinalExpense: n("2634600.00")}, 0, "seed"); err != nil {
		t.Fatal(err)
	}
	yes := true
	if _, _, _, err := s.SaveTargets(ctx, 2022, []selfeval.PerfTarget{{Project: "政务服务大厅运行保障", Name: "实体大厅进驻率",
		Comparator: ">=", Target: *n("90"), Actual: n("87"), Unit: "%", Achieved: &yes}}, 0, "seed"); err != nil {
		t.Fatal(err)
	}
}

// fetchBytes downloads a URL with the browser's session and returns the body.
func fetchBytes(t *testing.T, ctx context.Context, path string) (string, []byte) {
	t.Helper()
	js := `fetch(` + "`" + path + "`" + `).then(async r => { const b = new Uint8Array(await r.arrayBuffer()); let s = ""; ` +
		`for (const x of b) s += String.fromCharCode(x); return r.headers.get("content-type") + "\n" + btoa(s); })`
	out, err := chromedp.Run(ctx, chromedp.Evaluate[string](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	ct, b64, _ := strings.Cut(out, "\n")
	data, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		t.Fatal(err)
	}
	return ct, data
}

// submitForFlash clicks a submit button and returns the flash message of the page it leads
// to (the previous page's flash is removed first so that it is not read instead).
func submitForFlash(t *testing.T, ctx context.Context, button string) string {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById("flash")?.remove(), true`)); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(button)), chromedp.WaitVisible(chromedp.ID("flash"))); err != nil {
		t.Fatal(err)
	}
	return textOf(t, ctx, chromedp.ID("flash"))
}

// Staff enter the budget, meet a stale form, accept a finding with a reason and download the report.
func TestBrowser_SelfEvaluation(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		base := startServer(t, db)
		seedSelfeval(t, db)
		ctx := newBrowser(t)
		if err := login(ctx, base, "staff", "demo"); err != nil {
			t.Fatal(err)
		}
		err := chromedp.Do(ctx, chromedp.WaitReady(chromedp.CSS(`nav a[href="/selfeval"]`)),
			chromedp.Navigate(base+"/selfeval?year=2022"), chromedp.WaitVisible(chromedp.ID("budget-form")))
		if err != nil {
			t.Fatal(err)
		}
		if got := textOf(t, ctx, chromedp.ID("selfeval-open")); got != "1 个" {
			t.Fatalf("open findings %q", got)
		}
		// A wrong amount is refused with a Chinese message; nothing is saved.
		if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS(`#budget-form input[name="initial"]`), "三百万")); err != nil {
			t.Fatal(err)
		}
		if got := submitForFlash(t, ctx, `#budget-form button`); !strings.Contains(got, "年初预算应为数字") {
			t.Fatalf("bad amount flash %q", got)
		}
		err = chromedp.Do(ctx,
			chromedp.SendKeys(chromedp.CSS(`#budget-form input[name="unit"]`), "乐昌市行政服务中心"),
			chromedp.SendKeys(chromedp.CSS(`#budget-form input[name="initial"]`), "3432300.00"),
			chromedp.SendKeys(chromedp.CSS(`#budget-form input[name="adjusted"]`), "343.23万元"),
			chromedp.SendKeys(chromedp.CSS(`#budget-form input[name="final_expense"]`), "3432300.00"),
			chromedp.SendKeys(chromedp.CSS(`#budget-form input[name="authorized"]`), "10"),
			chromedp.SendKeys(chromedp.CSS(`#budget-form input[name="staff"]`), "10"))
		if err != nil {
			t.Fatal(err)
		}
		if got := submitForFlash(t, ctx, `#budget-form button`); got != "2022 年度预算、决算与编制已保存" {
			t.Fatalf("budget flash %q", got)
		}
		adjusted, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector('#budget-form input[name="adjusted"]').value`))
		if err != nil || adjusted != "3432300" {
			t.Fatalf("adjusted budget kept in 元: %q %v", adjusted, err)
		}
		// Score a qualitative indicator: evidence is required, the score must fit its band.
		err = chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`tr[data-code="1.1.1"] a`)), chromedp.WaitVisible(chromedp.ID("indicator-form")),
			chromedp.SendKeys(chromedp.CSS(`#indicator-form input[name="score"]`), "2.5"))
		if err != nil {
			t.Fatal(err)
		}
		screenshot(t, ctx, "selfeval_indicator")
		if got := submitForFlash(t, ctx, `#indicator-form button`); !strings.Contains(got, "须填写佐证材料") {
			t.Fatalf("qualitative without evidence %q", got)
		}
		err = chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS(`#indicator-form input[name="score"]`), "2.5"),
			chromedp.SendKeys(chromedp.CSS(`#indicator-form textarea[name="evidence"]`), "按“三定方案”编制预算"))
		if err != nil {
			t.Fatal(err)
		}
		if got := submitForFlash(t, ctx, `#indicator-form button`); got != "指标 1.1.1 的评分已保存" {
			t.Fatalf("indicator flash %q", got)
		}
		if got := textOf(t, ctx, chromedp.CSS(`tr[data-code="1.1.1"]`)); !strings.Contains(got, "定性评价“好”档，得 2.5 分") || !strings.Contains(got, "按“三定方案”编制预算") {
			t.Fatalf("scored row %q", got)
		}
		screenshot(t, ctx, "selfeval")

		// Someone else saves the year meanwhile: this page's form is stale and is refused.
		s := &store.SelfEval{DB: db}
		v, _ := s.Version(context.Background(), 2022)
		if _, err := s.SetProjects(context.Background(), 2022, []string{"政务服务大厅运行保障"}, v, "leader"); err != nil {
			t.Fatal(err)
		}
		if got := submitForFlash(t, ctx, `#budget-form button`); !strings.Contains(got, "已被 leader 修改") {
			t.Fatalf("stale form flash %q", got)
		}

		// Filing is blocked: the draft is offered, the report refused.
		if got := textOf(t, ctx, chromedp.ID("blocked")); !strings.Contains(got, "1 个未处理的问题") {
			t.Fatalf("blocked notice %q", got)
		}
		if ct, body := fetchBytes(t, ctx, "/selfeval/2022/report.docx"); !strings.HasPrefix(ct, "text/html") || !strings.Contains(string(body), "未处理的问题") {
			t.Fatalf("report while blocked: %q", ct)
		}
		if got := textOf(t, ctx, chromedp.ID("finding-list")); !strings.Contains(got, "完成情况与实际不符") || !strings.Contains(got, "实体大厅进驻率") {
			t.Fatalf("findings %q", got)
		}
		if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS(`.accept-form input[name="reason"]`), "87% 为 12 月预计数，年底已达 90%")); err != nil {
			t.Fatal(err)
		}
		if got := submitForFlash(t, ctx, `.accept-form button`); !strings.HasPrefix(got, "已说明理由并接受问题") {
			t.Fatalf("accept flash %q", got)
		}
		if got := textOf(t, ctx, chromedp.ID("selfeval-open")); got != "0 个" {
			t.Fatalf("open after accepting %q", got)
		}
		if got := textOf(t, ctx, chromedp.CSS(`#finding-list .accepted`)); !strings.Contains(got, "年底已达 90%") || !strings.Contains(got, "staff") {
			t.Fatalf("accepted finding %q", got)
		}
		// A person's passage is kept and used by every regeneration of the report.
		if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS(`textarea[name="passage_suggestions"]`), "加强预算绩效管理培训，完善评价指标体系。")); err != nil {
			t.Fatal(err)
		}
		if got := submitForFlash(t, ctx, `#passages-form button`); !strings.HasPrefix(got, "报告段落已保存") {
			t.Fatalf("passages flash %q", got)
		}
		if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.ID("download-report"))); err != nil {
			t.Fatal(err)
		}
		ct, data := fetchBytes(t, ctx, "/selfeval/2022/report.docx")
		if !strings.Contains(ct, "wordprocessingml") {
			t.Fatalf("report content type %q", ct)
		}
		lines := documenttest.DocxText(t, data)
		for _, s := range []string{"一、部门基本情况", "二、自评结论", "六、相关建议", "部门名称：乐昌市行政服务中心",
			"与上年度相比，增长 25.06%", "87% 为 12 月预计数，年底已达 90%", "加强预算绩效管理培训，完善评价指标体系。"} {
			if !documenttest.Contains(lines, s) {
				t.Errorf("downloaded report lacks %q", s)
			}
		}
		if ct, data := fetchBytes(t, ctx, "/selfeval/2022/table.xlsx"); !strings.Contains(ct, "spreadsheetml") || len(data) < 1000 {
			t.Fatalf("table download %q (%d bytes)", ct, len(data))
		}

		// Targets imported on the page: a file with a bad row imports nothing.
		dir := t.TempDir()
		bad := filepath.Join(dir, "targets-bad.csv")
		good := filepath.Join(dir, "targets.csv")
		os.WriteFile(bad, []byte("年度,项目,指标名称,目标值,数据来源\n2022,大厅,一窗分类受理率,80,一窗分类受理率\n2022,大厅,网办率,九十,\n"), 0o644)
		os.WriteFile(good, []byte("年度,项目,指标名称,目标值,数据来源\n2022,大厅,一窗分类受理率,80,一窗分类受理率\n"), 0o644)
		err = chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS(`#import-form select[name="kind"]`), "targets"),
			chromedp.SetUploadFiles(chromedp.CSS(`#import-form input[type="file"]`), []string{bad}))
		if err != nil {
			t.Fatal(err)
		}
		if got := submitForFlash(t, ctx, `#import-form button`); !strings.Contains(got, "未导入任何数据") || !strings.Contains(got, "第3行") {
			t.Fatalf("bad targets file %q", got)
		}
		err = chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS(`#import-form select[name="kind"]`), "targets"),
			chromedp.SetUploadFiles(chromedp.CSS(`#import-form input[type="file"]`), []string{good}))
		if err != nil {
			t.Fatal(err)
		}
		if got := submitForFlash(t, ctx, `#import-form button`); got != "已导入：新增 1 条，更新 0 条" {
			t.Fatalf("targets import %q", got)
		}
		if got := textOf(t, ctx, chromedp.ID("targets")); !strings.Contains(got, "一窗分类受理率") {
			t.Fatalf("imported target not listed: %q", got)
		}
	})
}
