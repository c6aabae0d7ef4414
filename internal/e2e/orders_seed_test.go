package e2e

import (
	"context"
	"fmt"
	"testing"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/store"
	"govdesk/internal/workday"
	"govdesk/internal/workorder"
)

// seedOrders fills the demo centre with n orders received on the n days before
// now, most of them dispatched to U001 and signed for, some with an extension
// request or a reply, so that lists show overdue, warned and normal deadlines.
// It drives the real service with a clock set to each order's time.
func seedOrders(t *testing.T, db *store.DB, n int) {
	t.Helper()
	ctx := context.Background()
	acc := &store.Accounts{DB: db}
	as := func(name string) context.Context {
		u, err := acc.FindUserByUsername(ctx, name)
		if err != nil {
			t.Fatal(err)
		}
		return app.WithActor(ctx, u.Actor())
	}
	cal, err := workday.NewCalendar(nil)
	if err != nil {
		t.Fatal(err)
	}
	clock := &app.FixedClock{}
	svc := &workorder.Service{Store: &store.Orders{DB: db}, Directory: acc,
		Policies: &workorder.Policies{Store: &store.Policies{DB: db}, Clock: clock}, Clock: clock,
		Schedule: func(context.Context) (workday.Schedule, error) {
			return workday.Schedule{Cal: cal, Clock: workday.WorkHours}, nil
		}}
	op, disp, h := as("operator"), as("dispatcher"), as("handler")
	titles := []string{"小区路灯不亮", "道路井盖缺失", "夜间施工噪音扰民", "垃圾清运不及时", "自来水水压低", "违章搭建", "公交站牌损坏", "占道经营"}
	now := time.Now()
	for i := range n {
		clock.T = now.AddDate(0, 0, -i).Add(-time.Hour)
		o, _, err := svc.Create(op, workorder.NewOrder{Type: workorder.Types[i%7], Urgent: i%9 == 0, Title: titles[i%8],
			Content: fmt.Sprintf("%s，%d 号楼附近，群众多次反映。", titles[i%8], i+1), CitizenName: "王五",
			CitizenPhone: fmt.Sprintf("1390000%04d", i), Town: "乐城街道", Village: "上坑社区", Category: "城乡建设/市政设施"})
		if err != nil {
			t.Fatal(err)
		}
		if i%5 == 4 {
			continue // awaiting dispatch
		}
		if o, err = svc.Dispatch(disp, o.ID, o.Version, workorder.DispatchInput{UnitCode: "U001"}); err != nil {
			t.Fatal(err)
		}
		if i%4 == 0 {
			continue // awaiting sign-for
		}
		clock.T = clock.T.Add(30 * time.Minute)
		if o, err = svc.Accept(h, o.ID, o.Version); err != nil {
			t.Fatal(err)
		}
		switch {
		case i%6 == 1:
			_, err = svc.RequestExtension(h, o.ID, o.Version, 3, "需协调多个部门现场勘查")
		case i%7 == 3:
			_, err = svc.Reply(h, o.ID, o.Version, "已处理完毕。")
		}
		if err != nil {
			t.Fatal(err)
		}
	}
}
