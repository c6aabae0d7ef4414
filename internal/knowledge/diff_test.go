package knowledge

import (
	"strings"
	"testing"
)

func TestDiff(t *testing.T) {
	render := func(parts []DiffPart) string {
		var b strings.Builder
		for _, p := range parts {
			switch p.Op {
			case DiffInsert:
				b.WriteString("[+" + p.Text + "]")
			case DiffDelete:
				b.WriteString("[-" + p.Text + "]")
			default:
				b.WriteString(p.Text)
			}
		}
		return b.String()
	}
	for _, c := range []struct{ a, b, want string }{
		{"", "", ""},
		{"办理时限为5个工作日", "办理时限为3个工作日", "办理时限为[-5][+3]个工作日"},
		{"携带身份证", "携带身份证和户口簿", "携带身份证[+和户口簿]"},
		{"请到窗口办理", "请到网上办理", "请到[-窗口][+网上]办理"},
		{"abc", "", "[-abc]"},
	} {
		if got := render(Diff(c.a, c.b)); got != c.want {
			t.Errorf("Diff(%q, %q) = %q, want %q", c.a, c.b, got, c.want)
		}
	}
	// Long texts fall back to lines: only the changed line is marked.
	long := strings.Repeat("第一行内容不变。\n", 300)
	parts := Diff(long+"旧的一行\n", long+"新的一行\n")
	if got := render(parts); got != long+"[-旧的一行\n][+新的一行\n]" {
		t.Errorf("line diff wrong: %q", got[len(got)-40:])
	}
}
