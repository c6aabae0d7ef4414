package cli

import (
	"context"
	"testing"

	"govdesk/internal/app"
	"govdesk/internal/config"
	"govdesk/internal/knowledge"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

// The demo knowledge base: a few hundred distinct articles, searchable, with
// drafts, a retired article, revised answers and articles due for review.
func TestDemoArticles(t *testing.T) {
	list := demoArticleList()
	seen := map[string]bool{}
	for _, a := range list {
		if seen[a.title] {
			t.Fatalf("duplicate demo article %q", a.title)
		}
		seen[a.title] = true
	}
	if len(list) < 200 {
		t.Fatalf("only %d demo articles", len(list))
	}
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := app.WithActor(context.Background(), app.System)
		if err := LoadDemo(ctx, db, config.Default()); err != nil {
			t.Fatal(err)
		}
		if err := loadDemoArticles(ctx, db, config.Default()); err != nil {
			t.Fatal(err)
		}
		if err := loadDemoArticles(ctx, db, config.Default()); err != nil { // a second run leaves them alone
			t.Fatal(err)
		}
		svc := &knowledge.Service{Store: &store.Knowledge{DB: db}, Clock: app.SystemClock{}}
		counts := map[string]int{}
		for _, st := range []string{knowledge.StatusPublished, knowledge.StatusDraft, knowledge.StatusRetired} {
			l, err := svc.List(ctx, knowledge.ArticleFilter{Status: st, Limit: 1000})
			if err != nil {
				t.Fatal(err)
			}
			counts[st] = len(l)
		}
		if counts[knowledge.StatusPublished]+counts[knowledge.StatusDraft]+counts[knowledge.StatusRetired] != len(list) ||
			counts[knowledge.StatusDraft] == 0 || counts[knowledge.StatusRetired] != 1 {
			t.Fatalf("articles by status %v, want %d in all", counts, len(list))
		}
		t.Logf("demo knowledge base: %d articles %v", len(list), counts)
		for q, want := range map[string]string{
			"公积金怎么取出来":   "公积金提取需要什么条件？",
			"孩子上一年级要带什么": "小学一年级入学需要哪些材料？",
			"孩子上小学要准备什么": "小学一年级入学需要哪些材料？",
			"坪石镇 社保在哪办":  "坪石镇社保业务在哪里办理？",
			"开奶茶店要什么证":   "开一家奶茶店需要办哪些证？",
			"闯红灯扣几分":     "闯红灯怎么处罚？",
		} {
			hits, err := svc.Search(ctx, q, 3)
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, h := range hits {
				found = found || h.Title == want
			}
			if !found {
				t.Errorf("%q: top 3 %v lack %q", q, hits, want)
			}
		}
		due, err := svc.ReviewSoon(ctx, 0, 0)
		if err != nil || len(due) == 0 {
			t.Fatalf("no article past review-by: %v", err)
		}
		soon, err := svc.ReviewSoon(ctx, 0, 30)
		if err != nil || len(soon) <= len(due) {
			t.Fatalf("no article due within 30 days (%d past, %d within 30 days): %v", len(due), len(soon), err)
		}
		id, err := svc.Store.ArticleIDByTitle(ctx, demoArticles[1].title)
		if err != nil {
			t.Fatal(err)
		}
		if v, err := svc.Versions(ctx, id); err != nil || len(v) != 2 {
			t.Fatalf("revised article has %d versions: %v", len(v), err)
		}
	})
}
