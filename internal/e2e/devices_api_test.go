package e2e

import (
	"context"
	"net/http"
	"strconv"
	"testing"
	"time"

	"govdesk/internal/account"
	"govdesk/internal/app"
	"govdesk/internal/asset"
	"govdesk/internal/sheet"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

func TestAPI_DeviceHeartbeats(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		base := startServer(t, db)
		ctx := app.WithActor(context.Background(), app.Actor{Username: "staff", Role: app.RoleStaff})
		clock := &app.FixedClock{T: time.Now()}
		svc := &asset.Service{Store: &store.Assets{DB: db}, Clock: clock, HeartbeatTimeout: 10 * time.Minute}
		tab := &sheet.Table{Rows: []sheet.Row{sheet.NewRow(2, map[string]string{"设备编号": "HB01", "设备名称": "自助终端", "设备类型": "自助终端",
			"所属镇街": "城关镇", "启用日期": "2022-01-01"})}}
		if _, _, err := svc.ImportDevices(ctx, tab, false); err != nil {
			t.Fatal(err)
		}
		acc := account.NewService(&store.Accounts{DB: db}, app.SystemClock{})
		staffTok, _ := acc.CreateToken(context.Background(), "staff", "test")
		handlerTok, _ := acc.CreateToken(context.Background(), "handler", "test")
		c := http.DefaultClient
		if r := call(t, c, "POST", base+"/api/v1/devices/HB01/token", handlerTok, "", nil); r.Status != 403 {
			t.Fatalf("handler issues a token: %+v", r)
		}
		r := call(t, c, "POST", base+"/api/v1/devices/HB01/token", staffTok, "", nil)
		tok, _ := r.Body["token"].(string)
		if r.Status != 201 || len(tok) != 68 {
			t.Fatalf("issue token: %+v", r)
		}
		hb := base + "/api/v1/devices/HB01/heartbeat"
		if r := call(t, c, "POST", hb, "", "", nil); r.Status != 401 || errCode(r) != "unauthorized" {
			t.Fatalf("no token: %+v", r)
		}
		if r := call(t, c, "POST", hb, "", "", map[string]string{"X-Device-Token": "gdd_00"}); r.Status != 401 {
			t.Fatalf("wrong token: %+v", r)
		}
		if r := call(t, c, "POST", base+"/api/v1/devices/NOPE/heartbeat", "", "", map[string]string{"X-Device-Token": tok}); r.Status != 401 {
			t.Fatalf("token of another device: %+v", r)
		}
		if r := call(t, c, "POST", hb, "", "", map[string]string{"X-Device-Token": tok}); r.Status != 200 || r.Body["faults_closed"].(float64) != 0 {
			t.Fatalf("heartbeat: %+v", r)
		}
		// Silent for 11 minutes: the scheduler's check opens a fault; the next heartbeat closes it.
		clock.T = time.Now().Add(11 * time.Minute)
		if n, err := svc.CheckHeartbeats(ctx); n != 1 || err != nil {
			t.Fatalf("check: %d %v", n, err)
		}
		r = call(t, c, "GET", base+"/api/v1/devices", staffTok, "", nil)
		items, _ := r.Body["items"].([]any)
		if r.Status != 200 || len(items) != 1 || items[0].(map[string]any)["status"] != "故障" {
			t.Fatalf("devices: %+v", r)
		}
		if r := call(t, c, "POST", hb, "", "", map[string]string{"X-Device-Token": tok}); r.Status != 200 || r.Body["faults_closed"].(float64) != 1 {
			t.Fatalf("heartbeat closing the fault: %+v", r)
		}
		open, _ := svc.Faults(ctx, asset.FaultFilter{OpenOnly: true})
		if len(open) != 0 {
			t.Fatalf("open faults after heartbeat: %+v", open)
		}
		// People record and recover faults.
		if r := call(t, c, "POST", base+"/api/v1/devices/HB01/faults", handlerTok, `{"started_at":"2022-06-01T09:00:00+08:00"}`, nil); r.Status != 403 {
			t.Fatalf("handler records a fault: %+v", r)
		}
		if r := call(t, c, "POST", base+"/api/v1/devices/HB01/faults", staffTok, `{"started_at":"2022-06-01T09:00:00+08:00","description":"卡纸"}`, nil); r.Status != 201 {
			t.Fatalf("record fault: %+v", r)
		}
		r = call(t, c, "GET", base+"/api/v1/faults?open=1", staffTok, "", nil)
		items, _ = r.Body["items"].([]any)
		if r.Status != 200 || len(items) != 1 {
			t.Fatalf("open faults: %+v", r)
		}
		id := items[0].(map[string]any)["id"].(float64)
		u := base + "/api/v1/faults/" + strconv.Itoa(int(id)) + "/recover"
		if r := call(t, c, "POST", u, staffTok, `{"recovered_at":"2022-06-01T08:00:00+08:00"}`, nil); r.Status != 400 {
			t.Fatalf("recovery before start: %+v", r)
		}
		if r := call(t, c, "POST", u, staffTok, `{"recovered_at":"2022-06-01T21:00:00+08:00"}`, nil); r.Status != 200 || r.Body["recovered_at"] != "2022-06-01T21:00:00+08:00" {
			t.Fatalf("recover: %+v", r)
		}
		if r := call(t, c, "POST", u, staffTok, "", nil); r.Status != 409 {
			t.Fatalf("recover twice: %+v", r)
		}
		r = call(t, c, "GET", base+"/api/v1/stats/devices?from=2022-06-01&to=2022-06-01", staffTok, "", nil)
		if r.Status != 200 || r.Body["downtime_hours"].(float64) != 12 || r.Body["availability"].(float64) != 50 || r.Body["faults"].(float64) != 1 {
			t.Fatalf("stats of the day: %+v", r)
		}
		r = call(t, c, "GET", base+"/api/v1/stats/devices/breakdown?from=2022-05-01&to=2022-06-30", staffTok, "", nil)
		months, _ := r.Body["by_month"].([]any)
		if r.Status != 200 || len(months) != 2 || months[1].(map[string]any)["downtime_hours"].(float64) != 12 ||
			months[1].(map[string]any)["key"] != "2022-06" || len(r.Body["by_town"].([]any)) != 1 {
			t.Fatalf("breakdown: %+v", r)
		}
		r = call(t, c, "GET", base+"/api/v1/stats/devices?from=2022-01-01&to=2022-12-31", staffTok, "", nil)
		if r.Status != 200 || r.Body["devices"].(float64) != 1 || r.Body["availability"].(float64) != 99.86 {
			t.Fatalf("stats: %+v", r)
		}
		if r := call(t, c, "GET", base+"/api/v1/stats/devices?from=2022-01-01&to=2022-12-31", handlerTok, "", nil); r.Status != 403 {
			t.Fatalf("handler reads device stats: %+v", r)
		}
	})
}
