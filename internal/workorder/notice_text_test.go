package workorder

import (
	"strings"
	"testing"
)

// A notice goes to a whole unit: an anonymous citizen's name in the order's title,
// and every number, are masked when it is written.
func TestNoticeTitle_HidesThePerson(t *testing.T) {
	o := &Order{No: "20261203000036", Title: "我叫测试甲电话13912345678", CitizenName: "测试甲", Anonymous: true}
	got := noticeTitle("新派工单", o)
	if strings.Contains(got, "测试甲") || strings.Contains(got, "13912345678") || !strings.Contains(got, "测**") || !strings.Contains(got, "139****5678") {
		t.Errorf("notice title %q", got)
	}
	o.Anonymous = false
	if got := noticeTitle("新派工单", o); !strings.Contains(got, "测试甲") || strings.Contains(got, "13912345678") {
		t.Errorf("named order's notice title %q", got)
	}
}

// A title made from the content is never cut inside a number, which would leave a
// half no longer recognised, and masked, as a number.
func TestFirstRunes_KeepsNumbersWhole(t *testing.T) {
	content := "我的身份证号是110101199003071234，电话139-1234-5678，请尽快处理"
	title := firstRunes(content, 12)
	if title != "我的身份证号是…" {
		t.Errorf("title %q", title)
	}
	if got := firstRunes("路灯坏了很多天了希望尽快修好谢谢", 8); got != "路灯坏了很多天了…" {
		t.Errorf("plain title %q", got)
	}
}
