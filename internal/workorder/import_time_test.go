package workorder

import (
	"testing"

	"govdesk/internal/sheet"
)

// parseImportTime agrees with sheet.ParseTime on every form, its fast path included.
func TestParseImportTime(t *testing.T) {
	for _, s := range []string{"2022-03-21 09:05:07", "2022-03-21 09:05", "2022-02-28 23:59:59", "2024-02-29 00:00:00",
		"2022-02-29 10:00:00", "2022-02-30 10:00", "2022-13-01 00:00", "2022-00-10 00:00", "2022-03-21 24:00", "2022-03-21 09:60",
		"2022-03-21 09:05:60", "2022-03-21T09:05:07", "2019/2/28 11:25:05", "44641.5", "2022年3月21日", "2022-3-21 9:05",
		"2022-03-21 09:05:07+00:00", "abcd-ef-gh ij:kl", "2022-03-21 0a:05"} {
		got, gerr := parseImportTime(s)
		want, werr := sheet.ParseTime(s)
		if (gerr == nil) != (werr == nil) || !got.Equal(want) || got.Location().String() != want.Location().String() {
			t.Errorf("%q: %v %v, sheet.ParseTime %v %v", s, got, gerr, want, werr)
		}
	}
}

func TestCategoryPath(t *testing.T) {
	for in, want := range map[string]string{"城乡建设/市政设施/路灯": "城乡建设/市政设施/路灯", " 城乡建设 / 市政设施 ": "城乡建设/市政设施",
		"城乡建设>市政设施›路灯": "城乡建设/市政设施/路灯", "城乡建设／路灯": "城乡建设/路灯", "/a//b/": "a/b", "a\u3000/b": "a/b", "//": ""} {
		if got := CategoryPath(in); got != want {
			t.Errorf("CategoryPath(%q) = %q, want %q", in, got, want)
		}
	}
}
