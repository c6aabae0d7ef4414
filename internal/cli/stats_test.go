package cli

import (
	"context"
	"strings"
	"testing"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
	"govdesk/internal/workday"
	"govdesk/internal/workorder"
)

// seedStats stores three orders received in 2022 — a 咨询 resolved at intake, a 投诉
// and an urgent 求助 waiting for dispatch — and one 投诉 of 2021.
func seedStats(t *testing.T, dsn string) {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	cal, _ := workday.NewCalendar(nil)
	clock := &app.FixedClock{}
	svc := &workorder.Service{Store: &store.Orders{DB: db}, Directory: &store.Accounts{DB: db},
		Policies: &workorder.Policies{Store: &store.Policies{DB: db}, Clock: clock}, Clock: clock,
		Schedule: func(context.Context) (workday.Schedule, error) { return workday.Schedule{Cal: cal}, nil }}
	op := app.WithActor(ctx, app.Actor{Username: "op", Role: app.RoleOperator})
	for _, o := range []struct {
		typ, received string
		urgent        bool
	}{{"咨询", "2022-03-01T09:00:00+08:00", false}, {"投诉", "2022-05-01T09:00:00+08:00", false},
		{"求助", "2022-12-31T23:00:00+08:00", true}, {"投诉", "2021-05-01T09:00:00+08:00", false}} {
		clock.T, _ = time.Parse(time.RFC3339, o.received)
		created, _, err := svc.Create(op, workorder.NewOrder{Type: o.typ, Urgent: o.urgent, Content: "路灯不亮", ReceivedAt: clock.T})
		if err != nil {
			t.Fatal(err)
		}
		if o.typ == "咨询" {
			if _, err := svc.Resolve(op, created.ID, created.Version, "已解答", 0); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func TestStatsHotline(t *testing.T) {
	storetest.RunDSN(t, func(t *testing.T, dsn string) {
		seedStats(t, dsn)
		env := map[string]string{"GOVDESK_DB": dsn}
		t.Run("JSON", func(t *testing.T) {
			// 2022: 3 received, 1 closed (33.33), no approved reply and no rating (null), 1 of 1 咨询 at intake
			// (100); 2021: 1 received, none closed (0). Growth: received (3 − 1)/1 = 200, urgent 1 over 0: null.
			want := `{"received":3,"by_type":{"咨询":1,"投诉":1,"举报":0,"求助":1,"建议":0,"表扬":0,"其他":0},"urgent":1,` +
				`"closed":1,"closure_rate":33.33,"on_time_rate":null,"overdue":0,"avg_workdays":{"咨询":null,"非咨询":null},` +
				`"satisfaction_rate":null,"first_call_resolution_rate":100,"returned":0,"extended":0,"reopened":0,` +
				`"previous":{"received":1,"by_type":{"咨询":0,"投诉":1,"举报":0,"求助":0,"建议":0,"表扬":0,"其他":0},"urgent":0,` +
				`"closed":0,"closure_rate":0,"on_time_rate":null,"overdue":0,"avg_workdays":{"咨询":null,"非咨询":null},` +
				`"satisfaction_rate":null,"first_call_resolution_rate":null,"returned":0,"extended":0,"reopened":0},` +
				`"growth":{"received":200,"urgent":null}}`
			code, out, errs := run(t, env, "stats", "hotline", "--from", "2022-01-01", "--to", "2022-12-31", "--format", "json")
			if code != 0 || strings.TrimSpace(out) != want {
				t.Fatalf("exit %d, stderr %q\n got %s\nwant %s", code, errs, out, want)
			}
		})
		t.Run("Table", func(t *testing.T) {
			code, out, errs := run(t, env, "stats", "hotline", "--from", "2022-01-01", "--to", "2022-12-31")
			for _, s := range []string{"2022-01-01 至 2022-12-31", "上年同期 2021-01-01 至 2021-12-31", "受理量", "办结率", "33.33%（1/3）",
				"200.00%", "统计口径", "一次性解答率：受理时直接办结"} {
				if !strings.Contains(out, s) {
					t.Errorf("table lacks %q (exit %d, stderr %q):\n%s", s, code, errs, out)
				}
			}
		})
	})
}

func TestStatsHotline_Errors(t *testing.T) {
	env := map[string]string{"GOVDESK_DB": storetest.SQLiteDSN(t)}
	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"stats", "hotline", "--help"}, 0, "用法"},
		{[]string{"stats", "--help"}, 0, "hotline"},
		{[]string{"stats", "hotline", "--from", "2022-01-01"}, 2, "--to"},
		{[]string{"stats", "hotline", "--to", "2022-12-31"}, 2, "--from"},
		{[]string{"stats", "hotline", "--from", "2022-01-01", "--to", "2022-12-31", "--format", "xml"}, 2, "json"},
		{[]string{"stats", "hotline", "--from", "2022-02-30", "--to", "2022-12-31"}, 1, "日期格式错误"},
		{[]string{"stats", "hotline", "--from", "2022/01/01", "--to", "2022-12-31"}, 1, "YYYY-MM-DD"},
		{[]string{"stats", "hotline", "--from", "2022-12-31", "--to", "2022-01-01"}, 1, "早于开始日期"},
	}
	for _, c := range cases {
		code, out, errs := run(t, env, c.args...)
		if code != c.code || !strings.Contains(out+errs, c.want) {
			t.Errorf("%v: exit %d (want %d), stdout %q, stderr %q (want %q)", c.args, code, c.code, out, errs, c.want)
		}
		if code == 1 && (!strings.Contains(errs, "错误：") || !strings.Contains(errs, "error: invalid")) {
			t.Errorf("%v: not in Chinese and English: %q", c.args, errs)
		}
		if code == 0 && (!strings.Contains(out, "Usage") || !strings.Contains(out, "热线")) {
			t.Errorf("%v: help not bilingual: %q", c.args, out)
		}
	}
}
