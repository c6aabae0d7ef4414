package store_test

import (
	"context"
	"testing"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/asset"
	"govdesk/internal/sheet"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

func assetService(db *store.DB, now time.Time) (*asset.Service, *app.FixedClock, context.Context) {
	clock := &app.FixedClock{T: now}
	ctx := app.WithActor(context.Background(), app.Actor{Username: "staff", Role: app.RoleStaff})
	return &asset.Service{Store: &store.Assets{DB: db}, Clock: clock, Headcount: 60}, clock, ctx
}

func table(rows ...map[string]string) *sheet.Table {
	t := &sheet.Table{}
	for i, r := range rows {
		t.Rows = append(t.Rows, sheet.NewRow(i+2, r))
	}
	return t
}

func cst(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, app.Shanghai)
	if err != nil {
		panic(err)
	}
	return t
}

func TestAssets_ImportAssets(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		s, _, ctx := assetService(db, cst("2023-01-10 09:00"))
		row := func(code, cat, qty, value, inUse, checked string) map[string]string {
			return map[string]string{"资产编号": code, "资产名称": cat + code, "资产类别": cat, "数量": qty, "原值": value, "是否在用": inUse, "存放地点": "大厅", "盘点日期": checked}
		}
		sum, bad, err := s.ImportAssets(ctx, table(row("A1", "碎纸机", "3", "3,000.00", "是", ""), row("A2", "计算机", "10", "6000", "否", "2021-12-20")), false)
		if err != nil || sum.Imported != 2 || sum.Updated != 0 || len(bad) != 0 {
			t.Fatalf("import = %+v %v %v", sum, bad, err)
		}
		// A bad file is rejected whole: the good row is not written either.
		sum, bad, err = s.ImportAssets(ctx, table(row("A3", "打印机", "1", "100", "是", ""), row("A4", "打印机", "x", "-5", "也许", "2099-01-01"), row("A3", "打印机", "1", "1", "是", "")), false)
		if app.ErrorCode(err) != app.EInvalid || len(bad) != 5 {
			t.Fatalf("bad file = %+v %v %v", sum, bad, err)
		}
		if bad[0].Row != 3 || bad[0].Column != "数量" || bad[4].Row != 4 || bad[4].Column != "资产编号" {
			t.Fatalf("row errors %+v", bad)
		}
		if as, _ := s.Assets(ctx); len(as) != 2 {
			t.Fatalf("a rejected file wrote %d assets", len(as))
		}
		// Re-import with a stock-take: A1 counted 4 (book 3), A2 updated in use.
		sum, _, err = s.ImportAssets(ctx, table(row("A1", "碎纸机", "4", "4000", "是", "2022-12-28"), row("A2", "计算机", "10", "6000", "是", "2022-12-28")), false)
		if err != nil || sum.Imported != 0 || sum.Updated != 2 {
			t.Fatalf("re-import = %+v %v", sum, err)
		}
		takes, err := s.StockTakes(ctx, 2022)
		if err != nil || len(takes) != 2 || takes[0].AssetCode != "A1" || takes[0].Book != 3 || takes[0].Counted != 4 || takes[0].Difference() != 1 || takes[1].Difference() != 0 {
			t.Fatalf("stock-takes %+v %v", takes, err)
		}
		// The same year's count imported again keeps its book quantity.
		if _, _, err := s.ImportAssets(ctx, table(row("A1", "碎纸机", "2", "4000", "是", "2022-12-30")), false); err != nil {
			t.Fatal(err)
		}
		if takes, _ := s.StockTakes(ctx, 0); len(takes) != 3 || takes[0].Book != 3 || takes[0].Counted != 2 || takes[0].TakenOn != "2022-12-30" || takes[2].Year != 2021 {
			t.Fatalf("stock-takes after recount %+v", takes)
		}
		if err := s.SetLimit(ctx, asset.Limit{Category: "碎纸机", PercentOfHeadcount: 5}); err != nil {
			t.Fatal(err)
		}
		reg, err := s.Register(ctx)
		if err != nil || *reg.Utilization.Percent != 100 || len(reg.Findings) != 0 {
			t.Fatalf("register %+v %v", reg, err)
		}
		s.Headcount = 39 // 5 % of 39 = 1.95: 1 shredder allowed, 2 held
		if reg, _ := s.Register(ctx); len(reg.Findings) != 1 || reg.Findings[0].Allowed != 1 || len(reg.Limits) != 1 {
			t.Fatalf("findings %+v", reg.Findings)
		}
		leader := app.WithActor(context.Background(), app.Actor{Role: app.RoleHandler})
		if _, _, err := s.ImportAssets(leader, table(), false); app.ErrorCode(err) != app.EForbidden {
			t.Fatalf("handler import: %v", err)
		}
	})
}

