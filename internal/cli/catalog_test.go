package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

const itemHead = "实施编码,事项名称,实施主体,事项类型,是否依申请,是否进驻大厅,是否一窗受理,是否网上可办,网办深度,到现场次数,是否全市通办,是否跨省通办,是否免证办,办件类型,法定时限,承诺时限,状态,申请材料\r\n"

// itemCSV names the unit by code and by name and one type by its national code (1 = 行政许可).
const itemCSV = itemHead +
	"I001,建设工程规划许可,U001,1,是,是,是,是,4,0,是,否,是,承诺件,20,5,已发布,申请表；身份证[免提交][电子证照]\r\n" +
	"I002,供水报装,市住建局,公共服务,否,是,否,否,,1,否,是,否,即办件,,,已发布,\r\n" +
	"I003,临时占道审批,U001,行政许可,是,否,否,是,2,2,否,否,否,承诺件,10,10,草稿,\r\n"

func writeFile(t *testing.T, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func catalogJSON(t *testing.T, env map[string]string) map[string]map[string]any {
	t.Helper()
	code, out, errs := run(t, env, "stats", "catalog", "--format", "json")
	if code != 0 {
		t.Fatalf("stats catalog: %d %s", code, errs)
	}
	var m map[string]map[string]any
	if err := json.Unmarshal([]byte(out), &m); err != nil {
		t.Fatal(err, out)
	}
	return m
}

func TestImportItemsAndCases(t *testing.T) {
	storetest.RunDSN(t, func(t *testing.T, dsn string) {
		env := map[string]string{"GOVDESK_DB": dsn}
		units := writeFile(t, "units.csv", []byte("单位编码,单位名称\nC001,市行政服务中心\nU001,市住建局\n"))
		if code, _, errs := run(t, env, "import", "units", units); code != 0 {
			t.Fatal(errs)
		}
		code, out, errs := run(t, env, "import", "items", writeFile(t, "items.csv", gb18030(t, itemCSV)))
		if code != 0 || strings.TrimSpace(out) != `{"imported":3,"skipped":0,"updated":0}` {
			t.Fatalf("import items: %d %q %s", code, out, errs)
		}
		m := catalogJSON(t, env)
		if len(m) != 8 {
			t.Errorf("keys: %v", m)
		}
		// Two published items (I003 is a draft): both in the hall, one by application.
		if h := m["hall_entry"]; h["numerator"] != 2.0 || h["denominator"] != 2.0 || h["percent"] != 100.0 {
			t.Errorf("hall_entry = %v", h)
		}
		if h := m["application_online"]; h["numerator"] != 1.0 || h["denominator"] != 1.0 {
			t.Errorf("application_online = %v", h)
		}
		if h := m["immediate"]; h["numerator"] != 1.0 || h["percent"] != 50.0 {
			t.Errorf("immediate = %v", h)
		}
		db, ctx := openDB(t, dsn)
		it, err := (&store.Catalog{DB: db}).FindItemByCode(ctx, "I001")
		if err != nil || it.Category != "行政许可" || it.UnitCode != "U001" || len(it.Materials) != 2 || !it.Materials[1].Exempt ||
			!it.Materials[1].ECertOK || it.OnlineDepth != 4 || it.PromisedDays != 5 || !it.CertFree {
			t.Errorf("I001 = %+v, %v", it, err)
		}

		// A bad file is refused whole, naming row and column.
		bad := itemHead + "I004,新事项,U001,行政许可,是,是,是,是,1,0,否,否,否,承诺件,5,3,已发布,\r\n" +
			"I005,坏事项,U999,行政处罚,也许,是,是,是,1,0,否,否,否,承诺件,5,8,已发布,\r\n"
		code, _, errs = run(t, env, "import", "items", writeFile(t, "bad.csv", []byte(bad)))
		for _, want := range []string{"第3行 [实施主体]", "第3行 [事项类型]", "第3行 [是否依申请]", "第3行 [承诺时限]"} {
			if !strings.Contains(errs, want) {
				t.Errorf("stderr lacks %q: %s", want, errs)
			}
		}
		if code != 1 || catalogJSON(t, env)["hall_entry"]["denominator"] != 2.0 {
			t.Errorf("bad file: exit %d, or rows written", code)
		}

		// --map and re-import by 实施编码: I003 is published now.
		mapped := strings.Replace(itemHead, "实施编码", "事项编码", 1) +
			"I003,临时占道审批,U001,行政许可,是,否,否,是,2,2,否,否,否,承诺件,10,10,已发布,\r\n"
		code, out, errs = run(t, env, "import", "items", writeFile(t, "m.csv", []byte(mapped)), "--map", "事项编码=实施编码")
		if code != 0 || strings.TrimSpace(out) != `{"imported":0,"skipped":0,"updated":1}` {
			t.Fatalf("re-import: %d %q %s", code, out, errs)
		}
		if h := catalogJSON(t, env)["hall_entry"]; h["denominator"] != 3.0 || h["percent"] != 66.67 {
			t.Errorf("after re-import hall_entry = %v", h)
		}
		it3, _ := (&store.Catalog{DB: db}).FindItemByCode(ctx, "I003")
		if hist, err := (&store.Catalog{DB: db}).ItemHistory(ctx, it3.ID); err != nil || len(hist) != 2 || hist[1].Item.Status != "draft" {
			t.Errorf("history = %+v, %v", hist, err)
		}

		// Export, then import the file back: every item is updated, none changed.
		exp := filepath.Join(t.TempDir(), "items.xlsx")
		if code, out, errs := run(t, env, "export", "items", "--out", exp); code != 0 || !strings.Contains(out, `"exported":3`) {
			t.Fatalf("export: %d %s %s", code, out, errs)
		}
		if code, out, errs := run(t, env, "import", "items", exp); code != 0 || strings.TrimSpace(out) != `{"imported":0,"skipped":0,"updated":3}` {
			t.Fatalf("import export: %d %s %s", code, out, errs)
		}
		if again, _ := (&store.Catalog{DB: db}).FindItemByCode(ctx, "I001"); len(again.Materials) != 2 || !again.Materials[1].ECertOK || again.Category != "行政许可" {
			t.Errorf("round trip: %+v", again)
		}

		// Cases: I001 promises 5 working days. Accepted 2022-09-30 (before National Day):
		// the count starts on 10-08 (a working Saturday) and ends with 10-12, so the
		// deadline is 2022-10-13 00:00.
		cases := "办件编号,实施编码,申请人,受理渠道,所属镇街,所属村居,受理时间,办结时间,办理结果\n" +
			"B1,I001,张三,窗口,乐城街道,,2022-09-30 10:00:00,2022-10-12 17:00:00,准予\n" +
			"B2,I001,李四,镇村站点,坪石镇,新村,2022-09-30 10:00:00,2022-10-13 09:00:00,准予\n" +
			"B3,I002,王五,镇村站点,坪石镇,新村,2022-10-10 09:00:00,2022-10-10 11:00:00,准予\n" +
			"B4,I002,赵六,网上,乐城街道,,2022-10-11 09:00:00,,\n"
		code, out, errs = run(t, env, "import", "cases", writeFile(t, "cases.csv", []byte(cases)))
		if code != 0 || strings.TrimSpace(out) != `{"imported":4,"skipped":0,"updated":0}` {
			t.Fatalf("import cases: %d %q %s", code, out, errs)
		}
		code, out, errs = run(t, env, "stats", "cases", "--from", "2022-09-01", "--to", "2022-10-31", "--format", "json")
		want := `{"total":4,"by_channel":{"窗口":1,"网上":1,"自助终端":0,"镇村站点":2},"by_town":{"乐城街道":2,"坪石镇":2},"town_village":2,"finished":3,"on_time":2,"on_time_rate":66.67}`
		if code != 0 || strings.TrimSpace(out) != want {
			t.Errorf("stats cases: %d\n got %s\nwant %s\n%s", code, out, want, errs)
		}
		expCases := filepath.Join(t.TempDir(), "cases.csv")
		if code, out, errs := run(t, env, "export", "cases", "--from", "2022-09-01", "--to", "2022-10-31", "--out", expCases); code != 0 || !strings.Contains(out, `"exported":4`) {
			t.Fatalf("export cases: %d %s %s", code, out, errs)
		}
		if code, out, errs := run(t, env, "import", "cases", expCases); code != 0 || strings.TrimSpace(out) != `{"imported":0,"skipped":0,"updated":4}` {
			t.Fatalf("re-import cases: %d %s %s", code, out, errs)
		}
		if _, again, _ := run(t, env, "stats", "cases", "--from", "2022-09-01", "--to", "2022-10-31", "--format", "json"); strings.TrimSpace(again) != want {
			t.Errorf("after round trip: %s", again)
		}
		badCases := "办件编号,实施编码,申请人,受理渠道,所属镇街,所属村居,受理时间,办结时间,办理结果\n" +
			"B9,I999,张三,柜台,乐城街道,,2022-09-30 10:00:00,2022-09-29 17:00:00,准予\n"
		code, _, errs = run(t, env, "import", "cases", writeFile(t, "bc.csv", []byte(badCases)))
		if code != 1 || !strings.Contains(errs, "第2行 [实施编码]") || !strings.Contains(errs, "第2行 [受理渠道]") {
			t.Errorf("bad cases: %d %s", code, errs)
		}
	})
}

// A real catalogue export lists items that cannot be done online at 网办深度 一级 (the
// guide is published): such a file imports, and 一级…四级 are stored as 1…4. An item
// not online at a higher depth is refused, and the file with it.
func TestImportItems_DepthOfItemsNotOnline(t *testing.T) {
	storetest.RunDSN(t, func(t *testing.T, dsn string) {
		env := map[string]string{"GOVDESK_DB": dsn}
		units := writeFile(t, "units.csv", []byte("单位编码,单位名称\nU001,市住建局\n"))
		if code, _, errs := run(t, env, "import", "units", units); code != 0 {
			t.Fatal(errs)
		}
		file := itemHead +
			"D1,供水报装,U001,公共服务,否,是,否,否,一级,1,否,否,否,即办件,,,已发布,\r\n" +
			"D2,户外广告设置,U001,行政许可,是,是,是,是,二级,1,否,否,否,承诺件,20,10,已发布,\r\n" +
			"D3,建筑工程施工许可,U001,行政许可,是,是,是,是,三级,1,否,否,否,承诺件,20,10,已发布,\r\n" +
			"D4,房屋交易备案,U001,行政确认,是,是,是,是,四级,0,否,否,否,承诺件,20,10,已发布,\r\n"
		if code, out, errs := run(t, env, "import", "items", writeFile(t, "items.csv", []byte(file))); code != 0 ||
			strings.TrimSpace(out) != `{"imported":4,"skipped":0,"updated":0}` {
			t.Fatalf("import: %d %q %s", code, out, errs)
		}
		db, ctx := openDB(t, dsn)
		for code, want := range map[string]int{"D1": 1, "D2": 2, "D3": 3, "D4": 4} {
			if it, err := (&store.Catalog{DB: db}).FindItemByCode(ctx, code); err != nil || it.OnlineDepth != want {
				t.Errorf("%s: depth %d (%v), want %d", code, it.OnlineDepth, err, want)
			}
		}
		bad := itemHead + "D5,档案查询,U001,公共服务,否,是,否,否,三级,1,否,否,否,即办件,,,已发布,\r\n"
		code, _, errs := run(t, env, "import", "items", writeFile(t, "bad.csv", []byte(bad)))
		if code != 1 || !strings.Contains(errs, "第2行 [网办深度]") || !strings.Contains(errs, "事项不可网上办理，网办深度只能为一级") {
			t.Errorf("depth 3 on an item not online: %d %s", code, errs)
		}
		if _, err := (&store.Catalog{DB: db}).FindItemByCode(ctx, "D5"); err == nil {
			t.Error("the refused item was stored")
		}
	})
}
