package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"govdesk/internal/app"
	"govdesk/internal/config"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
	"govdesk/internal/workorder"
)

func closedOrdersCSV() string {
	var b strings.Builder
	b.WriteString("工单编号,受理时间,诉求类型,诉求标题,诉求内容,联系电话,诉求分类,承办单位,派单时间,答复时间,答复内容,办结时间\r\n")
	topics := []struct{ unit, cat, title, content string }{
		{"U001", "城乡建设/市政设施/路灯", "路灯不亮", "小区门口路灯坏了好几天，晚上照明不好"},
		{"U002", "城乡建设/供水", "停水", "家里停水一整天，自来水水压也低"},
	}
	for i := 0; i < 30; i++ {
		t := topics[i%2]
		day := fmt.Sprintf("2022-04-%02d", i%28+1)
		fmt.Fprintf(&b, "S%03d,%s 09:00:00,投诉,%s,%s,13800138000,%s,%s,%s 10:00:00,%s 15:00:00,已处理,%s 16:00:00\r\n",
			i, day, t.title, t.content, t.cat, t.unit, day, day, day)
	}
	return b.String()
}

func TestSuggest(t *testing.T) {
	storetest.RunDSN(t, func(t *testing.T, dsn string) {
		env := map[string]string{"GOVDESK_DB": dsn}
		units := writeFile(t, "units.csv", []byte("单位编码,单位名称\r\nU001,市住建局\r\nU002,市水务局\r\n"))
		orders := writeFile(t, "orders.csv", []byte(closedOrdersCSV()))
		for _, args := range [][]string{{"migrate"}, {"import", "units", units}, {"import", "orders", orders}} {
			if code, _, errs := run(t, env, args...); code != 0 {
				t.Fatalf("%v: %s", args, errs)
			}
		}
		code, out, errs := run(t, env, "suggest", "--title", "路灯坏了", "--content", "晚上没有照明", "--format", "json")
		var res struct {
			Suggestions []struct {
				UnitCode   string  `json:"unit_code"`
				UnitName   string  `json:"unit_name"`
				Confidence float64 `json:"confidence"`
			} `json:"suggestions"`
		}
		if code != 0 || json.Unmarshal([]byte(out), &res) != nil || len(res.Suggestions) != 2 ||
			res.Suggestions[0].UnitCode != "U001" || res.Suggestions[0].UnitName != "市住建局" || res.Suggestions[0].Confidence < 0.5 {
			t.Fatalf("suggest: %d %s %s", code, out, errs)
		}
		code, out, errs = run(t, env, "suggest", "--evaluate", "--format", "json")
		if code != 0 || !strings.Contains(out, `"test":6`) || !strings.Contains(out, `"top1":100`) {
			t.Fatalf("evaluate: %d %s %s", code, out, errs)
		}
		// --retrain stores the model; the daily scheduler job does the same.
		code, out, errs = run(t, env, "suggest", "--retrain", "--format", "json")
		if code != 0 || !strings.Contains(out, `"trained_on":30`) {
			t.Fatalf("retrain: %d %s %s", code, out, errs)
		}
		if code, out, _ := run(t, env, "suggest", "--retrain"); code != 0 || !strings.Contains(out, "推荐模型已重新训练，学习了 30 件") {
			t.Fatalf("retrain table: %d %s", code, out)
		}
		if code, _, errs := run(t, env, "suggest"); code != 1 || !strings.Contains(errs, "请至少提供") {
			t.Fatalf("empty: %d %s", code, errs)
		}
	})
}

// An order returned by a unit is never suggested to it again: not by the model,
// not as its category's default unit (SPEC §4.3). The order's own category and
// town are used, and `suggest --order` answers the same as the API and the page.
func TestSuggestOrder_ExcludesReturningUnits(t *testing.T) {
	storetest.RunDSN(t, func(t *testing.T, dsn string) {
		env := map[string]string{"GOVDESK_DB": dsn}
		units := writeFile(t, "units.csv", []byte("单位编码,单位名称\r\nU001,市住建局\r\nU002,市水务局\r\n"))
		orders := writeFile(t, "orders.csv", []byte(closedOrdersCSV()))
		for _, args := range [][]string{{"migrate"}, {"import", "units", units}, {"import", "orders", orders}} {
			if code, _, errs := run(t, env, args...); code != 0 {
				t.Fatalf("%v: %s", args, errs)
			}
		}
		ctx := context.Background()
		db, err := store.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		lamp := "城乡建设/市政设施/路灯"
		if err := (&store.Accounts{DB: db}).SetCategoryDefaultUnit(ctx, lamp, "U001"); err != nil {
			t.Fatal(err)
		}
		s := wire(db, config.Default())
		u1, err := (&store.Accounts{DB: db}).FindUnitByCode(ctx, "U001")
		if err != nil {
			t.Fatal(err)
		}
		sys := app.WithActor(ctx, app.System)
		handler := app.WithActor(ctx, app.Actor{Username: "h1", Role: app.RoleHandler, UnitID: u1.ID, UnitCode: "U001"})
		dispatcher := app.WithActor(ctx, app.Actor{Username: "disp", Role: app.RoleDispatcher})
		o, _, err := s.orders.Create(sys, workorder.NewOrder{Type: "投诉", Title: "路灯不亮", Content: "小区门口路灯坏了，晚上没有照明",
			CitizenPhone: "13800138000", Category: lamp})
		if err != nil {
			t.Fatal(err)
		}
		suggest := func() []string {
			t.Helper()
			code, out, errs := run(t, env, "suggest", "--order", strconv.FormatInt(o.ID, 10), "--format", "json")
			var res struct {
				Suggestions []struct {
					UnitCode   string  `json:"unit_code"`
					Confidence float64 `json:"confidence"`
				} `json:"suggestions"`
			}
			if code != 0 || json.Unmarshal([]byte(out), &res) != nil {
				t.Fatalf("suggest --order: %d %s %s", code, out, errs)
			}
			var codes []string
			for _, sg := range res.Suggestions {
				if sg.Confidence >= 1 {
					t.Errorf("a guess shown as certain: %s", out)
				}
				codes = append(codes, sg.UnitCode)
			}
			return codes
		}
		if got := suggest(); len(got) == 0 || got[0] != "U001" {
			t.Fatalf("before the return the street-lamp unit leads: %v", got)
		}
		if o, err = s.orders.Dispatch(dispatcher, o.ID, o.Version, workorder.DispatchInput{UnitCode: "U001"}); err != nil {
			t.Fatal(err)
		}
		if o, err = s.orders.Return(handler, o.ID, o.Version, "不属于本单位职责"); err != nil {
			t.Fatal(err)
		}
		if got := suggest(); len(got) != 1 || got[0] != "U002" {
			t.Fatalf("after U001 returned the order: %v, want [U002]", got)
		}
		q, err := orderQueries{s.orders}.SuggestQuery(sys, o.ID)
		if err != nil || q.Category != lamp || len(q.Exclude) != 1 || q.Exclude[0] != "U001" {
			t.Fatalf("order query: %+v %v", q, err)
		}
		if _, err := (orderQueries{s.orders}).SuggestQuery(handler, o.ID); app.ErrorCode(err) != app.ENotFound {
			t.Fatalf("a unit that no longer holds the order reads it for a suggestion: %v", err)
		}
	})
}
