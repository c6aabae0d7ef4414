package zhtext

import (
	"reflect"
	"testing"
)

func TestTokens(t *testing.T) {
	cases := map[string][]string{
		"营业执照":        {"营业", "业执", "执照"},
		"执照":          {"执照"},
		"办理ETC卡，多少钱？": {"办理", "etc", "卡", "多少", "少钱"},
		"營業執照":        {"营业", "业执", "执照"},
		"！？…":         nil,
		"Ｗｉｆｉ 5G":     {"wifi", "5g"},
	}
	for in, want := range cases {
		if got := Tokens(in); !reflect.DeepEqual(got, want) {
			t.Errorf("Tokens(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCounts(t *testing.T) {
	m, n := Counts("噪音噪音")
	if n != 3 || m["噪音"] != 2 || m["音噪"] != 1 {
		t.Fatalf("Counts = %v %d", m, n)
	}
}
