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
