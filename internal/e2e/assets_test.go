package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"govdesk/internal/app"
	"govdesk/internal/asset"
	"govdesk/internal/sheet"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

func sheetOf(rows ...map[string]string) *sheet.Table {
	t := &sheet.Table{}
	for i, r := range rows {
		t.Rows = append(t.Rows, sheet.NewRow(i+2, r))
	}
	return t
}

// seedAssets loads two towns' devices with September 2022 faults and a small register.
func seedAssets(t *testing.T, db *store.DB) {
	t.Helper()
	ctx := app.WithActor(context.Background(), app.Actor{Username: "staff", Role: app.RoleStaff})
	s := &asset.Service{Store: &store.Assets{DB: db}, Clock: app.SystemClock{}}
	dev := func(code, town, village, start string) map[string]string {
		return map[string]string{"设备编号": code, "设备名称": "自助终端", "设备类型": "自助终端", "所属镇街": town, "所属村居": village, "启用日期": start}
	}
	if _, _, err := s.ImportDevices(ctx, sheetOf(dev("T001", "城关镇", "东门村", "2022-01-01"), dev("T002", "城关镇", "", "2022-09-16"),
		dev("T003", "河口镇", "西岭村", "2022-01-01")), false); err != nil {
		t.Fatal(err)
	}
	f := func(code, start, end string) map[string]string {
		return map[string]string{"设备编号": code, "故障开始时间": start, "恢复时间": end, "故障描述": "无法开机"}
	}
	if _, _, err := s.ImportFaults(ctx, sheetOf(f("T001", "2022-09-10 08:00", "2022-09-10 20:00"), f("T001", "2022-09-10 18:00", "2022-09-11 02:00"),
		f("T002", "2022-09-29 00:00", "2022-10-01 00:00"), f("T003", "2022-09-30 12:00", "")), false); err != nil {
		t.Fatal(err)
	}
	a := func(code, cat, qty, value, inUse string) map[string]string {
		return map[string]string{"资产编号": code, "资产名称": cat, "资产类别": cat, "数量": qty, "原值": value, "是否在用": inUse, "盘点日期": "2022-12-20"}
	}
	if _, _, err := s.ImportAssets(ctx, sheetOf(a("A001", "计算机", "10", "9000", "是"), a("A002", "打印机", "1", "1000", "否")), false); err != nil {
		t.Fatal(err)
	}
}

