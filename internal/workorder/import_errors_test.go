package workorder_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"govdesk/internal/app"
	"govdesk/internal/sheet"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
	"govdesk/internal/workorder"
)

func (f *impFixture) count(t *testing.T) int {
	t.Helper()
	_, n, err := f.orders.FindOrders(f.ctx, workorder.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestImporter_Import_ErrRows(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f := newImpFixture(t, db)
		good := row("OK1", "投诉", "2022-06-01 09:00:00", cUnit, "U001", cDisp, "2022-06-01 10:00:00")
		tab := table(
			good,
			row("X2", "吐槽", "2022-06-01 09:00:00"),
			row("X3", "投诉", "2022-06-01 09:00:00", workorder.ColPhone, "1380013800"),
			row("X4", "投诉", "2022-06-01 09:00:00", cUnit, "市不存在局"),
			row("X5", "投诉", "2022-06-01 09:00:00", cUnit, "U001", cDisp, "2022-06-01 08:00:00"),
			row("X6", "投诉", "2022-06-01 09:00:00", cUnit, "U001", cDisp, "2022-06-01 10:00:00", cRepl, "2022-06-01 09:59:00"),
			row("X7", "投诉", "2022-06-01 09:00:00", cClosed, "2022-05-01 09:00:00"),
			row("OK1", "投诉", "2022-06-01 09:00:00"),
			row("X9", "咨询", "2022-06-01 09:00:00", cFirst, "是", cUnit, "U001"),
			row("X10", "投诉", "2022-06-01 09:00:00", cFirst, "是"),
			row("X11", "投诉", "2022-06-01 09:00:00", cUnit, "U001", cCB, "满意"),
			row("X12", "投诉", "2022-06-01 09:00:00", cRes, "是"),
			row("X13", "投诉", "2022-06-01 09:00:00", workorder.ColVillage, "东门社区"),
			row("X14", "投诉", "2022-06-01 09:00:00", workorder.ColUrgency, "特急"),
			row("X15", "投诉", "2022-06-01 09:00:00", cUnit, "U003"),
			row("X16", "投诉", "2025-06-01 09:00:00"),
			row("X17", "投诉", "昨天下午"),
			row("X18", "投诉", "2022-06-01 09:00:00", workorder.ColContent, ""),
			row("", "投诉", "2022-06-01 09:00:00"),
			row("X20", "投诉", "2022-06-01 09:00:00", cDisp, "2022-06-01 10:00:00"),
			row("X21", "投诉", "2022-06-01 09:00:00", cFirst, "也许"),
		)
		_, bad, err := f.im.Import(f.ctx, tab, false)
		if app.ErrorCode(err) != app.EInvalid || !strings.Contains(app.ErrorMessage(err), "未导入任何数据") {
			t.Fatalf("error %v", err)
		}
		var list *sheet.Errors
		if !errors.As(err, &list) || len(list.List) != len(bad) {
			t.Fatalf("the error does not carry the list: %v", err)
		}
		got := map[string]bool{}
		for _, e := range bad {
			got[fmt.Sprintf("%d/%s", e.Row, e.Column)] = true
			if e.Reason == "" {
				t.Errorf("no reason: %+v", e)
			}
		}
		for _, want := range []string{"3/诉求类型", "4/联系电话", "5/承办单位", "6/派单时间", "7/答复时间", "8/办结时间", "9/工单编号",
			"10/一次性解答", "11/一次性解答", "12/回访结果", "13/是否解决", "14/所属村居", "15/紧急程度", "16/承办单位", "17/受理时间",
			"18/受理时间", "19/诉求内容", "20/工单编号", "21/派单时间", "22/一次性解答"} {
			if !got[want] {
				t.Errorf("missing problem %s in %v", want, bad)
			}
		}
		if got["2/工单编号"] || len(got) != 20 {
			t.Errorf("the first of two rows with one number is fine, every other row has one problem: %v", bad)
		}
		if n := f.count(t); n != 0 {
			t.Fatalf("a file with bad rows imported %d orders", n)
		}

		// --skip-invalid: the good rows go in, the bad come back.
		sum, bad, err := f.im.Import(f.ctx, tab, true)
		if err != nil || sum.Imported != 1 || sum.Skipped != 20 || len(bad) != 20 {
			t.Fatalf("skip invalid: %+v, %d problems, %v", sum, len(bad), err)
		}
		if n := f.count(t); n != 1 {
			t.Fatalf("%d orders after skipping", n)
		}
	})
}

