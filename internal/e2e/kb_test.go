package e2e

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"govdesk/internal/knowledge"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

// seedKB publishes a few articles of unit U001 and returns the id of the 社保 transfer article.
func seedKB(t *testing.T, db *store.DB) int64 {
	t.Helper()
	ctx := context.Background()
	acc := &store.Accounts{DB: db}
	if _, _, err := acc.EnsureCategory(ctx, "社会保障/社保"); err != nil {
		t.Fatal(err)
	}
	if err := acc.SetCategoryDefaultUnit(ctx, "社会保障/社保", "U001"); err != nil {
		t.Fatal(err)
	}
	var unit int64
	if err := db.QueryRowContext(ctx, `SELECT id FROM units WHERE code = 'U001'`).Scan(&unit); err != nil {
		t.Fatal(err)
	}
	kb := &store.Knowledge{DB: db}
	arts := []knowledge.Article{
		{Title: "社保关系如何转移到外地？", Answer: "养老保险关系转移：在新参保地申请，携带身份证到社保经办窗口或通过国家社会保险公共服务平台办理，原参保地无需前往。",
			Keywords: "社保 转移 养老保险", Category: "社会保障/社保", UnitID: unit, Status: knowledge.StatusPublished},
		{Title: "营业执照遗失怎么补办？", Answer: "个体工商户登录登记注册系统申请补领营业执照，无需登报。", Keywords: "营业执照 补办", UnitID: unit, Status: knowledge.StatusPublished},
		{Title: "公积金提取需要哪些材料？", Answer: "购房提取需提供购房合同和发票。", Keywords: "公积金 提取", UnitID: unit, Status: knowledge.StatusPublished},
	}
	if _, _, err := kb.SaveArticles(ctx, arts, time.Now()); err != nil {
		t.Fatal(err)
	}
	id, err := kb.ArticleIDByTitle(ctx, arts[0].Title)
	if err != nil || id == 0 {
		t.Fatalf("article id: %d %v", id, err)
	}
	return id
}