func TestBrowser_DevicesAndAssets(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		base := startServer(t, db)
		seedAssets(t, db)
		ctx := newBrowser(t)
		if err := login(ctx, base, "staff", "demo"); err != nil {
			t.Fatal(err)
		}
		textOf(t, ctx, chromedp.ID("welcome"))                                                            // the home page has replaced the login page before the bar is used
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.Search(`//nav//button[contains(., "资产终端")]`)), // the bar's drop-down
			chromedp.WaitVisible(chromedp.CSS(`nav a[href="/devices"]`)),
			chromedp.Click(chromedp.CSS(`nav a[href="/devices"]`)), chromedp.WaitVisible(chromedp.ID("down-count"))); err != nil {
			t.Fatal(err)
		}
		if got := textOf(t, ctx, chromedp.ID("down-count")); got != "1" {
			t.Fatalf("devices down %q", got)
		}
		if got := textOf(t, ctx, chromedp.CSS(`#device-T003 .status`)); got != "故障" {
			t.Fatalf("T003 status %q", got)
		}
		if got := textOf(t, ctx, chromedp.CSS(`section[data-town="城关镇"] h2`)); !strings.Contains(got, "2 台") {
			t.Fatalf("town heading %q", got)
		}
		screenshot(t, ctx, "devices")
		err := chromedp.Do(ctx,
			chromedp.Click(chromedp.CSS(`a[href="/devices/availability"]`)),
			chromedp.WaitVisible(chromedp.ID("avail-town")),
			chromedp.Navigate(base+"/devices/availability?from=2022-09-01&to=2022-09-30"),
			chromedp.WaitVisible(chromedp.ID("avail-town")),
		)
		if err != nil {
			t.Fatal(err)
		}
		// T001 720 h − 18 h, T002 360 h − 48 h, T003 720 h − 12 h: 1 − 78 / 1800 = 95.67 %.
		if got := textOf(t, ctx, chromedp.CSS(`#avail-total td.rate`)); got != "95.67%" {
			t.Fatalf("availability %q", got)
		}
		if got := textOf(t, ctx, chromedp.ID("avail-town")); !strings.Contains(got, "城关镇") || !strings.Contains(got, "98.33%") {
			t.Fatalf("by town %q", got)
		}
		screenshot(t, ctx, "availability")
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/devices/faults?open=1"), chromedp.WaitVisible(chromedp.ID("faults"))); err != nil {
			t.Fatal(err)
		}
		if got := textOf(t, ctx, chromedp.ID("faults")); !strings.Contains(got, "T003") || strings.Contains(got, "T001") {
			t.Fatalf("open faults %q", got)
		}
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#faults a[href="/devices/T003"]`)), chromedp.WaitVisible(chromedp.ID("device-status"))); err != nil {
			t.Fatal(err)
		}
		if got := textOf(t, ctx, chromedp.ID("device-facts")); !strings.Contains(got, "河口镇") || !strings.Contains(got, "西岭村") {
			t.Fatalf("device facts %q", got)
		}
		// Record a fault by hand on T001, then recover it.
		err = chromedp.Do(ctx,
			chromedp.Navigate(base+"/devices/T001"),
			chromedp.WaitVisible(chromedp.ID("fault-form")),
			chromedp.SendKeys(chromedp.ID("description"), "卡纸"),
			chromedp.Click(chromedp.ID("record-fault")),
			chromedp.WaitVisible(chromedp.ID("flash")),
		)
		if err != nil {
			t.Fatal(err)
		}
		if got := textOf(t, ctx, chromedp.ID("flash")); got != "故障已登记" {
			t.Fatalf("record flash %q", got)
		}
		if got := textOf(t, ctx, chromedp.ID("device-status")); got != "故障" {
			t.Fatalf("status after recording %q", got)
		}
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/devices/T001"), chromedp.WaitVisible(chromedp.CSS(`#faults button.recover`)),
			chromedp.Click(chromedp.CSS(`#faults button.recover`)), chromedp.WaitVisible(chromedp.ID("flash"))); err != nil {
			t.Fatal(err)
		}
		if got := textOf(t, ctx, chromedp.ID("flash")); got != "故障已恢复" {
			t.Fatalf("recover flash %q", got)
		}
		if got := textOf(t, ctx, chromedp.ID("device-status")); got != "正常" {
			t.Fatalf("status after recovery %q", got)
		}
		if err := chromedp.Do(ctx, chromedp.Navigate(base+"/assets?year=2022"), chromedp.WaitVisible(chromedp.ID("utilization"))); err != nil {
			t.Fatal(err)
		}
		if got := textOf(t, ctx, chromedp.ID("utilization")); got != "90.00%" {
			t.Fatalf("utilization %q", got)
		}
		if got := textOf(t, ctx, chromedp.ID("stocktakes")); !strings.Contains(got, "A001") || !strings.Contains(got, "相符") {
			t.Fatalf("stock-takes %q", got)
		}
		screenshot(t, ctx, "assets")
	})
}

// The handler role does not see the device pages.
func TestBrowser_DevicesForbidden(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		base := startServer(t, db)
		ctx := newBrowser(t)
		if err := login(ctx, base, "handler", "demo"); err != nil {
			t.Fatal(err)
		}
		ctx2, cancel := context.WithTimeout(ctx, 20*time.Second)
		defer cancel()
		if err := chromedp.Do(ctx2, chromedp.WaitVisible(chromedp.CSS(`nav a[href="/notices"]`)), chromedp.Navigate(base+"/devices"), chromedp.WaitVisible(chromedp.CSS("main"))); err != nil {
			t.Fatal(err)
		}
		if got := textOf(t, ctx2, chromedp.CSS("main")); !strings.Contains(got, "无权") {
			t.Fatalf("handler on /devices: %q", got)
		}
	})
}
