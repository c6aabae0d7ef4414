package workorder

import (
	"slices"
	"testing"

	"govdesk/internal/app"
)

func TestAllowed(t *testing.T) {
	op := app.Actor{Username: "op", Role: app.RoleOperator, UnitID: 2}
	disp := app.Actor{Username: "disp", Role: app.RoleDispatcher, UnitID: 2}
	h1 := app.Actor{Username: "h1", Role: app.RoleHandler, UnitID: 3, UnitCode: "U001"}
	h2 := app.Actor{Username: "h2", Role: app.RoleHandler, UnitID: 4, UnitCode: "U002"}
	ua := app.Actor{Username: "ua", Role: app.RoleUnitAdmin, UnitID: 3, UnitCode: "U001"}
	boss := app.Actor{Username: "boss", Role: app.RoleLeader, UnitID: 1}
	staff := app.Actor{Username: "staff", Role: app.RoleStaff, UnitID: 1}
	admin := app.Actor{Username: "admin", Role: app.RoleAdmin, UnitID: 1}

	received := Order{Status: Received, Type: "投诉"}
	consult := Order{Status: Received, Type: "咨询"}
	dispatched := Order{Status: Dispatched, Type: "投诉", UnitID: 3, UnitCode: "U001", CoUnits: []string{"U002"}}
	accepted := Order{Status: Accepted, Type: "投诉", UnitID: 3, UnitCode: "U001"}
	final := Order{Status: Accepted, Type: "投诉", UnitID: 3, UnitCode: "U001", FinalAssigned: true}
	pending := Order{Status: Accepted, Type: "投诉", UnitID: 3, UnitCode: "U001", ExtPendingDays: 2}
	replied := Order{Status: Replied, Type: "投诉", UnitID: 3}
	callback := Order{Status: Callback, Type: "投诉", UnitID: 3}
	supervised := Order{Status: Accepted, Type: "投诉", UnitID: 3, Supervised: true}
	closed := Order{Status: Closed, Type: "咨询", UnitID: 3}

	tests := []struct {
		name  string
		actor app.Actor
		order Order
		want  []string
	}{
		{"OperatorReceivedComplaint", op, received, nil},
		{"OperatorReceivedConsult", op, consult, []string{CmdResolve}},
		{"DispatcherReceived", disp, received, []string{CmdDispatch, CmdDuplicate, CmdRemind}},
		{"HandlerReceived", h1, received, nil},
		{"HandlerDispatched", h1, dispatched, []string{CmdAccept, CmdReturn}},
		{"CoUnitHandlerDispatched", h2, dispatched, nil},
		{"UnitAdminDispatched", ua, dispatched, []string{CmdAccept, CmdReturn}},
		{"HandlerAccepted", h1, accepted, []string{CmdReply, CmdExtension, CmdReturn}},
		{"HandlerFinalAssigned", h1, final, []string{CmdReply, CmdExtension}},
		{"HandlerPendingExtension", h1, pending, []string{CmdReply, CmdReturn}},
		{"DispatcherAccepted", disp, accepted, []string{CmdRemind}},
		{"DispatcherPendingExtension", disp, pending, []string{CmdDecide, CmdRemind}},
		{"DispatcherReplied", disp, replied, []string{CmdReview, CmdRemind}},
		{"HandlerReplied", h1, replied, nil},
		{"OperatorCallback", op, callback, []string{CmdCallback}},
		{"LeaderAccepted", boss, accepted, []string{CmdRemind, CmdSupervise}},
		{"LeaderSupervised", boss, supervised, []string{CmdRemind}},
		{"LeaderClosed", boss, closed, nil},
		{"DispatcherClosed", disp, closed, nil},
		{"OperatorClosedConsult", op, closed, nil},
		{"Staff", staff, accepted, nil},
		{"Admin", admin, received, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Allowed(tt.actor, &tt.order); !slices.Equal(got, tt.want) {
				t.Fatalf("Allowed = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestAllowed_AgreesWithCommands runs every offered command's rule for real: what
// the page offers must not be refused by the rule table.
func TestAllowed_AgreesWithCommands(t *testing.T) {
	for _, cmd := range ActionOrder {
		if _, ok := rules[cmd]; !ok {
			t.Errorf("ActionOrder names %q, which has no rule", cmd)
		}
	}
	for cmd := range rules {
		if !slices.Contains(ActionOrder, cmd) {
			t.Errorf("rule %q is not offered by Allowed", cmd)
		}
	}
}