// An operator types a question on the call screen, the results appear as they
// type with highlights, and the 咨询 is resolved at intake with the article: the
// order exists, is closed at intake and records the article.
func TestBrowser_KBResolveAtIntake(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		base := startServer(t, db)
		artID := seedKB(t, db)
		ctx := newBrowser(t)
		loginAs(t, ctx, base, "operator")
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/kb"), chromedp.WaitVisible(chromedp.ID("kb-q")),
			chromedp.SendKeys(chromedp.ID("kb-q"), "社保怎么转到外地"),
			chromedp.WaitVisible(chromedp.ID("kb-hits"))); err != nil {
			t.Fatal(err)
		}
		marks, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("#kb-hits mark")).map(m => m.textContent)`))
		if err != nil {
			t.Fatal(err)
		}
		wantContains(t, "hits", textOf(t, ctx, chromedp.ID("kb-hits")), "社保关系如何转移到外地？")
		screenshot(t, ctx, "kb-call-screen")
		if len(marks) == 0 {
			t.Fatal("the snippet has no <mark> highlights")
		}
		if loc := location(t, ctx); !strings.Contains(loc, "/kb?q=") {
			t.Errorf("search as you type did not keep the query in the address: %s", loc)
		}
		// The hit opens the article with the caller's question carried over.
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#kb-hits a.kb-title")), chromedp.WaitVisible(chromedp.ID("kb-resolve-form"))); err != nil {
			t.Fatal(err)
		}
		wantContains(t, "article", textOf(t, ctx, chromedp.ID("kb-answer")), "国家社会保险公共服务平台")
		screenshot(t, ctx, "kb-article")
		if content, err := chromedp.Run(ctx, chromedp.Value(chromedp.ID("r-content"))); err != nil || content != "社保怎么转到外地" {
			t.Fatalf("caller's question %q (%v)", content, err)
		}
		if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.ID("r-name"), "王女士"), chromedp.SendKeys(chromedp.ID("r-phone"), "13800138000"),
			chromedp.Click(chromedp.ID("kb-resolve"))); err != nil {
			t.Fatal(err)
		}
		wantContains(t, "resolve flash", textOf(t, ctx, chromedp.ID("flash")), "已直接办结", "一次性解答")
		m := regexp.MustCompile(`/orders/(\d+)$`).FindStringSubmatch(location(t, ctx))
		if m == nil {
			t.Fatalf("after resolving the browser is at %s", location(t, ctx))
		}
		tok := tokens(t, db, "dispatcher")["dispatcher"]
		r := call(t, &http.Client{}, "GET", base+"/api/v1/orders/"+m[1], tok, "", nil)
		if r.Status != 200 || r.Body["status"] != "closed" || r.Body["type"] != "咨询" || r.Body["first_call_resolved"] != true ||
			r.Body["kb_article_id"] != float64(artID) {
			t.Fatalf("order after resolve at intake: %d %v", r.Status, r.Body)
		}

		// "Create an order" from a search carries the question to the intake form with the suggestion.
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/kb/a/"+fmt.Sprint(artID)+"?q="+url.QueryEscape("社保转移到外地没办成")),
			chromedp.Click(chromedp.ID("kb-article-new-order")), chromedp.WaitVisible(chromedp.ID("order-suggest"))); err != nil {
			t.Fatal(err)
		}
		// The category's default unit alone, with no history: a guess, never shown as certain.
		wantContains(t, "suggestion", textOf(t, ctx, chromedp.ID("suggest-list")), "市住房和城乡建设局", "置信度 99%")
		screenshot(t, ctx, "kb-new-order")
		if title, err := chromedp.Run(ctx, chromedp.Value(chromedp.ID("f-title"))); err != nil || title != "社保关系如何转移到外地？" {
			t.Fatalf("pre-filled title %q (%v)", title, err)
		}
		// The order is registered; the dispatcher finds the suggested unit preselected.
		if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.ID("f-type"), "求助"), chromedp.SendKeys(chromedp.ID("f-phone"), "13800138001"),
			chromedp.Click(chromedp.ID("order-submit"))); err != nil {
			t.Fatal(err)
		}
		wantContains(t, "order from the call screen", textOf(t, ctx, chromedp.ID("flash")), "已受理")
		orderPage := location(t, ctx)
		loginAs(t, ctx, base, "dispatcher")
		if err := chromedp.Do(ctx, chromedp.Navigate(orderPage), chromedp.WaitVisible(chromedp.ID("form-dispatch"))); err != nil {
			t.Fatal(err)
		}
		wantContains(t, "dispatch suggestion", textOf(t, ctx, chromedp.ID("dispatch-suggest")), "市住房和城乡建设局 99%")
		if unit, err := chromedp.Run(ctx, chromedp.Value(chromedp.ID("dispatch-unit"))); err != nil || unit != "U001" {
			t.Fatalf("preselected unit %q (%v)", unit, err)
		}

		// The first-call dashboard counts the order for the category's unit; its numbers link to the orders.
		loginAs(t, ctx, base, "leader")
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/kb/first-call"), chromedp.WaitVisible(chromedp.ID("fc-units"))); err != nil {
			t.Fatal(err)
		}
		wantContains(t, "first-call units", textOf(t, ctx, chromedp.ID("fc-unit-U001")), "市住房和城乡建设局", "100%")
		wantContains(t, "first-call categories", textOf(t, ctx, chromedp.ID("fc-categories")), "社会保障/社保", "100%")
		screenshot(t, ctx, "kb-first-call")
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#fc-categories tbody tr td:nth-child(4) a")),
			chromedp.WaitVisible(chromedp.ID("orders-total"))); err != nil {
			t.Fatal(err)
		}
		wantContains(t, "drill-down", textOf(t, ctx, chromedp.ID("orders-total")), "共 1 件")
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/kb/first-call?from=2026-13-01&threshold=abc"), chromedp.WaitVisible(chromedp.ID("form-error"))); err != nil {
			t.Fatal(err)
		}
		wantContains(t, "bad period", textOf(t, ctx, chromedp.ID("form-error")), "日期格式错误")
		loginAs(t, ctx, base, "operator")

		// Bad input gets a clear Chinese answer.
		for _, c := range []struct{ q, want string }{
			{"", "请输入要搜索的内容"},
			{strings.Repeat("社保", 500), "搜索内容过长"},
			{"？？！！……", "中文关键词"},
			{"hello world", "中文关键词"},
		} {
			if err := chromedp.Do(ctx, chromedp.Navigate(base+"/kb?q="+url.QueryEscape(c.q)), chromedp.WaitVisible(chromedp.ID("kb-message"))); err != nil {
				t.Fatalf("query %.20q: %v", c.q, err)
			}
			wantContains(t, "bad query", textOf(t, ctx, chromedp.ID("kb-message")), c.want)
		}

		// The new-order form refreshes the suggestion as the category is typed (suggest.js over the API).
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/orders/new"), chromedp.WaitVisible(chromedp.ID("suggest-empty")),
			chromedp.SendKeys(chromedp.ID("f-category"), "社会保障/社保"),
			chromedp.WaitVisible(chromedp.CSS("#suggest-list li"))); err != nil {
			t.Fatal(err)
		}
		wantContains(t, "live suggestion", textOf(t, ctx, chromedp.ID("suggest-list")), "市住房和城乡建设局（U001）置信度 99%")
	})
}

// A unit admin drafts an article and edits it; the hotline office approves it and
// sees the difference between the versions; the article is then found by search.
func TestBrowser_KBEditor(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		base := startServer(t, db)
		ctx := newBrowser(t)
		loginAs(t, ctx, base, "unit_admin")
		msg := submit(t, ctx, base+"/kb/articles/new", "kb-edit-form",
			chromedp.SendKeys(chromedp.ID("e-title"), "电动车充电桩怎么申请安装？"),
			chromedp.SendKeys(chromedp.ID("e-answer"), "业主向物业提出申请，提交车位证明，5个工作日内答复。"),
			chromedp.SendKeys(chromedp.ID("e-keywords"), "充电桩 电动车"))
		wantContains(t, "draft", msg, "草稿已保存")
		page := location(t, ctx)
		edit := strings.TrimSuffix(page, "/versions") + "/edit"
		msg = submit(t, ctx, edit, "kb-edit-form",
			chromedp.SetValue(chromedp.ID("e-answer"), "业主向物业提出申请，提交车位证明和身份证，3个工作日内答复。"),
			chromedp.SetValue(chromedp.ID("e-review"), "2020-01-31"))
		wantContains(t, "edit", msg, "草稿已保存")
		if n, err := chromedp.Run(ctx, chromedp.Nodes(chromedp.ID("kb-approve"), chromedp.AtLeast(0))); err != nil || len(n) != 0 {
			t.Errorf("a unit admin sees the approve button (%d, %v)", len(n), err)
		}
		// An empty title is refused in Chinese and nothing is saved.
		if err := chromedp.Do(ctx, chromedp.Navigate(edit), chromedp.WaitVisible(chromedp.ID("kb-edit-form")),
			chromedp.Clear(chromedp.ID("e-title"))); err != nil {
			t.Fatal(err)
		}
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.getElementById("e-title").removeAttribute("required"), true`)); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.ID("kb-save"))); err != nil {
			t.Fatal(err)
		}
		wantContains(t, "empty title", textOf(t, ctx, chromedp.ID("form-error")), "标题不能为空")

		loginAs(t, ctx, base, "dispatcher")
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/kb/articles"), chromedp.WaitVisible(chromedp.ID("kb-article-list"))); err != nil {
			t.Fatal(err)
		}
		wantContains(t, "drafts", textOf(t, ctx, chromedp.ID("kb-article-list")), "电动车充电桩怎么申请安装？", "待审核草稿")
		msg = submit(t, ctx, page, "kb-approve-form")
		wantContains(t, "approve", msg, "审核发布")
		wantContains(t, "status", textOf(t, ctx, chromedp.ID("kb-status")), "已发布")
		wantContains(t, "versions", textOf(t, ctx, chromedp.ID("kb-versions")), "待审核草稿", "已发布")
		if err := chromedp.Do(ctx, chromedp.Navigate(page+"?from=1&to=2"), chromedp.WaitVisible(chromedp.ID("kb-diff"))); err != nil {
			t.Fatal(err)
		}
		ins, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("#kb-diff ins")).map(e => e.textContent)`))
		if err != nil {
			t.Fatal(err)
		}
		del, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("#kb-diff del")).map(e => e.textContent)`))
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(ins, "|") != "和身份证|3" || strings.Join(del, "|") != "5" {
			t.Fatalf("diff of versions 1→2: ins %q del %q", ins, del)
		}
		screenshot(t, ctx, "kb-versions")
		if err := chromedp.Do(ctx, chromedp.Navigate(page+"?from=1&to=9"), chromedp.WaitVisible(chromedp.ID("form-error"))); err != nil {
			t.Fatal(err)
		}
		wantContains(t, "bad version", textOf(t, ctx, chromedp.ID("form-error")), "没有第 9 版")
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/kb/expiring?days=abc"), chromedp.WaitVisible(chromedp.ID("form-error"))); err != nil {
			t.Fatal(err)
		}
		wantContains(t, "bad days", textOf(t, ctx, chromedp.ID("form-error")), "提前天数应为 0 到 366 之间的整数")
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/kb?q="+url.QueryEscape("充电桩安装")), chromedp.WaitVisible(chromedp.ID("kb-hits"))); err != nil {
			t.Fatal(err)
		}
		wantContains(t, "search after approval", textOf(t, ctx, chromedp.ID("kb-hits")), "电动车充电桩怎么申请安装？")

		// The hotline office edits the synonyms: a one-word group is refused, a new group widens search.
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/kb?q="+url.QueryEscape("快充站")), chromedp.WaitVisible(chromedp.ID("kb-message"))); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/kb/synonyms"), chromedp.WaitVisible(chromedp.ID("s-groups")),
			chromedp.SetValue(chromedp.ID("s-groups"), "充电桩"), chromedp.Click(chromedp.ID("kb-synonyms-save"))); err != nil {
			t.Fatal(err)
		}
		wantContains(t, "one-word group", textOf(t, ctx, chromedp.ID("form-error")), "第 1 组同义词应有 2 到 20 个词")
		msg = submit(t, ctx, base+"/kb/synonyms", "kb-synonyms-form", chromedp.SetValue(chromedp.ID("s-groups"), "充电桩 快充站\n投诉 举报"))
		wantContains(t, "synonyms saved", msg, "同义词已保存")
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/kb?q="+url.QueryEscape("快充站")), chromedp.WaitVisible(chromedp.ID("kb-hits"))); err != nil {
			t.Fatal(err)
		}
		wantContains(t, "search with the new synonym", textOf(t, ctx, chromedp.ID("kb-hits")), "电动车充电桩怎么申请安装？")
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/kb/synonyms"), chromedp.WaitVisible(chromedp.ID("kb-synonyms-reset")),
			chromedp.Click(chromedp.ID("kb-synonyms-reset"))); err != nil {
			t.Fatal(err)
		}
		wantContains(t, "synonyms reset", textOf(t, ctx, chromedp.ID("flash")), "已恢复内置同义词")

		// Past its review-by date, the article is listed for its unit admin to renew.
		loginAs(t, ctx, base, "unit_admin")
		other := call(t, &http.Client{}, "POST", base+"/api/v1/kb/articles", tokens(t, db, "dispatcher")["dispatcher"],
			`{"title":"燃气费怎么交？","answer":"到燃气公司营业厅缴纳。","unit_code":"H001"}`, nil)
		if other.Status != 200 {
			t.Fatalf("draft of another unit: %d %v", other.Status, other.Body)
		}
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/kb/articles/"+fmt.Sprint(other.Body["id"])+"/edit")); err != nil {
			t.Fatal(err)
		}
		wantContains(t, "another unit's draft", textOf(t, ctx, chromedp.CSS("p.error")), "不存在")
		if r := call(t, &http.Client{}, "POST", base+"/api/v1/kb/articles/"+fmt.Sprint(other.Body["id"])+"/approve", tokens(t, db, "dispatcher")["dispatcher"], "", nil); r.Status != 200 {
			t.Fatalf("approve: %d %v", r.Status, r.Body)
		}
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/kb/articles/"+fmt.Sprint(other.Body["id"])+"/edit")); err != nil {
			t.Fatal(err)
		}
		wantContains(t, "another unit's article", textOf(t, ctx, chromedp.CSS("p.error")), "只能修改本单位")
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/kb/expiring"), chromedp.WaitVisible(chromedp.ID("kb-expiring"))); err != nil {
			t.Fatal(err)
		}
		wantContains(t, "expiring", textOf(t, ctx, chromedp.ID("kb-expiring")), "电动车充电桩怎么申请安装？", "已过期", "2020-01-31", "更新")

		// A handler has no call screen; staff see the first-call dashboard but not the editor.
		loginAs(t, ctx, base, "handler")
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/kb")); err != nil {
			t.Fatal(err)
		}
		wantContains(t, "handler on /kb", textOf(t, ctx, chromedp.CSS("p.error")), "当前角色无权访问此页面")
		loginAs(t, ctx, base, "staff")
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/kb/first-call"), chromedp.WaitVisible(chromedp.ID("fc-form"))); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/kb/articles")); err != nil {
			t.Fatal(err)
		}
		wantContains(t, "staff on the editor", textOf(t, ctx, chromedp.CSS("p.error")), "当前角色无权访问此页面")
	})
}
