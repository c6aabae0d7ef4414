package store_test

import (
	"context"
	"testing"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/knowledge"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

func TestKnowledgeSynonyms(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := app.WithActor(context.Background(), app.System)
		kb := &store.Knowledge{DB: db}
		svc := &knowledge.Service{Store: kb, Clock: app.SystemClock{}}
		if _, _, err := kb.SaveArticles(ctx, []knowledge.Article{{Title: "电瓶车充电规定", Answer: "禁止在楼道充电。", Status: knowledge.StatusPublished}}, time.Now()); err != nil {
			t.Fatal(err)
		}
		if hits, _ := svc.Search(ctx, "电动车", 5); len(hits) != 0 {
			t.Fatalf("before: %+v", hits)
		}
		if err := svc.SetSynonyms(ctx, [][]string{{"电动车", "电瓶车"}, {"投诉", "举报"}}); err != nil {
			t.Fatal(err)
		}
		if hits, _ := svc.Search(ctx, "电动车", 5); len(hits) != 1 {
			t.Fatalf("after: %+v", hits)
		}
		if g, _ := svc.SynonymGroups(ctx); len(g) != 2 {
			t.Fatalf("groups: %v", g)
		}
		if err := svc.SetSynonyms(ctx, [][]string{{"孤词"}}); app.ErrorCode(err) != app.EInvalid {
			t.Fatalf("one-word group: %v", err)
		}
		if err := svc.SetSynonyms(ctx, nil); err != nil {
			t.Fatal(err)
		}
		if g, _ := svc.SynonymGroups(ctx); len(g) != len(knowledge.DefaultSynonyms) {
			t.Fatalf("defaults not restored: %v", g)
		}
	})
}
