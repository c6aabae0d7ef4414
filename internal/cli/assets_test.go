package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"govdesk/internal/store/storetest"
)

func writeCSV(t *testing.T, name, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestImportAndStatsDevices(t *testing.T) {
	storetest.RunDSN(t, func(t *testing.T, dsn string) {
		env := map[string]string{"GOVDESK_DB": dsn}
		devices := writeCSV(t, "devices.csv", "设备编号,设备名称,设备类型,所属镇街,所属村居,启用日期\n"+
			"T001,自助终端一,自助终端,城关镇,东门村,2022-01-01\n"+
			"T002,高拍仪,高拍仪,城关镇,,2022/9/16\n"+
			"T003,复印机,复印机,河口镇,西岭村,2022-10-05\n")
		code, out, errs := run(t, env, "import", "devices", devices)
		if code != 0 || out != `{"imported":3,"skipped":0,"updated":0}`+"\n" || !strings.Contains(errs, "新建了 4 个镇街/村居") {
			t.Fatalf("import devices: %d %q %q", code, out, errs)
		}
		bad := writeCSV(t, "faults-bad.csv", "设备编号,故障开始时间,恢复时间,故障描述\n"+
			"T001,2022-09-10 08:00,2022-09-10 20:00,黑屏\n"+
			"T404,2022-09-10 08:00,,黑屏\n")
		code, out, errs = run(t, env, "import", "faults", bad)
		if code != 1 || out != "" || !strings.Contains(errs, "第3行") || !strings.Contains(errs, "设备不存在") {
			t.Fatalf("bad faults file: %d %q %q", code, out, errs)
		}
		faults := writeCSV(t, "faults.csv", "设备编号,故障开始时间,恢复时间,故障描述\n"+
			"T001,2022-08-31 12:00,2022-09-01 12:00,跨月故障\n"+
			"T001,2022-09-10 08:00,2022-09-10 20:00,黑屏\n"+
			"T001,2022-09-10 18:00,2022-09-11 02:00,网络中断\n"+
			"T001,2022-09-30 18:00,2022-10-02 00:00,跨月故障\n"+
			"T002,2022-09-29 00:00,,无法开机\n")
		code, out, errs = run(t, env, "import", "faults", faults)
		if code != 0 || out != `{"imported":5,"skipped":0,"updated":0}`+"\n" {
			t.Fatalf("import faults: %d %q %q", code, out, errs)
		}
		code, out, errs = run(t, env, "stats", "devices", "--from", "2022-09-01", "--to", "2022-09-30", "--format", "json")
		if want := `{"devices":2,"faults":4,"downtime_hours":84,"availability":92.22}` + "\n"; code != 0 || out != want {
			t.Fatalf("stats devices: %d %q %q, want %q", code, out, errs, want)
		}
		code, out, _ = run(t, env, "stats", "devices", "--from", "2021-01-01", "--to", "2021-12-31", "--format", "json")
		if code != 0 || out != `{"devices":0,"faults":0,"downtime_hours":0,"availability":null}`+"\n" {
			t.Fatalf("empty period: %d %q", code, out)
		}
		code, out, _ = run(t, env, "stats", "devices", "--from", "2022-09-01", "--to", "2022-09-30")
		if code != 0 || !strings.Contains(out, "可用率：92.22%") || !strings.Contains(out, "城关镇") {
			t.Fatalf("table: %d %q", code, out)
		}
		code, out, _ = run(t, env, "device", "token", "T001")
		if code != 0 || !strings.HasPrefix(out, "gdd_") || len(strings.TrimSpace(out)) != 68 {
			t.Fatalf("device token: %d %q", code, out)
		}
		if code, _, errs = run(t, env, "device", "token", "T404"); code != 1 || !strings.Contains(errs, "不存在") {
			t.Fatalf("unknown device token: %d %q", code, errs)
		}
	})
}

func TestImportAssetsAndRegister(t *testing.T) {
	storetest.RunDSN(t, func(t *testing.T, dsn string) {
		env := map[string]string{"GOVDESK_DB": dsn, "GOVDESK_CONFIG": writeCSV(t, "govdesk.toml", "[assets]\nheadcount = 40\n")}
		assets := writeCSV(t, "assets.csv", "资产编号,资产名称,资产类别,数量,原值,存放地点,是否在用,盘点日期\n"+
			"A001,碎纸机,碎纸机,3,\"3,000.00\",大厅,是,2022-12-20\n"+
			"A002,台式计算机,计算机,10,60000,窗口,是,2022-12-20\n"+
			"A003,旧打印机,打印机,2,7000,库房,否,\n")
		code, out, errs := run(t, env, "import", "assets", assets)
		if code != 0 || out != `{"imported":3,"skipped":0,"updated":0}`+"\n" {
			t.Fatalf("import assets: %d %q %q", code, out, errs)
		}
		bad := writeCSV(t, "assets-bad.csv", "资产编号,资产名称,资产类别,数量,原值,是否在用\nA004,柜子,家具,一个,100,是\n")
		if code, out, errs = run(t, env, "import", "assets", bad); code != 1 || out != "" || !strings.Contains(errs, "数量") {
			t.Fatalf("bad assets file: %d %q %q", code, out, errs)
		}
		if code, _, errs = run(t, env, "asset", "limit", "碎纸机", "--percent-of-headcount", "5"); code != 0 {
			t.Fatalf("limit: %d %q", code, errs)
		}
		code, out, errs = run(t, env, "asset", "register", "--format", "json")
		want := `{"assets":3,"findings":[{"code":"allocation_over_limit","category":"碎纸机","quantity":3,"allowed":2,` +
			`"message":"碎纸机超标准配置：现有 3 件，配置标准为不超过实有人数（40 人）的 5%，即最多 2 件"}],` +
			`"headcount":40,"in_use_value":63000,"total_value":70000,"utilization":90}` + "\n"
		if code != 0 || out != want {
			t.Fatalf("register: %d %q %q\nwant %q", code, out, errs, want)
		}
		recount := writeCSV(t, "recount.csv", "资产编号,资产名称,资产类别,数量,原值,是否在用,盘点日期\nA001,碎纸机,碎纸机,2,3000,是,2022-12-28\n")
		if code, _, errs := run(t, env, "import", "assets", recount); code != 0 {
			t.Fatalf("recount: %q", errs)
		}
		code, out, _ = run(t, env, "asset", "stocktake", "--year", "2022", "--format", "json")
		want = `{"lines":[{"code":"A001","name":"碎纸机","taken_on":"2022-12-28","book":3,"counted":2,"difference":-1},` +
			`{"code":"A002","name":"台式计算机","taken_on":"2022-12-20","book":10,"counted":10,"difference":0}],"not_counted":["A003"],"year":2022}` + "\n"
		if code != 0 || out != want {
			t.Fatalf("stocktake: %d %q\nwant %q", code, out, want)
		}
	})
}

func TestImportFaults_SkipInvalid(t *testing.T) {
	storetest.RunDSN(t, func(t *testing.T, dsn string) {
		env := map[string]string{"GOVDESK_DB": dsn}
		devices := writeCSV(t, "devices.csv", "设备编号,设备名称,设备类型,所属镇街,启用日期\nT001,自助终端,自助终端,城关镇,2022-01-01\n")
		if code, _, errs := run(t, env, "import", "devices", devices); code != 0 {
			t.Fatalf("devices: %q", errs)
		}
		faults := writeCSV(t, "faults.csv", "设备编号,故障开始时间,恢复时间,故障描述\nT001,2022-09-10 08:00,2022-09-10 20:00,黑屏\nT404,2022-09-10 08:00,,黑屏\n")
		code, out, errs := run(t, env, "import", "faults", faults, "--skip-invalid")
		if code != 0 || out != `{"imported":1,"skipped":1,"updated":0}`+"\n" || !strings.Contains(errs, "faults.csv.errors.csv") {
			t.Fatalf("skip-invalid: %d %q %q", code, out, errs)
		}
		// Re-importing the same file updates the fault instead of adding another.
		code, out, _ = run(t, env, "import", "faults", faults, "--skip-invalid")
		if code != 0 || out != `{"imported":0,"skipped":1,"updated":1}`+"\n" {
			t.Fatalf("re-import: %d %q", code, out)
		}
	})
}

func TestDemo_Devices(t *testing.T) {
	env := map[string]string{"GOVDESK_DB": storetest.SQLiteDSN(t)}
	for range 2 { // the demo may load twice
		if code, _, errs := run(t, env, "demo"); code != 0 {
			t.Fatalf("demo: %q", errs)
		}
	}
	code, out, errs := run(t, env, "stats", "devices", "--from", "2022-01-01", "--to", "2022-12-31", "--format", "json")
	t.Log(out)
	if code != 0 || !strings.HasPrefix(out, `{"devices":120,"faults":`) || !strings.Contains(out, `"availability":99.`) {
		t.Fatalf("demo availability: %d %q %q", code, out, errs)
	}
	code, out, _ = run(t, env, "asset", "register", "--format", "json")
	// 3 copiers over a limit of 2; one car within its limit; shredders unchecked without a headcount.
	if code != 0 || !strings.Contains(out, `"category":"复印机","quantity":3,"allowed":2`) || strings.Contains(out, "车辆") || strings.Contains(out, "碎纸机") {
		t.Fatalf("demo register: %d %q", code, out)
	}
}
