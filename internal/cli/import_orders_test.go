package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"govdesk/internal/sheet"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
	"govdesk/internal/workorder"
)

// orderCSV is a file as the provincial platform exports it: columns in its own order, a
// column govdesk does not know (备注), cells padded with spaces and tabs.
const orderCSV = "备注,工单编号,受理时间,诉求类型,紧急程度,诉求标题,诉求内容,来电人,联系电话,所属镇街,所属村居,详细地址,诉求分类,承办单位,派单时间,答复时间,答复内容,办结时间,回访结果,是否解决,一次性解答\r\n" +
	"x,GD001,2022-03-18 10:00:00,咨询,一般,公积金,咨询公积金提取条件,王先生,13800138000,城关镇,东门社区,东门路1号,政务服务/办事咨询,,,2022-03-18 10:05:00,已告知,2022-03-18 10:05:00,,,是\r\n" +
	",GD002,2022/3/18 9:05:00,投诉,紧急,路灯不亮,东门路路灯坏了三天, 李女士 ,\t13900139000\t,城关镇,西门社区,西门路2号,城乡建设/市政设施/路灯,U001,2022-03-18 09:30:00,2022-03-19 10:00:00,已修复,2022-03-20 10:00:00,满意,是,否\r\n" +
	",GD003,2022-03-21 09:00:00,咨询,,医保,医保报销比例,赵先生,0755-12345678,北山镇,,,卫生健康/医疗服务,市水务局,2022-03-21 10:00:00,,,,,,\r\n"

