package e2e

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

// A 差评 posted by a window evaluation device is verified and rectified by the owner
// unit's handler in the browser and closed by the centre's staff; the handler cannot close it.
func TestBrowser_RectificationClosed(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		base := startServer(t, db)
		tok := tokens(t, db, "staff", "handler")
		c := &http.Client{}
		res := call(t, c, "POST", base+"/api/v1/evaluations", tok["staff"],
			`{"channel":"窗口评价器","target_kind":"窗口","target":"3号窗口","unit_code":"U001","level":1,"content":"等候时间太长"}`, nil)
		if res.Status != http.StatusCreated {
			t.Fatalf("post evaluation: %d %v", res.Status, res.Body)
		}
		rect, _ := res.Body["rectification"].(map[string]any)
		if rect == nil || rect["status"] != "待核实" || rect["verify_deadline"] == "" {
			t.Fatalf("rectification %v", res.Body)
		}
		id := fmt.Sprint(res.Body["id"])
		if bad := call(t, c, "POST", base+"/api/v1/evaluations", tok["staff"], `{"channel":"柜台","target_kind":"窗口","target":"x","level":9}`, nil); bad.Status != http.StatusBadRequest {
			t.Errorf("bad evaluation: %d", bad.Status)
		}

		ctx := newBrowser(t)
		asked := answerDialogs(ctx, true) // the centre's close
		// The centre's staff sees the record but not the unit's forms.
		loginAs(t, ctx, base, "staff")
		page := base + "/rectifications/" + id
		if err := chromedp.Do(ctx, chromedp.Navigate(page), chromedp.WaitVisible(chromedp.ID("rect-waiting"))); err != nil {
			t.Fatal(err)
		}
		wantContains(t, "staff waits", textOf(t, ctx, chromedp.ID("rect-waiting")), "等待责任单位")
		if n, err := chromedp.Run(ctx, chromedp.Nodes(chromedp.ID("verify-form"), chromedp.AtLeast(0))); err != nil || len(n) != 0 {
			t.Errorf("the staff sees the verify form (%d, %v)", len(n), err)
		}
		loginAs(t, ctx, base, "handler")
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/rectifications"), chromedp.WaitVisible(chromedp.ID("rectifications"))); err != nil {
			t.Fatal(err)
		}
		wantContains(t, "list", textOf(t, ctx, chromedp.ID("rectifications")), "等候时间太长", "待核实")
		msg := submit(t, ctx, page, "verify-form", chromedp.SetValue(chromedp.CSS("#verify-form textarea[name=note]"), "已电话联系评价人"))
		wantContains(t, "verify", msg, "已登记核实结果")
		msg = submit(t, ctx, page, "rectify-form",
			chromedp.SendKeys(chromedp.CSS("#rectify-form textarea[name=action]"), "高峰时段增开窗口"),
			chromedp.SendKeys(chromedp.CSS("#rectify-form textarea[name=feedback]"), "已回访，评价人认可"))
		wantContains(t, "rectify", msg, "已提交整改结果")
		wantContains(t, "status", textOf(t, ctx, chromedp.ID("rect-status")), "待中心审核")
		// The 核实 record is still there after the 整改 step.
		wantContains(t, "verify record", textOf(t, ctx, chromedp.ID("step-verify")), "属实", "已电话联系评价人")
		wantContains(t, "rectify record", textOf(t, ctx, chromedp.ID("step-rectify")), "高峰时段增开窗口", "已回访，评价人认可")
		if n, err := chromedp.Run(ctx, chromedp.Nodes(chromedp.ID("close-form"), chromedp.AtLeast(0))); err != nil || len(n) != 0 {
			t.Errorf("the handler sees the close form (%d, %v)", len(n), err)
		}
		if r := call(t, c, "POST", base+"/api/v1/evaluations/"+id+"/close", tok["handler"], "", nil); r.Status != http.StatusForbidden {
			t.Errorf("handler close: %d %v", r.Status, r.Body)
		}
		if r := call(t, c, "POST", base+"/api/v1/evaluations/"+id+"/rectify", tok["staff"], `{"action":"代为整改","feedback":"x"}`, nil); r.Status != http.StatusForbidden {
			t.Errorf("staff rectify: %d %v", r.Status, r.Body)
		}

		loginAs(t, ctx, base, "staff")
		msg = submit(t, ctx, page, "close-form")
		wantContains(t, "close question", <-asked, "办结")
		wantContains(t, "close", msg, "整改已办结")
		wantContains(t, "detail", textOf(t, ctx, chromedp.ID("rectification")), "已办结")
		steps := textOf(t, ctx, chromedp.ID("rect-steps"))
		wantContains(t, "every step's record", steps, "已电话联系评价人", "高峰时段增开窗口", "已回访，评价人认可", "按时", "已办结")
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/rectifications"), chromedp.WaitVisible(chromedp.ID("rectifications-empty"))); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/evaluations"), chromedp.WaitVisible(chromedp.ID("evaluation-figures"))); err != nil {
			t.Fatal(err)
		}
		figs := textOf(t, ctx, chromedp.ID("evaluation-figures"))
		if !strings.Contains(figs, "100.00%") {
			t.Errorf("figures %q lack the 100%% rectification rate", figs)
		}
	})
}
