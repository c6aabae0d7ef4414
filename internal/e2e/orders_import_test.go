package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

func TestBrowser_OrderImport(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		base := startServer(t, db)
		dir := t.TempDir()
		other := filepath.Join(dir, "网络问政.csv") // other headers, one bad row
		good := filepath.Join(dir, "orders.csv")
		os.WriteFile(other, []byte("工单编号,受理时间,诉求类型,留言详情,承办单位\n"+
			"W1,2022-09-01 09:00,咨询,东门路灯不亮,U001\nW2,2022-09-01 10:00,问询,井盖缺失,U999\n"), 0o644)
		os.WriteFile(good, []byte("工单编号,受理时间,诉求类型,诉求内容,所属镇街,派单时间,承办单位,联系电话\n"+
			"A1,2022-09-01 09:00,投诉,东门路灯不亮,城关镇,2022-09-01 10:00,U001,13800138000\n"), 0o644)
		ctx := newBrowser(t)
		loginAs(t, ctx, base, "dispatcher")

		t.Run("MappingAndRowErrors", func(t *testing.T) {
			if err := chromedp.Do(ctx, chromedp.Navigate(base+"/orders/import"),
				chromedp.SetUploadFiles(chromedp.ID("import-file"), []string{other}),
				chromedp.Click(chromedp.ID("import-submit"))); err != nil {
				t.Fatal(err)
			}
			wantContains(t, "mapping step", textOf(t, ctx, chromedp.ID("import-mapping")), "缺少必需的列：诉求内容")
			screenshot(t, ctx, "import-mapping")
			if err := chromedp.Do(ctx, chromedp.SetValue(chromedp.CSS(`select[name="map:诉求内容"]`), "留言详情"),
				chromedp.Click(chromedp.ID("mapping-submit"))); err != nil {
				t.Fatal(err)
			}
			errs := textOf(t, ctx, chromedp.ID("import-errors"))
			screenshot(t, ctx, "import-errors")
			wantContains(t, "row errors", errs, "未导入任何数据", "3", "诉求类型", "问询", "承办单位", "U999")
		})

		t.Run("OK", func(t *testing.T) {
			if err := chromedp.Do(ctx, chromedp.Navigate(base+"/orders/import"),
				chromedp.SetUploadFiles(chromedp.ID("import-file"), []string{good}),
				chromedp.Click(chromedp.ID("import-submit"))); err != nil {
				t.Fatal(err)
			}
			wantContains(t, "summary", textOf(t, ctx, chromedp.ID("import-summary")), "新增 1 件", "城关镇") // a town the registry did not have yet
			if err := chromedp.Do(ctx, chromedp.Navigate(base+"/orders")); err != nil {
				t.Fatal(err)
			}
			wantContains(t, "imported order", textOf(t, ctx, chromedp.ID("orders")), "A1", "待签收", "已超期", "138****8000")
			if rows := rowClasses(t, ctx, "orders"); len(rows) != 1 || rows[0] != "row-overdue" {
				t.Fatalf("imported order's colour %v", rows)
			}
		})

		t.Run("Export", func(t *testing.T) {
			href, err := chromedp.Run(ctx, chromedp.AttributeValue(chromedp.ID("export-link"), "href"))
			if err != nil || !href.Exists {
				t.Fatalf("export link: %v", err)
			}
			js := `fetch(` + "`" + href.Value + "`" + `).then(r => r.headers.get("Content-Type") + " " + r.headers.get("Content-Disposition"))`
			got, err := chromedp.Run(ctx, chromedp.Evaluate[string](js, chromedp.EvalAwaitPromise))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(got, "spreadsheetml") || !strings.Contains(got, ".xlsx") {
				t.Fatalf("export response %q", got)
			}
		})

		t.Run("ErrHandler", func(t *testing.T) {
			loginAs(t, ctx, base, "handler")
			if err := chromedp.Do(ctx, chromedp.Navigate(base+"/orders/import")); err != nil {
				t.Fatal(err)
			}
			wantContains(t, "handler", textOf(t, ctx, chromedp.CSS("p.error")), "无权访问")
		})
	})
}
