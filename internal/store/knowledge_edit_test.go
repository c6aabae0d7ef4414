package store_test

import (
	"testing"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/knowledge"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
)

func TestKnowledgeLifecycle(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		now := storetest.At("2024-05-06T10:00:00+08:00")
		c := storetest.NewCentre(t, db, now)
		svc := &knowledge.Service{Store: &store.Knowledge{DB: db}, Clock: c.Clock}
		a, err := svc.Draft(c.UnitAdmin2, knowledge.Article{Title: "停水怎么查询？", Answer: "拨打供水热线。", ReviewBy: now.Add(-time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
		if hits, _ := svc.Search(c.Operator, "停水", 5); len(hits) != 0 {
			t.Fatalf("draft searchable: %+v", hits)
		}
		if _, err := svc.Draft(c.Dispatcher, knowledge.Article{Title: "停水怎么查询？", Answer: "另一个答案。"}); app.ErrorCode(err) != app.EConflict {
			t.Fatalf("duplicate title: %v", err)
		}
		if _, err := svc.Approve(c.UnitAdmin2, 1); app.ErrorCode(err) != app.EForbidden {
			t.Fatalf("unit admin approves: %v", err)
		}
		if _, err := svc.Approve(c.Dispatcher, 1); err != nil {
			t.Fatal(err)
		}
		hits, _ := svc.Search(c.Operator, "停水", 5)
		if len(hits) != 1 || hits[0].ID != 1 {
			t.Fatalf("approved: %+v", hits)
		}
		if vs, err := svc.Versions(c.Operator, 1); err != nil || len(vs) != 1 || vs[0].Status != knowledge.StatusPublished {
			t.Fatalf("an operator reads a published article's versions: %+v %v", vs, err)
		}
		due, err := svc.DueForReview(c.UnitAdmin2, 0)
		if err != nil || len(due) != 1 || due[0].UnitCode != "U002" {
			t.Fatalf("due: %+v %v", due, err)
		}
		a.ID, a.Answer = 1, "拨打供水服务热线或关注公众号。"
		if _, err := svc.Draft(c.UnitAdmin2, a); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Approve(c.Dispatcher, 1); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Retire(c.Dispatcher, 1); err != nil {
			t.Fatal(err)
		}
		if hits, _ := svc.Search(c.Operator, "停水", 5); len(hits) != 0 {
			t.Fatalf("retired searchable: %+v", hits)
		}
		if _, err := svc.Versions(c.Operator, 1); app.ErrorCode(err) != app.ENotFound {
			t.Fatalf("an operator reads a retired article's versions: %v", err)
		}
		vs, err := svc.Versions(c.Dispatcher, 1)
		if err != nil || len(vs) != 5 || vs[0].Status != knowledge.StatusRetired || vs[2].Answer != "拨打供水服务热线或关注公众号。" || vs[4].Answer != "拨打供水热线。" {
			t.Fatalf("versions: %+v %v", vs, err)
		}
		if _, err := svc.Versions(c.Operator, 99); app.ErrorCode(err) != app.ENotFound {
			t.Fatalf("unknown: %v", err)
		}
	})
}
