package workorder

import (
	"testing"
	"time"

	"govdesk/internal/app"
)

// 无法回访 asks nothing about the problem: nobody answered. Twice unreachable closes
// the order as 无法回访 (SPEC §4.2); a verdict still needs the answer.
func TestRecordCallback_Unreachable(t *testing.T) {
	env := Env{Actor: app.Actor{Username: "op", Role: app.RoleOperator}, Now: time.Date(2022, 10, 13, 9, 0, 0, 0, app.Shanghai)}
	o := Order{Status: Callback, Type: "投诉", UnitID: 3}

	ev, err := RecordCallback(&o, env, Unreachable, nil, "电话无人接听")
	if err != nil {
		t.Fatalf("first unreachable call: %v", err)
	}
	if o.Status != Callback || o.CallbackTries != 1 || ev.To != Callback {
		t.Fatalf("after one try: status %s, tries %d, event to %s", o.Status, o.CallbackTries, ev.To)
	}
	if _, ok := ev.Data["resolved"]; ok || ev.Data["result"] != Unreachable {
		t.Errorf("event data %v: an unreachable call records no answer about the problem", ev.Data)
	}

	yes := true // an answer sent anyway is not recorded: nobody gave it
	env.Now = env.Now.Add(26 * time.Hour)
	ev, err = RecordCallback(&o, env, Unreachable, &yes, "再次无人接听")
	if err != nil {
		t.Fatalf("second unreachable call: %v", err)
	}
	if o.Status != Closed || o.CloseReason != CloseNoContact || o.CallbackResult != Unreachable || o.CallbackResolved || !o.ClosedAt.Equal(env.Now) {
		t.Fatalf("after two tries: %+v", o)
	}
	if _, ok := ev.Data["resolved"]; ok {
		t.Errorf("event data %v records an answer", ev.Data)
	}

	for _, result := range []string{Satisfied, BasicSatisfied, Unsatisfied} {
		o := Order{Status: Callback, Type: "投诉", UnitID: 3}
		_, err := RecordCallback(&o, env, result, nil, "已回访")
		if app.ErrorCode(err) != app.EInvalid || app.ErrorMessage(err) != "请选择问题是否已解决" || o.Status != Callback {
			t.Errorf("%s without the answer: %v, status %s", result, err, o.Status)
		}
	}
}
