package workorder

import (
	"strings"
	"testing"

	"govdesk/internal/app"
)

var testRegistry = Registry{
	Towns: []Town{
		{ID: 1, Name: "乐城街道", Villages: []Place{{ID: 11, Name: "上坑社区"}, {ID: 12, Name: "东门社区"}}},
		{ID: 2, Name: "坪石镇", Villages: []Place{{ID: 21, Name: "新塘村"}, {ID: 22, Name: "老塘村"}}},
		{ID: 3, Name: "白石镇", Villages: []Place{{ID: 31, Name: "石塘村"}}},
		{ID: 4, Name: "沙坪镇"},
	},
	Categories: []CategoryRef{
		{ID: 100, Path: "城乡建设", Active: true}, {ID: 101, Path: "城乡建设/市政设施", Active: true},
		{ID: 102, Path: "城乡建设/市政设施/路灯", Active: true}, {ID: 103, Path: "环境保护/噪声污染", Active: true},
		{ID: 104, Path: "旧分类/已撤销", Active: false},
	},
}

func TestRegistry_ResolveRegion(t *testing.T) {
	for _, c := range []struct {
		town, village string
		townID, vilID int64
		msg           string // for a refusal: the whole message
	}{
		{town: "坪石镇", townID: 2},
		{town: " 坪石镇 ", village: " 老塘村", townID: 2, vilID: 22},
		{town: "", village: ""},
		{town: "坪石", msg: "所属镇街“坪石”不在行政区划中，您是否要找：坪石镇"},
		{town: "坪石乡", msg: "所属镇街“坪石乡”不在行政区划中，您是否要找：坪石镇"},
		{town: "乐城街", msg: "所属镇街“乐城街”不在行政区划中，您是否要找：乐城街道"},
		{town: "火星镇", msg: "所属镇街“火星镇”不在行政区划中，请从列表中选择"},
		{town: "坪石镇", village: "石塘村", msg: "所属村居“石塘村”不是坪石镇的村居（它属于白石镇），您是否要找：新塘村、老塘村"},
		{town: "坪石镇", village: "新塘", msg: "所属村居“新塘”不是坪石镇的村居，您是否要找：新塘村"},
		{village: "新塘村", msg: "填写所属村居“新塘村”时请同时选择所属镇街"},
	} {
		tid, vid, err := testRegistry.ResolveRegion(c.town, c.village)
		if c.msg != "" {
			if app.ErrorCode(err) != app.EInvalid || app.ErrorMessage(err) != c.msg {
				t.Errorf("%q/%q: got %v, want invalid %q", c.town, c.village, err, c.msg)
			}
			continue
		}
		if err != nil || tid != c.townID || vid != c.vilID {
			t.Errorf("%q/%q: got %d/%d %v, want %d/%d", c.town, c.village, tid, vid, err, c.townID, c.vilID)
		}
	}
	if _, _, err := (Registry{}).ResolveRegion("坪石镇", ""); !strings.Contains(app.ErrorMessage(err), "目录中尚无可选项") {
		t.Errorf("empty registry: %v", err)
	}
}

func TestRegistry_ResolveCategory(t *testing.T) {
	for _, c := range []struct {
		in, path string
		id       int64
		msg      string
	}{
		{in: "城乡建设/市政设施/路灯", path: "城乡建设/市政设施/路灯", id: 102},
		{in: " 城乡建设 › 市政设施 ", path: "城乡建设/市政设施", id: 101},
		{in: ""},
		{in: "路灯", msg: "诉求分类“路灯”不在分类目录中，您是否要找：城乡建设/市政设施/路灯"},
		{in: "城乡建设/路灯", msg: "诉求分类“城乡建设/路灯”不在分类目录中，您是否要找：城乡建设/市政设施/路灯"},
		{in: "环境保护/噪音污染", msg: "诉求分类“环境保护/噪音污染”不在分类目录中，您是否要找：环境保护/噪声污染"},
		{in: "旧分类/已撤销", msg: "诉求分类“旧分类/已撤销”已停用，请选择其他分类"},
		{in: "教育/招生", msg: "诉求分类“教育/招生”不在分类目录中，请从列表中选择"},
	} {
		id, path, err := testRegistry.ResolveCategory(c.in)
		if c.msg != "" {
			if app.ErrorCode(err) != app.EInvalid || app.ErrorMessage(err) != c.msg {
				t.Errorf("%q: got %v, want invalid %q", c.in, err, c.msg)
			}
			continue
		}
		if err != nil || id != c.id || path != c.path {
			t.Errorf("%q: got %d %q %v, want %d %q", c.in, id, path, err, c.id, c.path)
		}
	}
}

func TestNearestPlace_AtMostThreeBestFirst(t *testing.T) {
	got := nearestPlace("塘村", []string{"新塘村", "老塘村", "石塘村", "上塘村", "北山村"})
	if strings.Join(got, "、") != "新塘村、老塘村、石塘村" {
		t.Errorf("got %v", got)
	}
}
