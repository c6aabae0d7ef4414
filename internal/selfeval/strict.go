package selfeval

import (
	"reflect"
	"strings"

	"gopkg.in/yaml.v3"
)

var numType = reflect.TypeOf(Num{})

// strictKeys rejects a mapping key that t (a struct) has no yaml field for, and recurses
// into nested structs. It is needed because node.Decode inside an UnmarshalYAML does not
// inherit the decoder's KnownFields setting.
func strictKeys(n *yaml.Node, t reflect.Type) error {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
		t = t.Elem()
		if n.Kind == yaml.SequenceNode {
			for _, c := range n.Content {
				if err := strictKeys(c, t); err != nil {
					return err
				}
			}
			return nil
		}
	}
	if t.Kind() != reflect.Struct || t == numType || n.Kind != yaml.MappingNode {
		return nil
	}
	fields := map[string]reflect.Type{}
	var names []string
	for i := 0; i < t.NumField(); i++ {
		tag := strings.Split(t.Field(i).Tag.Get("yaml"), ",")[0]
		if tag != "" && tag != "-" {
			fields[tag] = t.Field(i).Type
			names = append(names, tag)
		}
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		ft, ok := fields[k.Value]
		if !ok {
			return lineErr(k.Line, "未知字段 %s（可用字段：%s）", k.Value, strings.Join(names, "、"))
		}
		if err := strictKeys(n.Content[i+1], ft); err != nil {
			return err
		}
	}
	return nil
}
