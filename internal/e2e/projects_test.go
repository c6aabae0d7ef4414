package e2e

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"govdesk/internal/catalog"
	"govdesk/internal/project"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

// The centre's staff passes a project's first stage on the board's project page, and
// approves and pays a policy application in the review queue.
func TestBrowser_ProjectStageAndPolicyPayout(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		base := startServer(t, db)
		tok := tokens(t, db, "staff")
		c := &http.Client{}
		do := func(method, path, body string) {
			t.Helper()
			if r := call(t, c, method, base+path, tok["staff"], body, nil); r.Status/100 != 2 {
				t.Fatalf("%s %s: %d %v", method, path, r.Status, r.Body)
			}
		}
		do("POST", "/api/v1/projects", `{"code":"XM-7","name":"智能制造产业园","enterprise":"甲科技公司","contact":"张三","agent":"staff",
			"stages":[{"name":"立项用地规划许可","limit_days":10,"items":["GC001"]},{"name":"工程建设许可","limit_days":10},
			{"name":"施工许可","limit_days":10},{"name":"竣工验收","limit_days":20}]}`)
		seedCase(t, db)
		seedPolicy(t, db)
		late := project.Project{Code: "XM-8", Name: "物流仓储中心", Enterprise: "乙公司", CreatedAt: time.Date(2020, 3, 2, 9, 0, 0, 0, time.UTC),
			Stages: []project.Stage{{Name: "施工许可", LimitDays: 5, Started: time.Date(2020, 3, 2, 9, 0, 0, 0, time.UTC)}}}
		if _, err := store.NewProjectStore(db).CreateProject(context.Background(), &late); err != nil {
			t.Fatal(err)
		}
		do("POST", "/api/v1/policy-applications", `{"no":"ZS-001","policy_code":"ZC01","applicant":"甲科技公司","channel":"线下","materials":["营业执照","申请表"],"amount":80000}`)

		ctx := newBrowser(t)
		asked := answerDialogs(ctx, true, true, true) // pass, approve, pay
		loginAs(t, ctx, base, "staff")
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/projects"), chromedp.WaitVisible(chromedp.ID("project-board"))); err != nil {
			t.Fatal(err)
		}
		wantContains(t, "alerts", textOf(t, ctx, chromedp.ID("project-alerts")), "物流仓储中心", "施工许可", "超期")
		wantContains(t, "board", textOf(t, ctx, chromedp.CSS(`section[data-stage="立项用地规划许可"]`)), "智能制造产业园", "正常")
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/projects/XM-7"), chromedp.WaitVisible(chromedp.ID("stages"))); err != nil {
			t.Fatal(err)
		}
		wantContains(t, "stage cases", textOf(t, ctx, chromedp.ID("stages")), "GC001", "办件 BJ-0001：建设用地规划许可证核发，办理中")
		msg := submit(t, ctx, base+"/projects", "project-form", chromedp.SendKeys(chromedp.CSS("#project-form input[name=code]"), "XM-9"),
			chromedp.SendKeys(chromedp.CSS("#project-form input[name=name]"), "光伏组件厂"),
			chromedp.SendKeys(chromedp.CSS("#project-form input[name=enterprise]"), "丙新能源公司"))
		wantContains(t, "register", msg, "项目已登记，已开始“立项用地规划许可”阶段")
		msg = submit(t, ctx, base+"/projects", "project-form", chromedp.SendKeys(chromedp.CSS("#project-form input[name=code]"), "XM-9"),
			chromedp.SendKeys(chromedp.CSS("#project-form input[name=name]"), "重复"),
			chromedp.SendKeys(chromedp.CSS("#project-form input[name=enterprise]"), "丁公司"))
		wantContains(t, "duplicate project", msg, "项目代码 XM-9 已存在")
		msg = submit(t, ctx, base+"/projects/XM-7", "pass-form")
		wantContains(t, "pass question", <-asked, "“立项用地规划许可”阶段办结，转入“工程建设许可”阶段", "不能撤销")
		wantContains(t, "pass", msg, "“立项用地规划许可”阶段办结，转入“工程建设许可”阶段")
		wantContains(t, "stages", textOf(t, ctx, chromedp.ID("stages")), "已办结", "正常")
		wantContains(t, "ledger", textOf(t, ctx, chromedp.ID("ledger")), "交接", "转入“工程建设许可”阶段")
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/projects"), chromedp.WaitVisible(chromedp.ID("project-board"))); err != nil {
			t.Fatal(err)
		}
		wantContains(t, "board after", textOf(t, ctx, chromedp.CSS(`section[data-stage="工程建设许可"]`)), "智能制造产业园")

		msg = submit(t, ctx, base+"/policies/applications", "application-form",
			chromedp.SendKeys(chromedp.CSS("#application-form input[name=no]"), "ZS-002"),
			chromedp.SendKeys(chromedp.CSS("#application-form input[name=policy]"), "ZC01"),
			chromedp.SendKeys(chromedp.CSS("#application-form input[name=applicant]"), "乙商贸公司"),
			chromedp.SendKeys(chromedp.CSS("#application-form input[name=materials]"), "申请表"))
		wantContains(t, "missing material", msg, "申请缺少必需材料：营业执照")
		msg = submit(t, ctx, base+"/policies/applications", "approve-ZS-001")
		wantContains(t, "approve question", <-asked, "通过申请 ZS-001，核定金额 80000.00 元")
		wantContains(t, "approve", msg, "申请 ZS-001 已审核通过，核定金额 80000.00 元")
		msg = submit(t, ctx, base+"/policies/applications", "pay-ZS-001")
		wantContains(t, "pay question", <-asked, "向 甲科技公司 兑付 80000.00 元")
		wantContains(t, "pay", msg, "申请 ZS-001 已兑付 80000.00 元")
		wantContains(t, "queue", textOf(t, ctx, chromedp.ID("applications")), "已兑付", "80000.00 元")
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/public/policy-status?no=ZS-001&applicant=甲科技公司"),
			chromedp.WaitVisible(chromedp.ID("policy-status"))); err != nil {
			t.Fatal(err)
		}
		wantContains(t, "public status", textOf(t, ctx, chromedp.ID("policy-status")), "已兑付", "80000.00 元")
		res, err := http.Get(base + "/public/policy-status?no=ZS-001&applicant=" + url.QueryEscape("甲科技公司"))
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		wantContains(t, "anonymous status", string(body), "已兑付")
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/public/policy-status?no=ZS-001&applicant=别人"),
			chromedp.WaitVisible(chromedp.ID("status-error"))); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/projects/figures?from=2000-01-01&to=2099-12-31"),
			chromedp.WaitVisible(chromedp.ID("policy-figures"))); err != nil {
			t.Fatal(err)
		}
		wantContains(t, "figures", textOf(t, ctx, chromedp.ID("policy-figures")), "80000.00")
		wantContains(t, "project figures", textOf(t, ctx, chromedp.ID("project-figures")), "100.00%")
	})
}

