package knowledge

import (
	"reflect"
	"testing"
)

// A model encoded for the database and decoded in another process suggests the same.
func TestModelEncodeDecode(t *testing.T) {
	m := Train(genHistory(1500, 3), genDefaults())
	data, err := m.Encode()
	if err != nil {
		t.Fatal(err)
	}
	back, err := DecodeModel(data)
	if err != nil {
		t.Fatal(err)
	}
	if back.Orders() != 1500 || len(back.vocab) != len(m.vocab) {
		t.Fatalf("decoded model: %d orders, %d words (want 1500, %d)", back.Orders(), len(back.vocab), len(m.vocab))
	}
	for _, ex := range genHistory(50, 4) {
		a, b := m.Suggest(ex.Title, ex.Content, ex.Category, 3), back.Suggest(ex.Title, ex.Content, ex.Category, 3)
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("%q: %+v vs decoded %+v", ex.Title, a, b)
		}
	}
	empty, err := Train(nil, nil).Encode()
	if err != nil {
		t.Fatal(err)
	}
	if e, err := DecodeModel(empty); err != nil || len(e.Suggest("路灯", "", "", 3)) != 0 {
		t.Fatalf("empty model: %v", err)
	}
	if _, err := DecodeModel([]byte("not a model")); err == nil {
		t.Fatal("garbage decoded")
	}
}

// The same complaint goes to each town's own government: the town decides.
func TestSuggestTown(t *testing.T) {
	var ex []Example
	for i := 0; i < 20; i++ {
		for _, town := range []string{"坪石镇", "梅花镇", "九峰镇"} {
			ex = append(ex, Example{Title: "村务不公开", Content: "村委会财务不公开，村民有疑问", Category: "镇村事务/村务管理",
				Town: town, UnitCode: "T-" + town, UnitName: town + "人民政府"})
		}
		ex = append(ex, Example{Title: "路灯不亮", Content: "路灯坏了", Town: "坪石镇", UnitCode: "E018", UnitName: "市政设施管理所"})
	}
	m := Train(ex, nil)
	for _, town := range []string{"坪石镇", "梅花镇", "九峰镇"} {
		if s := m.SuggestTown("村务不公开", "村委会财务不公开", "镇村事务/村务管理", town, 3); len(s) == 0 || s[0].UnitCode != "T-"+town || s[0].Confidence < 0.9 {
			t.Errorf("%s: %+v", town, s)
		}
	}
	if s := m.SuggestTown("路灯不亮", "路灯坏了", "", "梅花镇", 1); len(s) != 1 || s[0].UnitCode != "E018" {
		t.Errorf("the words still decide for a city unit: %+v", s)
	}
	if s := m.Suggest("村务不公开", "村委会财务不公开", "镇村事务/村务管理", 3); len(s) != 3 || s[0].Confidence > 0.5 {
		t.Errorf("without the town the three governments are alike: %+v", s)
	}
}
