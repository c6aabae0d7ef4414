package store_test

import (
	"testing"
	"time"

	"govdesk/internal/knowledge"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
	"govdesk/internal/workorder"
)

func TestKnowledgeFirstCall(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		now := storetest.At("2024-05-06T10:00:00+08:00")
		c := storetest.NewCentre(t, db, now)
		var ids []int64
		for _, cat := range []string{"住房/公积金", "住房/公积金", "住房/物业", "住房/物业"} {
			c.Register(t, "", "", cat)
			o, _, err := c.Orders.Create(c.Operator, workorder.NewOrder{Type: "咨询", Content: "公积金怎么提取", CitizenPhone: "13800138000", Category: cat})
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, o.ID)
		}
		if _, err := db.ExecContext(c.System, `UPDATE categories SET default_unit_id = (SELECT id FROM units WHERE code = 'U001') WHERE path LIKE '住房/%'`); err != nil {
			t.Fatal(err)
		}
		if _, err := c.Orders.Resolve(c.Operator, ids[2], 1, "可在公积金中心办理。", 0); err != nil {
			t.Fatal(err)
		}
		kb := &store.Knowledge{DB: db}
		rates, err := knowledge.FirstCall(c.Leader, kb, now.Add(-time.Hour), now.Add(time.Hour), knowledge.DefaultFirstCallThreshold)
		if err != nil || len(rates) != 1 {
			t.Fatal(rates, err)
		}
		r := rates[0]
		if r.UnitCode != "U001" || r.Consults != 4 || r.Resolved != 1 || *r.Percent != 25 || !r.Flagged ||
			len(r.Categories) != 2 || r.Categories[0].Category != "住房/公积金" || r.Categories[0].Unanswered != 2 {
			t.Fatalf("%+v", r)
		}
		// Without a default unit, a consultation resolved at intake counts for the unit
		// the category's dispatched orders usually go to.
		c.Register(t, "", "", "市政/路灯")
		o, _, err := c.Orders.Create(c.Operator, workorder.NewOrder{Type: "咨询", Content: "路灯归谁管", CitizenPhone: "13800138000", Category: "市政/路灯"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.Orders.Resolve(c.Operator, o.ID, 1, "由城管局负责。", 0); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ExecContext(c.System, `UPDATE orders SET unit_id = (SELECT id FROM units WHERE code = 'U001'), category_id = (SELECT id FROM categories WHERE path = '市政/路灯') WHERE id = $1`, ids[0]); err != nil {
			t.Fatal(err)
		}
		counts, err := kb.FirstCallCounts(c.System, now.Add(-time.Hour), now.Add(time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, n := range counts {
			if n.Category == "市政/路灯" {
				found = n.UnitCode == "U001" && n.Consults == 2 && n.Resolved == 1
			}
		}
		if !found {
			t.Fatalf("intake-resolved consultation without a default unit not attributed: %+v", counts)
		}
	})
}
