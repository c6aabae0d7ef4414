package store_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"govdesk/internal/account"
	"govdesk/internal/app"
	"govdesk/internal/asset"
	"govdesk/internal/catalog"
	"govdesk/internal/sheet"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

// TestNameLimits: the names of units, service items, assets and devices have a
// length limit in their domain's validation; a 1 MB name is refused with a Chinese
// message naming the field and the limit (without echoing the value), nothing is
// stored, and a name of exactly the limit is accepted.
func TestNameLimits(t *testing.T) {
	huge := strings.Repeat("名", 1<<20/3)
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		admin := app.WithActor(context.Background(), app.System)
		wantRefused := func(what string, msgs []string, field string, limit int) {
			t.Helper()
			for _, m := range msgs {
				if strings.Contains(m, field) && strings.Contains(m, "不能超过 "+strconv.Itoa(limit)+" 个字") {
					if len(m) > 500 {
						t.Errorf("%s: the message echoes the value (%d bytes)", what, len(m))
					}
					return
				}
			}
			t.Errorf("%s: no error names %s and its limit %d: %.300v", what, field, limit, msgs)
		}

		acc := account.NewService(&store.Accounts{DB: db}, app.SystemClock{})
		_, err := acc.CreateUnit(admin, account.Unit{Code: "X001", Name: huge})
		wantRefused("unit", []string{app.ErrorMessage(err)}, "单位名称", account.MaxUnitName)
		if app.ErrorCode(err) != app.EInvalid {
			t.Errorf("unit with a 1 MB name: %v", err)
		}
		if _, err := (&store.Accounts{DB: db}).FindUnitByCode(context.Background(), "X001"); app.ErrorCode(err) != app.ENotFound {
			t.Errorf("the refused unit was stored: %v", err)
		}
		if u, err := acc.CreateUnit(admin, account.Unit{Code: "X002", Name: strings.Repeat("局", account.MaxUnitName)}); err != nil || u.Code != "X002" {
			t.Errorf("a unit name of the limit: %v", err)
		}

		cat := &catalog.Service{Store: &store.Catalog{DB: db}, Clock: app.SystemClock{}}
		staff := app.WithActor(context.Background(), app.Actor{Username: "staff", Role: app.RoleStaff})
		item := func(name string) map[string]string {
			return map[string]string{"实施编码": "11440200MB2C900001", "事项名称": name, "实施主体": "X002", "事项类型": "行政许可",
				"是否依申请": "是", "是否进驻大厅": "是", "是否一窗受理": "是", "是否网上可办": "是", "网办深度": "4", "到现场次数": "0",
				"是否全市通办": "否", "是否跨省通办": "否", "是否免证办": "否", "办件类型": "承诺件", "法定时限": "20", "承诺时限": "5", "状态": "已发布"}
		}
		_, bad, err := cat.ImportItems(staff, table(item(huge)), false)
		wantRefused("item", rowReasons(bad), "事项名称", catalog.MaxItemName)
		if err == nil {
			t.Error("an item with a 1 MB name was imported")
		}
		if _, err := cat.SaveItem(staff, item(strings.Repeat("审", catalog.MaxItemName))); err != nil {
			t.Errorf("an item name of the limit: %v", err)
		}
		if _, err := cat.SaveItem(staff, item(strings.Repeat("审", catalog.MaxItemName+1))); app.ErrorCode(err) != app.EInvalid || !strings.Contains(app.ErrorMessage(err), "事项名称") {
			t.Errorf("the editor saves an item name over the limit: %v", err)
		}

		as, _, ctx := assetService(db, cst("2023-01-10 09:00"))
		assetRow := func(name string) map[string]string {
			return map[string]string{"资产编号": "A1", "资产名称": name, "资产类别": "计算机", "数量": "1", "原值": "6000", "是否在用": "是", "存放地点": "大厅"}
		}
		_, bad, err = as.ImportAssets(ctx, table(assetRow(huge)), false)
		wantRefused("asset", rowReasons(bad), "资产名称", asset.MaxName)
		if list, _ := as.Assets(ctx); err == nil || len(list) != 0 {
			t.Errorf("an asset with a 1 MB name: %v, %d stored", err, len(list))
		}
		if _, bad, err := as.ImportAssets(ctx, table(assetRow(strings.Repeat("机", asset.MaxName))), false); err != nil {
			t.Errorf("an asset name of the limit: %v %v", err, bad)
		}
		devRow := func(name string) map[string]string {
			return map[string]string{"设备编号": "T001", "设备名称": name, "设备类型": "自助终端", "所属镇街": "城关镇", "启用日期": "2022-01-01"}
		}
		_, bad, err = as.ImportDevices(ctx, table(devRow(huge)), false)
		wantRefused("device", rowReasons(bad), "设备名称", asset.MaxName)
		if list, _ := as.Devices(ctx); err == nil || len(list) != 0 {
			t.Errorf("a device with a 1 MB name: %v, %d stored", err, len(list))
		}
		if _, bad, err := as.ImportDevices(ctx, table(devRow(strings.Repeat("端", asset.MaxName))), false); err != nil {
			t.Errorf("a device name of the limit: %v %v", err, bad)
		}
	})
}

func rowReasons(list []sheet.RowError) []string {
	var out []string
	for _, e := range list {
		out = append(out, e.Column+"："+e.Value+"："+e.Reason)
	}
	return out
}