func seedPolicy(t *testing.T, db *store.DB) {
	t.Helper()
	if _, _, err := store.NewProjectStore(db).UpsertPolicies(context.Background(), []project.Policy{{Code: "ZC01",
		Name: "工业企业技改补助", Department: "工信局", Materials: []string{"营业执照", "申请表"}, Channels: []string{"线上", "线下"}}}); err != nil {
		t.Fatal(err)
	}
}

// seedCase stores item GC001 and the enterprise's open case of it, accepted now.
func seedCase(t *testing.T, db *store.DB) {
	t.Helper()
	ctx := context.Background()
	cat := &store.Catalog{DB: db}
	units, err := cat.UnitKeys(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := cat.UpsertItems(ctx, []catalog.Item{{Code: "GC001", Name: "建设用地规划许可证核发", UnitID: units["U001"],
		Category: "行政许可", Status: catalog.StatusPublished, PromisedDays: 10}}, "test", time.Now()); err != nil {
		t.Fatal(err)
	}
	it, err := cat.FindItemByCode(ctx, "GC001")
	if err != nil {
		t.Fatal(err)
	}
	if _, _, _, err := cat.UpsertCases(ctx, []catalog.Case{{No: "BJ-0001", ItemID: it.ID, ItemCode: "GC001", Applicant: "甲科技公司",
		Channel: "窗口", Town: "城关镇", AcceptedAt: time.Now()}}); err != nil {
		t.Fatal(err)
	}
}