func devRow(code, town, village, start string) map[string]string {
	return map[string]string{"设备编号": code, "设备名称": "自助终端" + code, "设备类型": "自助终端", "所属镇街": town, "所属村居": village, "启用日期": start}
}

func faultRow(code, start, end string) map[string]string {
	return map[string]string{"设备编号": code, "故障开始时间": start, "恢复时间": end, "故障描述": "无法开机"}
}

func TestAssets_DevicesFaultsAvailability(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		s, _, ctx := assetService(db, cst("2022-12-01 09:00"))
		sum, bad, err := s.ImportDevices(ctx, table(devRow("T001", "城关镇", "东门村", "2022-01-01"), devRow("T002", "城关镇", "", "2022-09-16"), devRow("T003", "河口镇", "西岭村", "2022-10-05")), false)
		if err != nil || sum.Imported != 3 || len(sum.CreatedRegions) != 4 || len(bad) != 0 {
			t.Fatalf("devices = %+v %v %v", sum, bad, err)
		}
		_, bad, err = s.ImportDevices(ctx, table(devRow("T004", "城关镇", "", "2022-01-01"), devRow("T 5", "", "", "某天")), false)
		if app.ErrorCode(err) != app.EInvalid || len(bad) != 3 {
			t.Fatalf("bad devices file = %v %v", bad, err)
		}
		sum, _, err = s.ImportDevices(ctx, table(devRow("T001", "城关镇", "南关村", "2022-01-01")), false)
		if err != nil || sum.Updated != 1 || len(sum.CreatedRegions) != 1 {
			t.Fatalf("re-import device = %+v %v", sum, err)
		}
		devs, err := s.Devices(ctx)
		if err != nil || len(devs) != 3 || devs[0].Village != "南关村" || devs[0].Town != "城关镇" || !devs[1].InService.Equal(cst("2022-09-16 00:00")) {
			t.Fatalf("devices %+v %v", devs, err)
		}
		_, bad, err = s.ImportFaults(ctx, table(faultRow("T001", "2022-09-10 08:00", "2022-09-10 20:00"), faultRow("T999", "2022-09-10 08:00", ""),
			faultRow("T002", "2022-09-20 10:00", "2022-09-20 09:00"), faultRow("T003", "2023-01-01 00:00", "")), false)
		if app.ErrorCode(err) != app.EInvalid || len(bad) != 3 {
			t.Fatalf("bad faults file = %+v %v", bad, err)
		}
		faults := table(
			faultRow("T001", "2022-08-31 12:00", "2022-09-01 12:00"), // crosses the start: 12 h
			faultRow("T001", "2022-09-10 08:00", "2022-09-10 20:00"), // overlapping pair: 18 h in all
			faultRow("T001", "2022-09-10 18:00", "2022-09-11 02:00"),
			faultRow("T001", "2022-09-30 18:00", "2022-10-02 00:00"), // crosses the end: 6 h
			faultRow("T002", "2022-09-29 00:00", ""),                 // still open: 48 h in September
		)
		sum, _, err = s.ImportFaults(ctx, faults, false)
		if err != nil || sum.Imported != 5 {
			t.Fatalf("faults = %+v %v", sum, err)
		}
		sum, _, err = s.ImportFaults(ctx, table(faultRow("T002", "2022-09-29 00:00", "2022-09-30 00:00")), false)
		if err != nil || sum.Updated != 1 || sum.Imported != 0 {
			t.Fatalf("re-import fault = %+v %v", sum, err)
		}
		sum, _, _ = s.ImportFaults(ctx, table(faultRow("T002", "2022-09-29 00:00", "")), false)
		sep := asset.Period{From: cst("2022-09-01 00:00"), To: cst("2022-10-01 00:00")}
		fig, err := s.Availability(ctx, sep)
		if err != nil {
			t.Fatal(err)
		}
		// T001 720 h − 36 h down, T002 360 h − 48 h down: 1 − 84 / 1080.
		r := fig.Total.Report()
		if r.Devices != 2 || r.Faults != 4 || r.DowntimeHours != 84 || *r.Availability != 92.22 {
			t.Fatalf("availability %+v", r)
		}
		if len(fig.ByDevice) != 2 || *fig.ByDevice[0].Percent() != 95 || len(fig.ByTown) != 1 || len(fig.ByMonth) != 1 {
			t.Fatalf("groups %+v %+v", fig.ByDevice, fig.ByTown)
		}
		if open, _ := s.Faults(ctx, asset.FaultFilter{OpenOnly: true}); len(open) != 1 || open[0].DeviceCode != "T002" || open[0].Town != "城关镇" {
			t.Fatalf("open faults %+v", open)
		}
		if devs, _ := s.Devices(ctx); devs[1].OpenFaults != 1 || devs[1].Status(cst("2022-12-01 09:00")) != "故障" || devs[2].Status(cst("2022-10-01 00:00")) != "未启用" {
			t.Fatalf("status %+v", devs)
		}
	})
}

