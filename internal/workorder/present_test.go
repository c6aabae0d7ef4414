package workorder

import (
	"strings"
	"testing"

	"govdesk/internal/app"
)

// Present walks every role over an anonymous and a named order, read one at a time
// and in a list: who reads the citizen, the full phone and the text as written.
func TestPresent_RoleMatrix(t *testing.T) {
	order := func(anon bool) Order {
		return Order{CitizenName: "欧阳秘密", CitizenPhone: "13912345678", Anonymous: anon,
			Title: "回电139-8765-4321", Content: "我叫欧阳秘密，身份证110101199003071234", ReplyText: "已告知13987654321",
			CallbackNote: "邮箱ou@qq.com", ExtPendingReason: "联系0797-1234567"}
	}
	type want struct {
		name, phone string
		fullText    bool
	}
	named, masked, hidden := "欧阳秘密", "139****5678", AnonymousName
	for _, c := range []struct {
		role string
		anon bool
		read Reading
		want want
	}{
		{app.RoleOperator, false, ReadOne, want{named, "13912345678", true}},
		{app.RoleOperator, true, ReadOne, want{named, "13912345678", true}},
		{app.RoleOperator, true, ReadList, want{named, masked, false}},
		{app.RoleDispatcher, true, ReadOne, want{named, "13912345678", true}},
		{app.RoleAdmin, true, ReadOne, want{named, masked, false}},
		{app.RoleHandler, false, ReadOne, want{named, "13912345678", true}},
		{app.RoleHandler, false, ReadList, want{named, masked, false}},
		{app.RoleHandler, true, ReadOne, want{hidden, "", false}},
		{app.RoleUnitAdmin, false, ReadOne, want{named, masked, false}},
		{app.RoleUnitAdmin, true, ReadOne, want{hidden, "", false}},
		{app.RoleLeader, false, ReadOne, want{named, masked, false}},
		{app.RoleLeader, true, ReadOne, want{hidden, "", false}},
		{app.RoleStaff, true, ReadList, want{hidden, "", false}},
		{app.RolePublic, false, ReadOne, want{"", "", false}},
	} {
		o := Present(app.Actor{Role: c.role}, order(c.anon), c.read)
		text := strings.Join([]string{o.Title, o.Content, o.ReplyText, o.CallbackNote, o.ExtPendingReason}, "|")
		raw := order(c.anon)
		asWritten := text == strings.Join([]string{raw.Title, raw.Content, raw.ReplyText, raw.CallbackNote, raw.ExtPendingReason}, "|")
		if o.CitizenName != c.want.name || o.CitizenPhone != c.want.phone || asWritten != c.want.fullText {
			t.Errorf("%s anonymous=%v one=%v: %q %q %q", c.role, c.anon, c.read, o.CitizenName, o.CitizenPhone, text)
		}
		if !c.want.fullText {
			for _, s := range []string{"8765-4321", "110101199003071234", "13987654321", "ou@qq.com", "0797-1234567"} {
				if strings.Contains(text, s) {
					t.Errorf("%s anonymous=%v one=%v reads %q in %q", c.role, c.anon, c.read, s, text)
				}
			}
		}
		if (c.anon && c.want.name != named || c.role == app.RolePublic) && strings.Contains(text, "欧阳秘密") {
			t.Errorf("%s reads the anonymous citizen's name in %q", c.role, text)
		}
	}
	evs := PresentEvents(app.Actor{Role: app.RoleLeader}, &Order{Anonymous: true, CitizenName: "欧阳秘密"},
		[]Event{{Note: "欧阳秘密来电13987654321", Data: map[string]string{"reason": "回电13987654321"}}}, ReadOne)
	if evs[0].Note != "欧***来电139****4321" || evs[0].Data["reason"] != "回电139****4321" {
		t.Errorf("timeline for a leader: %+v", evs[0])
	}
	if n := PresentNotice(Notice{Title: "新派工单：回电13987654321", Body: "身份证110101199003071234"}); n.Title != "新派工单：回电139****4321" || n.Body != "身份证110101********1234" {
		t.Errorf("notice: %+v", n)
	}
}
