package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"govdesk/internal/evaluation"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

const evalHead = "评价编号,评价时间,评价渠道,评价对象类型,评价对象,所属单位,评价等级,评价内容,整改完成时间\n"

func TestImportEvaluationsAndRectify(t *testing.T) {
	storetest.RunDSN(t, func(t *testing.T, dsn string) {
		env := map[string]string{"GOVDESK_DB": dsn}
		units := writeFile(t, "units.csv", []byte("单位编码,单位名称\nC001,市行政服务中心\nU001,市住建局\n"))
		if code, _, errs := run(t, env, "import", "units", units); code != 0 {
			t.Fatal(errs)
		}
		// PJ4 was rectified on 10-20, within 15 working days of 09-30 (deadline 10-27);
		// PJ5 stays open.
		file := evalHead +
			"PJ1,2022-09-29 10:00:00,窗口评价器,窗口,3号窗口,U001,非常满意,,\n" +
			"PJ2,2022-09-29 11:00:00,网上,事项,I001,U001,满意,,\n" +
			"PJ3,2022-09-30 09:00:00,二维码,工作人员,张三,市住建局,基本满意,,\n" +
			"PJ4,2022-09-30 15:00:00,窗口评价器,窗口,3号窗口,U001,不满意,等太久,2022-10-20 10:00:00\n" +
			"PJ5,2022-10-10 15:00:00,移动端,单位,市住建局,U001,1,态度差,\n"
		code, out, errs := run(t, env, "import", "evaluations", writeFile(t, "ev.csv", gb18030(t, file)))
		if code != 0 || strings.TrimSpace(out) != `{"imported":5,"skipped":0,"updated":0}` {
			t.Fatalf("import: %d %q %s", code, out, errs)
		}
		statsJSON := func() string {
			code, out, errs := run(t, env, "stats", "evaluations", "--from", "2022-09-01", "--to", "2022-10-31", "--format", "json")
			if code != 0 {
				t.Fatal(errs)
			}
			return strings.TrimSpace(out)
		}
		// 好评 2/5; levels 5+4+3+2+1 = 15 → 3.00; 差评 2, one closed on time.
		if got, want := statsJSON(), `{"total":5,"good_rate":40,"bad":2,"rectified_on_time":1,"rectification_rate":50,"avg_score":3}`; got != want {
			t.Errorf("stats\n got %s\nwant %s", got, want)
		}
		db, ctx := openDB(t, dsn)
		evs, err := (&store.Evaluations{DB: db}).FindEvaluations(ctx, evaluation.Filter{To: storetest.At("2030-01-01T00:00:00Z"), OpenOnly: true})
		if err != nil || len(evs) != 1 || evs[0].No != "PJ5" {
			t.Fatalf("open = %+v %v", evs, err)
		}
		pj5 := evs[0]
		// 10-10 (Monday) + 1 working day → 10-12 00:00; + 15 → 11-01 00:00.
		if !pj5.Rect.VerifyDeadline.Equal(storetest.At("2022-10-12T00:00:00+08:00")) || !pj5.Rect.RectifyDeadline.Equal(storetest.At("2022-11-01T00:00:00+08:00")) {
			t.Errorf("deadlines %v %v", pj5.Rect.VerifyDeadline, pj5.Rect.RectifyDeadline)
		}
		// The scheduler flags it overdue (it is long past).
		if code, out, errs := run(t, env, "scheduler", "run-once"); code != 0 {
			t.Fatalf("scheduler: %s %s", out, errs)
		}
		code, out, _ = run(t, env, "rectification", "list", "--open")
		if code != 0 || !strings.Contains(out, "PJ5") || !strings.Contains(out, "逾期") || !strings.Contains(out, "待核实") {
			t.Errorf("list: %q", out)
		}
		id := strings.Fields(out)[0]
		if code, _, errs := run(t, env, "rectification", "close", id); code != 1 || !strings.Contains(errs, "尚未") {
			t.Errorf("close before rectify: %d %s", code, errs)
		}
		// 核实 and 整改 belong to the owner unit: the system admin may not do them, its handler may.
		if code, _, errs := run(t, env, "user", "add", "--username", "zhang", "--password", "secret", "--role", "handler",
			"--unit", "U001", "--name", "张承办"); code != 0 {
			t.Fatal(errs)
		}
		if code, _, errs := run(t, env, "rectification", "verify", id, "--result", "属实", "--note", "已联系"); code == 0 ||
			!strings.Contains(errs, "核实和整改由责任单位办理") || !strings.Contains(errs, "error: forbidden: verify and rectify are done by the owner unit") {
			t.Errorf("the admin verifies: %d %s", code, errs)
		}
		for _, args := range [][]string{{"verify", id, "--result", "属实", "--note", "已联系", "--as", "zhang"},
			{"rectify", id, "--action", "约谈", "--feedback", "已回访", "--as", "zhang"}, {"close", id}} {
			if code, _, errs := run(t, env, append([]string{"rectification"}, args...)...); code != 0 {
				t.Fatalf("%v: %s", args, errs)
			}
		}
		// Closed now, but after its deadline: rectified 2/2, on time still 1.
		if got, want := statsJSON(), `{"total":5,"good_rate":40,"bad":2,"rectified_on_time":1,"rectification_rate":100,"avg_score":3}`; got != want {
			t.Errorf("after close\n got %s\nwant %s", got, want)
		}
		exp := filepath.Join(t.TempDir(), "ev.xlsx")
		if code, out, errs := run(t, env, "export", "evaluations", "--from", "2022-09-01", "--to", "2022-10-31", "--out", exp); code != 0 || !strings.Contains(out, `"exported":5`) {
			t.Fatalf("export: %d %s %s", code, out, errs)
		}
		if code, out, errs := run(t, env, "import", "evaluations", exp); code != 0 || strings.TrimSpace(out) != `{"imported":0,"skipped":0,"updated":5}` {
			t.Fatalf("re-import: %d %s %s", code, out, errs)
		}
		if got, want := statsJSON(), `{"total":5,"good_rate":40,"bad":2,"rectified_on_time":1,"rectification_rate":100,"avg_score":3}`; got != want {
			t.Errorf("after round trip\n got %s\nwant %s", got, want)
		}
		if ev, err := (&store.Evaluations{DB: db}).FindEvaluation(ctx, pj5.ID); err != nil || ev.Rect.Action != "约谈" || ev.Rect.ClosedBy == "导入" ||
			ev.Rect.VerifyNote != "已联系" || ev.Rect.VerifiedBy != "张承办" || ev.Rect.Feedback != "已回访" {
			t.Errorf("re-import changed a closed rectification: %+v %v", ev.Rect, err)
		}
		bad := evalHead + "PJ9,2022-09-29 10:00:00,柜台,窗口,3号窗口,U999,6,,\nPJ10,2022-09-29 10:00:00,网上,窗口,3号窗口,,满意,,2022-10-01 10:00:00\n"
		code, _, errs = run(t, env, "import", "evaluations", writeFile(t, "bad.csv", []byte(bad)))
		for _, w := range []string{"第2行 [评价渠道]", "第2行 [所属单位]", "第2行 [评价等级]", "第3行 [整改完成时间]"} {
			if !strings.Contains(errs, w) {
				t.Errorf("stderr lacks %q: %s", w, errs)
			}
		}
		if code != 1 || !strings.Contains(statsJSON(), `"total":5`) {
			t.Errorf("bad file: exit %d or written", code)
		}
	})
}
