package cli

import (
	"strings"
	"testing"

	"govdesk/internal/store/storetest"
)

// TestImport_BareCRLineEnds imports items and faults from files whose lines end
// with a bare CR (old Mac, some Excel exports): all three rows of each are
// imported, none dropped silently.
func TestImport_BareCRLineEnds(t *testing.T) {
	cr := func(s string) string { return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\n", "\r") }
	storetest.RunDSN(t, func(t *testing.T, dsn string) {
		env := map[string]string{"GOVDESK_DB": dsn}
		units := writeFile(t, "units.csv", []byte(cr("单位编码,单位名称\nU001,市住建局\n")))
		if code, out, errs := run(t, env, "import", "units", units); code != 0 || !strings.Contains(out, `"imported":1`) {
			t.Fatalf("units: %d %q %s", code, out, errs)
		}
		items := writeFile(t, "items.csv", gb18030(t, cr(itemCSV)))
		if code, out, errs := run(t, env, "import", "items", items); code != 0 || strings.TrimSpace(out) != `{"imported":3,"skipped":0,"updated":0}` {
			t.Fatalf("items: %d %q %s", code, out, errs)
		}
		devices := writeFile(t, "devices.csv", []byte(cr("设备编号,设备名称,设备类型,所属镇街,启用日期\nT001,自助终端,自助终端,城关镇,2022-01-01\n")))
		if code, _, errs := run(t, env, "import", "devices", devices); code != 0 {
			t.Fatalf("devices: %s", errs)
		}
		faults := writeFile(t, "faults.csv", []byte(cr("设备编号,故障开始时间,恢复时间,故障描述\n"+
			"T001,2022-09-10 08:00,2022-09-10 20:00,黑屏\n"+
			"T001,2022-09-12 08:00,2022-09-12 09:00,\"网络\n中断\"\n"+
			"T001,2022-09-29 00:00,,无法开机\n")))
		if code, out, errs := run(t, env, "import", "faults", faults); code != 0 || strings.TrimSpace(out) != `{"imported":3,"skipped":0,"updated":0}` {
			t.Fatalf("faults: %d %q %s", code, out, errs)
		}
	})
}
