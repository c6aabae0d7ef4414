package store_test

import (
	"context"
	"testing"

	"govdesk/internal/app"
	"govdesk/internal/knowledge"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

// Validity dates are whole Beijing days: an article answers from its 生效日期
// through the whole of its 有效期至, and reads back with the dates it was given.
func TestKnowledgeValidityDays(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := app.WithActor(context.Background(), app.System)
		svc := &knowledge.Service{Store: &store.Knowledge{DB: db}, Clock: fixedClock{storetest.At("2024-05-01T23:30:00+08:00")}}
		rows := []map[string]string{
			{"标题": "今天最后一天有效的公积金政策", "答案": "公积金提取按今年的办法执行。", "有效期至": "2024-05-01"},
			{"标题": "昨天已经失效的公积金政策", "答案": "公积金提取按去年的办法执行。", "有效期至": "2024-04-30"},
			{"标题": "明天才生效的公积金政策", "答案": "公积金提取按新的办法执行。", "生效日期": "2024-05-02"},
			{"标题": "今天生效的公积金政策", "答案": "公积金提取按本月的办法执行。", "生效日期": "2024-05-01", "有效期至": "2024-12-31"},
		}
		if _, _, err := svc.ImportArticles(ctx, articleTable(rows...), false); err != nil {
			t.Fatal(err)
		}
		hits, err := svc.Search(ctx, "公积金政策", 10)
		if err != nil {
			t.Fatal(err)
		}
		got := map[string]bool{}
		for _, h := range hits {
			got[h.Title] = true
		}
		if len(hits) != 2 || !got["今天最后一天有效的公积金政策"] || !got["今天生效的公积金政策"] {
			t.Fatalf("searchable at 2024-05-01 23:30: %v", got)
		}
		list, err := svc.Store.FindArticles(ctx, []int64{4})
		if err != nil || len(list) != 1 {
			t.Fatal(err)
		}
		a := list[0]
		if d := a.LastValidDay().Format("2006-01-02"); d != "2024-12-31" {
			t.Errorf("有效期至 reads back as %s", d)
		}
		if d := a.ValidFrom.In(app.Shanghai).Format("2006-01-02"); d != "2024-05-01" {
			t.Errorf("生效日期 reads back as %s", d)
		}
		// An end before the start is refused, in the file and in the editor.
		bad := map[string]string{"标题": "日期颠倒", "答案": "x", "生效日期": "2024-06-01", "有效期至": "2024-05-31"}
		if _, errs, err := svc.ImportArticles(ctx, articleTable(bad), false); err == nil || len(errs) != 1 || errs[0].Column != "有效期至" {
			t.Fatalf("reversed dates imported: %v %+v", err, errs)
		}
		a.ValidFrom = storetest.At("2025-01-01T00:00:00+08:00")
		if _, err := svc.Draft(ctx, a); app.ErrorCode(err) != app.EInvalid {
			t.Fatalf("reversed dates drafted: %v", err)
		}
	})
}
