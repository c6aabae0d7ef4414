package e2e

import (
	"context"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"govdesk/internal/app"
	"govdesk/internal/cli"
	"govdesk/internal/config"
	"govdesk/internal/document/documenttest"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
	"govdesk/internal/workorder"
)

// A leader opens the monthly brief of the demo data, follows a figure to the
// orders it counts and downloads the brief; staff choose the weekly orders and
// write the annual recommendations, which the downloads then carry.
func TestBrowser_Reports(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		base := startServer(t, db)
		if err := cli.LoadDemoCentre(context.Background(), db, config.Default(), io.Discard); err != nil {
			t.Fatal(err)
		}
		from, _ := app.ParseDate("2022-09-01")
		to, _ := app.ParseDate("2022-10-01")
		_, received, err := (&store.Orders{DB: db}).FindOrders(context.Background(), workorder.Filter{From: from, To: to})
		if err != nil || received == 0 {
			t.Fatalf("demo orders of 2022-09: %d %v", received, err)
		}
		want := strconv.Itoa(received)

		ctx := newBrowser(t)
		if err := login(ctx, base, "leader", "demo"); err != nil {
			t.Fatal(err)
		}
		err = chromedp.Do(ctx, chromedp.WaitNotPresent(chromedp.ID("login-form")),
			chromedp.Navigate(base+"/reports"), chromedp.WaitVisible(chromedp.ID("pick-monthly")),
			chromedp.WaitReady(chromedp.CSS(`nav a[href="/reports"]`)),
			chromedp.SetValue(chromedp.ID("pick-month"), "2022-09"),
			chromedp.Click(chromedp.CSS(`#pick-monthly button`)), chromedp.WaitVisible(chromedp.ID("report-body")))
		if err != nil {
			t.Fatal(err)
		}
		if got := textOf(t, ctx, chromedp.ID("report-title")); !strings.Contains(got, "每月简报") {
			t.Fatalf("title %q", got)
		}
		// The first figure of the summary is the month's received count; it links to those orders.
		first := `#report-body p a.figure`
		if got := textOf(t, ctx, chromedp.CSS(first)); got != want {
			t.Fatalf("received on the page %q, the orders of September %s", got, want)
		}
		charts, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#report-body svg.chart a").length`))
		if err != nil || charts < 12 {
			t.Fatalf("linked chart values: %d %v", charts, err)
		}
		screenshot(t, ctx, "report-monthly")
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(first)), chromedp.WaitVisible(chromedp.ID("orders-total"))); err != nil {
			t.Fatal(err)
		}
		if got := textOf(t, ctx, chromedp.ID("orders-total")); !strings.Contains(got, "共 "+want+" 件") {
			t.Fatalf("drill-down lists %q, the brief says %s", got, want)
		}
		// Download the Word file from the page's button.
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/reports/monthly/2022-09"), chromedp.WaitVisible(chromedp.ID("download-docx"))); err != nil {
			t.Fatal(err)
		}
		href, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("download-docx").getAttribute("href")`))
		if err != nil {
			t.Fatal(err)
		}
		ct, data := fetchBytes(t, ctx, href)
		if !strings.Contains(ct, "wordprocessingml") {
			t.Fatalf("download content type %q", ct)
		}
		text := documenttest.DocxText(t, data)
		if !documenttest.Contains(text, "每月简报") || !documenttest.Contains(text, "本月共受理群众诉求"+want+"件") {
			t.Fatalf("downloaded brief lacks the figures: %q", text[:min(8, len(text))])
		}
		if _, x := fetchBytes(t, ctx, strings.Replace(href, "/docx", "/xlsx", 1)); documenttest.Parts(t, x)["xl/workbook.xml"] == nil {
			t.Fatal("the .xlsx download is not a workbook")
		}
		// A leader reads but does not edit the recommendations.
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/reports/annual/2022"), chromedp.WaitVisible(chromedp.ID("recommendations"))); err != nil {
			t.Fatal(err)
		}
		if n, _ := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("#recommendations-form").length`)); n != 0 {
			t.Fatal("a leader sees the recommendations form")
		}

		staff := newBrowser(t)
		if err := login(staff, base, "staff", "demo"); err != nil {
			t.Fatal(err)
		}
		err = chromedp.Do(staff, chromedp.WaitNotPresent(chromedp.ID("login-form")),
			chromedp.Navigate(base+"/reports/annual/2022"), chromedp.WaitVisible(chromedp.ID("recommendations-body")),
			chromedp.SendKeys(chromedp.ID("recommendations-body"), "一、深化路灯报修“接诉即办”。\n二、对反复出现的问题开展专项治理。"))
		if err != nil {
			t.Fatal(err)
		}
		if got := submitForFlash(t, staff, `#recommendations-form button`); got != "意见建议已保存，重新生成报告时保留" {
			t.Fatalf("recommendations flash %q", got)
		}
		if got := textOf(t, staff, chromedp.CSS(`#recommendations .passage`)); !strings.Contains(got, "二、对反复出现的问题开展专项治理。") {
			t.Fatalf("recommendations shown %q", got)
		}
		_, annual := fetchBytes(t, staff, "/reports/annual/2022/download/docx")
		if !documenttest.Contains(documenttest.DocxText(t, annual), "一、深化路灯报修“接诉即办”。") {
			t.Fatal("annual download lacks the recommendations")
		}
		// Weekly: keep only the first two ranked orders.
		err = chromedp.Do(staff, chromedp.Navigate(base+"/reports/weekly/2022-W39"), chromedp.WaitVisible(chromedp.ID("selection-form")))
		if err != nil {
			t.Fatal(err)
		}
		screenshot(t, staff, "report-weekly")
		nos, err := chromedp.Run(staff, chromedp.Evaluate[[]string](`(() => { const boxes = [...document.querySelectorAll('#candidates input[name="order"]')];
			boxes.forEach((b, i) => b.checked = i < 2); return boxes.slice(0, 2).map(b => b.value); })()`))
		if err != nil || len(nos) != 2 {
			t.Fatalf("candidates: %v %v", nos, err)
		}
		if got := submitForFlash(t, staff, `#save-selection`); got != "已保存本周典型工单（2 件），下载的周报按此生成" {
			t.Fatalf("selection flash %q", got)
		}
		_, weekly := fetchBytes(t, staff, "/reports/weekly/2022-W39/download/docx")
		wt := documenttest.DocxText(t, weekly)
		if !documenttest.Contains(wt, "本周典型工单共 2 件，由热线办从本周工单中选定") || !documenttest.Contains(wt, nos[0]) || !documenttest.Contains(wt, nos[1]) {
			t.Fatalf("weekly download does not follow the selection %v", nos)
		}
	})
}