func TestImporter_Import_Reimport(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		f := newImpFixture(t, db)
		first := table(
			row("R1", "投诉", "2022-06-01 09:00:00", cUnit, "U001", cDisp, "2022-06-01 10:00:00", workorder.ColPhone, "138 0013 8000",
				workorder.ColTown, "城关镇", workorder.ColVillage, "东门社区", workorder.ColCategory, "城乡建设 / 市政设施 / 路灯"),
			row("R2", "咨询", "2022-06-01 09:00:00", workorder.ColPhone, "13900139000", workorder.ColTown, "城关镇",
				workorder.ColCategory, "城乡建设/市政设施/路灯"),
		)
		sum, _, err := f.im.Import(f.ctx, first, false)
		if err != nil || sum.Imported != 2 {
			t.Fatalf("first import: %+v %v", sum, err)
		}
		if !same(sum.CreatedRegions, []string{"城关镇", "城关镇/东门社区"}) ||
			!same(sum.CreatedCategories, []string{"城乡建设", "城乡建设/市政设施", "城乡建设/市政设施/路灯"}) {
			t.Errorf("created %v %v", sum.CreatedRegions, sum.CreatedCategories)
		}
		before, _ := f.order(t, "R1")
		if before.CitizenPhone != "13800138000" || before.Village != "东门社区" || before.Category != "城乡建设/市政设施/路灯" {
			t.Fatalf("R1 %+v", before)
		}

		// The same numbers again, R1 now replied and closed, R2 with a masked phone (an export's).
		again := table(
			row("R1", "投诉", "2022-06-01 09:00:00", cUnit, "U001", cDisp, "2022-06-01 10:00:00", workorder.ColPhone, "13800138000",
				cRepl, "2022-06-02 10:00:00", cReply, "已修复", cCB, "满意", cRes, "是", cClosed, "2022-06-03 10:00:00",
				workorder.ColTown, "城关镇", workorder.ColVillage, "西门社区"),
			row("R2", "咨询", "2022-06-01 09:00:00", workorder.ColPhone, "139****9000", workorder.ColTown, "城关镇"),
			row("R3", "咨询", "2022-06-01 09:00:00", workorder.ColPhone, "137****7000"),
		)
		sum, _, err = f.im.Import(f.ctx, again, false)
		if err != nil || sum.Imported != 1 || sum.Updated != 2 || !same(sum.CreatedRegions, []string{"城关镇/西门社区"}) || len(sum.CreatedCategories) != 0 {
			t.Fatalf("re-import: %+v %v", sum, err)
		}
		if n := f.count(t); n != 3 {
			t.Fatalf("%d orders after re-import, want 3", n)
		}
		after, actions := f.order(t, "R1")
		if after.ID != before.ID || after.Version != before.Version+1 || after.Status != workorder.Closed || after.Village != "西门社区" ||
			after.Category != "" || !after.CreatedAt.Equal(before.CreatedAt) {
			t.Errorf("R1 updated: %+v", after)
		}
		if !same(actions, []string{"create", "dispatch", "reply", "review", "callback", "import"}) {
			t.Errorf("R1 events after re-import: %v", actions)
		}
		r2, _ := f.order(t, "R2")
		r3, _ := f.order(t, "R3")
		if r2.CitizenPhone != "13900139000" || r3.CitizenPhone != "" || r2.Version != 2 {
			t.Errorf("masked phones: an update keeps the stored one (%q), a new order gets none (%q)", r2.CitizenPhone, r3.CitizenPhone)
		}

		// Only admins and dispatchers import.
		ctx := app.WithActor(f.ctx, app.Actor{Username: "op", Role: app.RoleOperator})
		if _, _, err := f.im.Import(ctx, again, false); app.ErrorCode(err) != app.EForbidden {
			t.Errorf("operator import: %v", err)
		}
	})
}
