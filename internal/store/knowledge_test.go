package store_test

import (
	"context"
	"testing"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/knowledge"
	"govdesk/internal/sheet"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

type fixedClock struct{ t time.Time }

func (c fixedClock) Now() time.Time { return c.t }

func articleTable(rows ...map[string]string) *sheet.Table {
	tab := &sheet.Table{}
	for i, r := range rows {
		tab.Rows = append(tab.Rows, sheet.NewRow(i+2, r))
	}
	return tab
}

func TestKnowledgeImportAndSearch(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := app.WithActor(context.Background(), app.System)
		svc := &knowledge.Service{Store: &store.Knowledge{DB: db}, Clock: fixedClock{storetest.At("2024-05-01T10:00:00+08:00")}}
		good := []map[string]string{
			{"标题": "如何办理营业执照？", "答案": "携带身份证到政务服务中心市场监管窗口办理，一般3个工作日办结。", "关键词": "营业执照 工商注册"},
			{"标题": "饭店油烟扰民怎么处理？", "答案": "可拨打12345反映，由生态环境局处理餐饮油烟。", "关键词": "油烟"},
			{"标题": "过期的旧政策", "答案": "营业执照旧规定。", "有效期至": "2023-12-31"},
		}
		bad := append(append([]map[string]string{}, good...), map[string]string{"标题": "", "答案": "x"},
			map[string]string{"标题": "未知单位", "答案": "x", "单位": "NOPE"})
		_, errs, err := svc.ImportArticles(ctx, articleTable(bad...), false)
		if err == nil || len(errs) != 2 || errs[0].Row != 5 || errs[1].Column != "单位" {
			t.Fatalf("bad file: err=%v errs=%+v", err, errs)
		}
		if hits, _ := svc.Search(ctx, "执照", 10); len(hits) != 0 {
			t.Fatalf("half-imported: %+v", hits)
		}
		sum, _, err := svc.ImportArticles(ctx, articleTable(good...), false)
		if err != nil || sum.Imported != 3 {
			t.Fatalf("import: %+v %v", sum, err)
		}
		sum, _, err = svc.ImportArticles(ctx, articleTable(good[:1]...), false)
		if err != nil || sum.Updated != 1 || sum.Imported != 0 {
			t.Fatalf("re-import: %+v %v", sum, err)
		}
		hits, err := svc.Search(ctx, "执照", 10)
		if err != nil || len(hits) != 1 || hits[0].Title != "如何办理营业执照？" {
			t.Fatalf("search 执照 (expired article must not appear): %+v %v", hits, err)
		}
		hits, err = svc.Search(ctx, "餐馆 投诉", 10)
		if err != nil || len(hits) != 1 || hits[0].Title != "饭店油烟扰民怎么处理？" {
			t.Fatalf("synonyms: %+v %v", hits, err)
		}
		if hits[0].Snippet == "" || hits[0].Score <= 0 {
			t.Fatalf("snippet/score: %+v", hits[0])
		}
		for _, q := range []string{"？？！", "hello world"} {
			if hits, err := svc.Search(ctx, q, 10); err != nil || len(hits) != 0 {
				t.Fatalf("%q: %+v %v", q, hits, err)
			}
		}
		for _, q := range []string{"", string(make([]rune, 1000))} {
			if _, err := svc.Search(ctx, q, 10); app.ErrorCode(err) != app.EInvalid {
				t.Fatalf("%q: want invalid, got %v", q, err)
			}
		}
	})
}
