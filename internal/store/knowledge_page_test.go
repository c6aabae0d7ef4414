package store_test

import (
	"context"
	"fmt"
	"testing"

	"govdesk/internal/app"
	"govdesk/internal/knowledge"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

// The editor's article list pages in the database: a page of the filter and its total.
func TestKnowledgeArticlePages(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := app.WithActor(context.Background(), app.System)
		svc := &knowledge.Service{Store: &store.Knowledge{DB: db}, Clock: fixedClock{storetest.At("2024-05-01T10:00:00+08:00")}}
		var rows []map[string]string
		for i := 1; i <= 7; i++ {
			rows = append(rows, map[string]string{"标题": fmt.Sprintf("第%d个问题怎么办理？", i), "答案": "到政务服务中心窗口办理。"})
		}
		if _, _, err := svc.ImportArticles(ctx, articleTable(rows...), false); err != nil {
			t.Fatal(err)
		}
		seen := map[int64]bool{}
		for off := 0; off < 7; off += 3 {
			list, total, err := svc.Page(ctx, knowledge.ArticleFilter{Status: knowledge.StatusPublished, Limit: 3, Offset: off})
			if err != nil || total != 7 {
				t.Fatalf("page at %d: total %d, %v", off, total, err)
			}
			if want := min(3, 7-off); len(list) != want {
				t.Fatalf("page at %d has %d articles, want %d", off, len(list), want)
			}
			for _, a := range list {
				if seen[a.ID] {
					t.Fatalf("article %d on two pages", a.ID)
				}
				seen[a.ID] = true
			}
		}
		if list, total, err := svc.Page(ctx, knowledge.ArticleFilter{Status: knowledge.StatusDraft, Limit: 3}); err != nil || total != 0 || len(list) != 0 {
			t.Fatalf("drafts: %d %d %v", len(list), total, err)
		}
	})
}
