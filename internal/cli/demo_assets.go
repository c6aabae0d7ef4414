package cli

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/asset"
	"govdesk/internal/config"
	"govdesk/internal/demo"
	"govdesk/internal/sheet"
	"govdesk/internal/store"
)

// demoTowns are the 19 towns and streets of the demo county.
var demoTowns = demo.Towns

var demoDeviceKinds = []string{"自助服务终端", "自助服务终端", "复印机", "身份证阅读器", "高拍仪"}

// loadDemoAssets adds 120 terminals in the 19 towns with a year of faults (2022 and
// since) and a small asset register with its 2022 stock-take (SPEC §14). It is
// deterministic and may run again (rows are updated by their keys).
func loadDemoAssets(ctx context.Context, db *store.DB, c config.Config) error {
	ctx = app.WithActor(ctx, app.System)
	s := wire(db, c).assets
	rnd := rand.New(rand.NewPCG(2022, 8))
	devs, faults := &sheet.Table{}, &sheet.Table{}
	start := time.Date(2021, 3, 1, 0, 0, 0, 0, app.Shanghai)
	now := time.Now()
	villages := demo.Villages()
	for i := range 120 {
		town := demoTowns[i%len(demoTowns)]
		village := ""
		if i >= len(demoTowns) { // one terminal in each town's service centre, the rest in its villages
			vs := villages[town]
			village = vs[(i/len(demoTowns)-1)%len(vs)]
		}
		code := fmt.Sprintf("ZD%03d", i+1)
		since := start.AddDate(0, 0, rnd.IntN(600))
		devs.Rows = append(devs.Rows, sheet.NewRow(i+2, map[string]string{"设备编号": code, "设备名称": town + "便民服务终端" + fmt.Sprint(i+1),
			"设备类型": demoDeviceKinds[i%len(demoDeviceKinds)], "所属镇街": town, "所属村居": village, "启用日期": since.Format(app.DateLayout)}))
		for t := since.Add(time.Duration(rnd.IntN(90*24)) * time.Hour); t.Before(now.Add(-48 * time.Hour)); t = t.Add(time.Duration(60+rnd.IntN(120)) * 24 * time.Hour) {
			down := time.Duration(1+rnd.IntN(16)) * time.Hour
			row := map[string]string{"设备编号": code, "故障开始时间": t.Format("2006-01-02 15:04"), "恢复时间": t.Add(down).Format("2006-01-02 15:04"),
				"故障描述": []string{"无法开机", "网络中断", "卡纸", "读卡失败", "屏幕无响应"}[rnd.IntN(5)]}
			faults.Rows = append(faults.Rows, sheet.NewRow(len(faults.Rows)+2, row))
		}
		if i%40 == 7 {
			faults.Rows = append(faults.Rows, sheet.NewRow(len(faults.Rows)+2, map[string]string{"设备编号": code,
				"故障开始时间": now.Add(-30 * time.Hour).In(app.Shanghai).Format("2006-01-02 15:04"), "故障描述": "网络中断，待运维上门"}))
		}
	}
	if _, bad, err := s.ImportDevices(ctx, devs, false); err != nil {
		return fmt.Errorf("demo devices: %w %v", err, bad)
	}
	if _, bad, err := s.ImportFaults(ctx, faults, false); err != nil {
		return fmt.Errorf("demo faults: %w %v", err, bad)
	}
	assets := &sheet.Table{}
	for i, a := range [][]string{
		{"ZC001", "台式计算机", "计算机", "46", "230000", "政务大厅", "是"}, {"ZC002", "笔记本电脑", "计算机", "8", "48000", "办公室", "是"},
		{"ZC003", "激光打印机", "打印机", "12", "36000", "政务大厅", "是"}, {"ZC004", "复印机", "复印机", "3", "45000", "政务大厅", "是"},
		{"ZC005", "碎纸机", "碎纸机", "3", "4500", "办公室", "是"}, {"ZC006", "排队叫号系统", "大厅设备", "1", "86000", "政务大厅", "是"},
		{"ZC007", "电子阅报屏", "大厅设备", "4", "52000", "政务大厅", "是"}, {"ZC008", "旧服务器", "计算机", "2", "60000", "机房", "否"},
		{"ZC009", "办公桌椅", "家具", "60", "72000", "办公室", "是"}, {"ZC010", "公务用车", "车辆", "1", "180000", "车库", "是"},
	} {
		assets.Rows = append(assets.Rows, sheet.NewRow(i+2, map[string]string{"资产编号": a[0], "资产名称": a[1], "资产类别": a[2], "数量": a[3],
			"原值": a[4], "存放地点": a[5], "是否在用": a[6]}))
	}
	if _, bad, err := s.ImportAssets(ctx, assets, false); err != nil {
		return fmt.Errorf("demo assets: %w %v", err, bad)
	}
	// The 2022 stock-take: the register again with the counts, two of them short.
	counts := map[string]string{"ZC001": "45", "ZC009": "58"}
	for i, r := range assets.Rows {
		m := map[string]string{"盘点日期": "2022-12-20"}
		for _, col := range asset.AssetSpec.Required {
			m[col] = r.Get(col)
		}
		m["存放地点"] = r.Get("存放地点")
		if n, ok := counts[m["资产编号"]]; ok {
			m["数量"] = n
		}
		assets.Rows[i] = sheet.NewRow(r.Num, m)
	}
	if _, bad, err := s.ImportAssets(ctx, assets, false); err != nil {
		return fmt.Errorf("demo stock-take: %w %v", err, bad)
	}
	for _, l := range []asset.Limit{{Category: "碎纸机", PercentOfHeadcount: 5}, {Category: "复印机", MaxQuantity: 2}, {Category: "车辆", MaxQuantity: 1}} {
		if err := s.SetLimit(ctx, l); err != nil {
			return err
		}
	}
	return nil
}