func gb18030(t *testing.T, s string) []byte {
	t.Helper()
	b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// ordersXLSX writes a workbook with real date cells, a bare serial number and a text time.
func ordersXLSX(t *testing.T, path string) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	rows := [][]any{
		{"工单编号", "受理时间", "诉求类型", "诉求内容", "承办单位", "派单时间", "答复时间", "答复内容", "办结时间", "回访结果", "是否解决"},
		{"XL001", time.Date(2022, 9, 30, 16, 0, 0, 0, time.UTC), "投诉", "噪音扰民", "U001", time.Date(2022, 9, 30, 16, 30, 0, 0, time.UTC),
			"2022/10/9 11:25:05", "已处理", 44844.5, "基本满意", "是"},
		{"XL002", 44641.375, "咨询", "社保查询", "", "", "", "", "", "", ""},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

func openDB(t *testing.T, dsn string) (*store.DB, context.Context) {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, ctx
}

func findOrder(t *testing.T, dsn, no string) workorder.Order {
	t.Helper()
	db, ctx := openDB(t, dsn)
	o, err := (&store.Orders{DB: db}).FindOrderByNo(ctx, no)
	if err != nil {
		t.Fatalf("order %s: %v", no, err)
	}
	return o
}

func TestImportOrders(t *testing.T) {
	storetest.RunDSN(t, func(t *testing.T, dsn string) {
		dir := t.TempDir()
		env := map[string]string{"GOVDESK_DB": dsn}
		units := filepath.Join(dir, "units.csv")
		os.WriteFile(units, []byte("单位编码,单位名称\nU001,市住建局\nU002,市水务局\n"), 0o644)
		if code, _, errs := run(t, env, "import", "units", units); code != 0 {
			t.Fatalf("units: %s", errs)
		}
		gbk := filepath.Join(dir, "orders.csv")
		os.WriteFile(gbk, gb18030(t, orderCSV), 0o644)

		t.Run("GB18030", func(t *testing.T) {
			code, out, errs := run(t, env, "import", "orders", gbk)
			if code != 0 || strings.TrimSpace(out) != `{"imported":3,"skipped":0,"updated":0}` {
				t.Fatalf("exit %d, out %q, stderr %q", code, out, errs)
			}
			for _, want := range []string{"备注", "城关镇/东门社区", "北山镇", "城乡建设/市政设施/路灯", "卫生健康/医疗服务"} {
				if !strings.Contains(errs, want) {
					t.Errorf("stderr does not list %s: %q", want, errs)
				}
			}
			o := findOrder(t, dsn, "GD002")
			if o.Status != workorder.Closed || o.CitizenName != "李女士" || o.CitizenPhone != "13900139000" || o.UnitCode != "U001" || !o.Urgent || o.LimitDays != 1 {
				t.Errorf("GD002 %+v", o)
			}
			if o := findOrder(t, dsn, "GD003"); o.Status != workorder.Dispatched || o.UnitCode != "U002" || o.LimitDays != 1.5 {
				t.Errorf("GD003 %+v", o)
			}
		})
		t.Run("Reimport", func(t *testing.T) {
			code, out, errs := run(t, env, "import", "orders", gbk)
			if code != 0 || strings.TrimSpace(out) != `{"imported":0,"skipped":0,"updated":3}` || strings.Contains(errs, "新建") {
				t.Fatalf("exit %d, out %q, stderr %q", code, out, errs)
			}
		})
		t.Run("XLSX", func(t *testing.T) {
			path := filepath.Join(dir, "orders.xlsx")
			ordersXLSX(t, path)
			if code, out, errs := run(t, env, "import", "orders", path); code != 0 || !strings.Contains(out, `"imported":2`) {
				t.Fatalf("exit %d, out %q, stderr %q", code, out, errs)
			}
			o := findOrder(t, dsn, "XL001")
			sh := func(s string) time.Time { t, _ := time.Parse(time.RFC3339, s); return t }
			if !o.ReceivedAt.Equal(sh("2022-09-30T16:00:00+08:00")) || !o.DispatchedAt.Equal(sh("2022-09-30T16:30:00+08:00")) ||
				!o.RepliedAt.Equal(sh("2022-10-09T11:25:05+08:00")) || !o.ClosedAt.Equal(sh("2022-10-10T12:00:00+08:00")) ||
				o.CallbackResult != "基本满意" || o.Status != workorder.Closed {
				t.Errorf("XL001 %+v", o)
			}
			if o := findOrder(t, dsn, "XL002"); !o.ReceivedAt.Equal(sh("2022-03-21T09:00:00+08:00")) {
				t.Errorf("XL002 serial 44641.375 read as %v", o.ReceivedAt)
			}
		})
		t.Run("ErrBadRow", func(t *testing.T) {
			bad := filepath.Join(dir, "bad.csv")
			os.WriteFile(bad, []byte("工单编号,受理时间,诉求类型,诉求内容,联系电话\nB001,2022-06-01 09:00,投诉,噪音,13800138000\nB002,2022-06-01 09:00,投诉,噪音,1380013800\n"), 0o644)
			code, out, errs := run(t, env, "import", "orders", bad)
			if code != 1 || !strings.Contains(errs, "第3行") || !strings.Contains(errs, "[联系电话]") || !strings.Contains(errs, "未导入任何数据") || out != "" {
				t.Fatalf("exit %d, out %q, stderr %q", code, out, errs)
			}
			db, ctx := openDB(t, dsn)
			if _, err := (&store.Orders{DB: db}).FindOrderByNo(ctx, "B001"); err == nil {
				t.Error("the good row of a bad file was imported")
			}

			code, out, errs = run(t, env, "import", "orders", bad, "--skip-invalid")
			if code != 0 || strings.TrimSpace(out) != `{"imported":1,"skipped":1,"updated":0}` || !strings.Contains(errs, bad+".errors.csv") {
				t.Fatalf("--skip-invalid: exit %d, out %q, stderr %q", code, out, errs)
			}
			tab, err := sheet.ReadFile(bad+".errors.csv", sheet.Spec{})
			if err != nil || len(tab.Rows) != 1 || tab.Rows[0].Get("行号") != "3" || tab.Rows[0].Get("列") != "联系电话" {
				t.Fatalf("error file: %v %+v", err, tab)
			}
		})
		t.Run("MapHeaders", func(t *testing.T) {
			other := filepath.Join(dir, "other.csv")
			os.WriteFile(other, []byte("编号,来电时间,类型,留言详情\nM001,2022-06-01 09:00,建议,多建公园\n"), 0o644)
			code, out, errs := run(t, env, "import", "orders", other, "--map", "编号=工单编号,来电时间=受理时间,类型=诉求类型,留言详情=诉求内容")
			if code != 0 || !strings.Contains(out, `"imported":1`) {
				t.Fatalf("exit %d, out %q, stderr %q", code, out, errs)
			}
		})
	})
}

func TestExportOrders(t *testing.T) {
	storetest.RunDSN(t, func(t *testing.T, dsn string) {
		dir := t.TempDir()
		env := map[string]string{"GOVDESK_DB": dsn}
		units := filepath.Join(dir, "units.csv")
		os.WriteFile(units, []byte("单位编码,单位名称\nU001,市住建局\nU002,市水务局\n"), 0o644)
		in := filepath.Join(dir, "orders.csv")
		os.WriteFile(in, []byte(orderCSV), 0o644)
		for _, args := range [][]string{{"import", "units", units}, {"import", "orders", in},
			{"user", "add", "--username", "op", "--password", "secret-1", "--role", "operator", "--unit", "U001"},
			{"user", "add", "--username", "boss", "--password", "secret-1", "--role", "leader", "--unit", "U001"}} {
			if code, _, errs := run(t, env, args...); code != 0 {
				t.Fatalf("%v: %s", args, errs)
			}
		}
		export := func(name string, args ...string) *sheet.Table {
			t.Helper()
			out := filepath.Join(dir, name)
			code, stdout, errs := run(t, env, append([]string{"export", "orders", "--out", out}, args...)...)
			if code != 0 || !strings.Contains(stdout, `"exported"`) {
				t.Fatalf("export %v: exit %d, %q, %q", args, code, stdout, errs)
			}
			tab, err := sheet.ReadFile(out, workorder.OrderSpec)
			if err != nil || len(tab.Unknown) != 0 || len(tab.Headers) != 20 {
				t.Fatalf("read export: %v %+v", err, tab)
			}
			return tab
		}
		// A phone inside the text: a masked export shows it masked, and must not write that back.
		db0, ctx0 := openDB(t, dsn)
		if _, err := db0.ExecContext(ctx0, `UPDATE orders SET content = content || '，回电13912345678' WHERE no = 'GD002'`); err != nil {
			t.Fatal(err)
		}
		masked := export("masked.xlsx")
		if !strings.Contains(masked.Rows[0].Get("诉求内容"), "139****5678") {
			t.Fatalf("masked export shows the content as %q", masked.Rows[0].Get("诉求内容"))
		}
		if len(masked.Rows) != 3 || masked.Rows[0].Get("工单编号") != "GD002" || masked.Rows[0].Get("联系电话") != "139****9000" ||
			masked.Rows[0].Get("派单时间") != "2022-03-18 09:30:00" || masked.Rows[0].Get("回访结果") != "满意" || masked.Rows[1].Get("一次性解答") != "是" {
			t.Fatalf("masked export (oldest first): %+v", masked.Rows)
		}
		if full := export("full.xlsx", "--as", "op"); full.Rows[0].Get("联系电话") != "13900139000" {
			t.Errorf("an operator reads full phones: %q", full.Rows[0].Get("联系电话"))
		}
		if leader := export("leader.xlsx", "--as", "boss"); leader.Rows[0].Get("联系电话") != "139****9000" {
			t.Errorf("a leader reads masked phones: %q", leader.Rows[0].Get("联系电话"))
		}
		if tab := export("f.xlsx", "--from", "2022-03-21", "--to", "2022-03-21"); len(tab.Rows) != 1 || tab.Rows[0].Get("工单编号") != "GD003" {
			t.Errorf("date filter: %+v", tab.Rows)
		}
		if tab := export("s.xlsx", "--status", "已办结", "--unit", "U001"); len(tab.Rows) != 1 || tab.Rows[0].Get("工单编号") != "GD002" {
			t.Errorf("status and unit filter: %+v", tab.Rows)
		}

		// The access log has one line per export, with its filter and row count.
		db, ctx := openDB(t, dsn)
		var n int
		var user, detail string
		if err := db.QueryRowContext(ctx, `SELECT count(*) FROM access_log WHERE action = 'export'`).Scan(&n); err != nil || n != 5 {
			t.Errorf("access log: %d export lines, %v", n, err)
		}
		err := db.QueryRowContext(ctx, `SELECT username, detail FROM access_log WHERE action = 'export' ORDER BY id DESC LIMIT 1`).Scan(&user, &detail)
		if err != nil || user != "system" || !strings.Contains(detail, "1 条") || !strings.Contains(detail, "已办结") || !strings.Contains(detail, "U001") {
			t.Errorf("last export logged as %q %q (%v)", user, detail, err)
		}

		// Round trip: both exports import back cleanly; the masked one keeps the stored phones.
		for _, name := range []string{"masked.xlsx", "full.xlsx"} {
			code, out, errs := run(t, env, "import", "orders", filepath.Join(dir, name))
			if code != 0 || strings.TrimSpace(out) != `{"imported":0,"skipped":0,"updated":3}` {
				t.Fatalf("re-import %s: exit %d, %q, %q", name, code, out, errs)
			}
			if o := findOrder(t, dsn, "GD002"); !strings.HasSuffix(o.Content, "回电13912345678") {
				t.Errorf("after %s the content is %q", name, o.Content)
			}
		}
		o := findOrder(t, dsn, "GD002")
		if o.CitizenPhone != "13900139000" || o.Status != workorder.Closed || o.CallbackResult != "满意" || o.Version != 3 {
			t.Errorf("GD002 after round trips: %+v", o)
		}
		if again := export("again.xlsx", "--as", "op"); !same2(again.Rows, export("full2.xlsx", "--as", "op").Rows) {
			t.Error("export is not stable")
		}

		for _, args := range [][]string{{"export", "orders"}, {"export", "orders", "--out", "x.csv"}} {
			if code, _, _ := run(t, env, args...); code != 2 {
				t.Errorf("%v: exit %d, want 2", args, code)
			}
		}
		if code, _, errs := run(t, env, "export", "orders", "--out", filepath.Join(dir, "x.xlsx"), "--status", "done"); code != 1 || !strings.Contains(errs, "未知的工单状态") {
			t.Errorf("bad status: %d %q", code, errs)
		}
		if code, out, _ := run(t, env, "export", "orders", "--help"); code != 0 || !strings.Contains(out, "Usage") || !strings.Contains(out, "用法") {
			t.Errorf("help: %d %q", code, out)
		}
	})
}

func same2(a, b []sheet.Row) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		for _, c := range workorder.OrderColumns {
			if a[i].Get(c) != b[i].Get(c) {
				return false
			}
		}
	}
	return true
}