func TestAssets_Heartbeats(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		s, clock, ctx := assetService(db, cst("2022-12-01 09:00"))
		s.HeartbeatTimeout = 10 * time.Minute
		if _, _, err := s.ImportDevices(ctx, table(devRow("T001", "城关镇", "", "2022-01-01"), devRow("T002", "城关镇", "", "2022-01-01")), false); err != nil {
			t.Fatal(err)
		}
		tok, err := s.IssueToken(ctx, "T001")
		if err != nil || len(tok) != 68 {
			t.Fatalf("token %q %v", tok, err)
		}
		var stored string
		if err := db.QueryRow(`SELECT token_hash FROM devices WHERE code = 'T001'`).Scan(&stored); err != nil || stored == tok || stored != asset.HashToken(tok) {
			t.Fatalf("token must be stored as its SHA-256: %q %v", stored, err)
		}
		if _, err := s.IssueToken(ctx, "T404"); app.ErrorCode(err) != app.ENotFound {
			t.Fatalf("unknown device: %v", err)
		}
		if _, err := s.Heartbeat(ctx, "T002", tok); app.ErrorCode(err) != app.EUnauthorized {
			t.Fatalf("another device's token: %v", err)
		}
		if _, err := s.Heartbeat(ctx, "T001", "gdd_wrong"); app.ErrorCode(err) != app.EUnauthorized {
			t.Fatalf("wrong token: %v", err)
		}
		clock.T = cst("2022-12-01 09:05")
		if _, err := s.Heartbeat(ctx, "T001", tok); err != nil {
			t.Fatal(err)
		}
		clock.T = cst("2022-12-01 09:14")
		if n, err := s.CheckHeartbeats(ctx); n != 0 || err != nil {
			t.Fatalf("silent 9 min: %d %v", n, err)
		}
		clock.T = cst("2022-12-01 09:20")
		if n, err := s.CheckHeartbeats(ctx); n != 1 || err != nil {
			t.Fatalf("silent 15 min: %d %v (T002 has no token and is not watched)", n, err)
		}
		if n, _ := s.CheckHeartbeats(ctx); n != 0 {
			t.Fatalf("a second check opened %d more faults", n)
		}
		open, _ := s.Faults(ctx, asset.FaultFilter{OpenOnly: true})
		if len(open) != 1 || open[0].Source != asset.SourceHeartbeat || !open[0].StartedAt.Equal(cst("2022-12-01 09:05")) {
			t.Fatalf("heartbeat fault %+v", open)
		}
		// A fault recorded by a person is not closed by a heartbeat.
		if err := s.RecordFault(ctx, asset.Fault{DeviceCode: "T001", StartedAt: cst("2022-12-01 09:10"), Description: "卡纸"}); err != nil {
			t.Fatal(err)
		}
		clock.T = cst("2022-12-01 10:00")
		if n, err := s.Heartbeat(ctx, "T001", tok); n != 1 || err != nil {
			t.Fatalf("heartbeat closed %d faults, %v", n, err)
		}
		all, _ := s.Faults(ctx, asset.FaultFilter{DeviceCode: "T001"})
		if len(all) != 2 || !all[0].Open() || all[1].Open() || !all[1].RecoveredAt.Equal(cst("2022-12-01 10:00")) {
			t.Fatalf("faults after heartbeat %+v", all)
		}
		fig, _ := s.Availability(ctx, asset.Period{From: cst("2022-12-01 09:00"), To: cst("2022-12-01 11:00")})
		// Up to now (10:00): 2 device-hours in service; T001 down 09:05–10:00 (the
		// heartbeat fault and the open 卡纸 fault overlap), 55 minutes.
		if r := fig.Total.Report(); r.DowntimeHours != 0.92 || *r.Availability != 54.17 {
			t.Fatalf("availability %+v", r)
		}
	})
}
