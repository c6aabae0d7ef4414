package workorder

import "testing"

// What an export to a reader without the right shows is recognised on import, so an
// update keeps the stored original; what a platform's own file holds is not.
func TestMaskedFields(t *testing.T) {
	for _, c := range []struct {
		o    Order
		want MaskedFields
	}{
		{Order{Title: "路灯坏了", Content: "请联系13912345678", CitizenName: "王先生", CitizenPhone: "13912345678"}, 0},
		{Order{Title: "路灯坏了", Content: "请联系139****5678", CitizenName: "王先生"}, MaskedContent},
		{Order{Title: "回电139****5678", ReplyText: "已联系110101********1234"}, MaskedTitle | MaskedReply},
		{Order{Content: "噪音", CitizenName: AnonymousName}, MaskedCitizen},                  // a hidden anonymous citizen
		{Order{Content: "噪音", CitizenName: AnonymousName, CitizenPhone: "13912345678"}, 0}, // a platform's 匿名 caller with a phone
		{Order{Content: "噪音", CitizenName: "王*"}, MaskedCitizen},
	} {
		if got := maskedFields(&c.o); got != c.want {
			t.Errorf("%+v: %b, want %b", c.o, got, c.want)
		}
	}
}
