package sheet

import (
	"strings"

	"govdesk/internal/app"
)

// ParseMap parses a header mapping as given to --map:
//
//	留言主题=诉求标题,留言详情=诉求内容
//
// Each pair is "source header=target header" (full-width ＝ tolerated); pairs
// are separated by commas (, or ，), 、 or semicolons (; or ；). Names are
// trimmed; empty pairs (a trailing comma) are ignored; "" gives an empty map.
// A pair without exactly one =, with an empty side, a source given twice or
// two sources mapped to one target is an *app.Error with code "invalid".
func ParseMap(s string) (map[string]string, error) {
	m := make(map[string]string)
	targets := make(map[string]string)
	parts := strings.FieldsFunc(s, func(r rune) bool {
		switch r {
		case ',', '，', '、', ';', '；':
			return true
		}
		return false
	})
	for _, part := range parts {
		pair := Trim(strings.ReplaceAll(part, "＝", "="))
		if pair == "" {
			continue
		}
		kv := strings.Split(pair, "=")
		if len(kv) != 2 {
			return nil, badMap(pair)
		}
		from, to := Trim(kv[0]), Trim(kv[1])
		if from == "" || to == "" {
			return nil, badMap(pair)
		}
		if _, dup := m[from]; dup {
			return nil, app.Invalid("列映射中“%s”出现了不止一次", from).WithDetail("--map names %q more than once", from)
		}
		if prev, dup := targets[to]; dup {
			return nil, app.Invalid("列映射中“%s”和“%s”都映射到了“%s”", prev, from, to).WithDetail("--map maps both %q and %q to %q", prev, from, to)
		}
		m[from] = to
		targets[to] = from
	}
	return m, nil
}

func badMap(pair string) error {
	return app.Invalid("列映射格式错误：%q，应为“原列名=目标列名”，多个用逗号分隔，例如 留言主题=诉求标题,留言详情=诉求内容", pair).
		WithDetail("--map: bad entry %q, want FROM=TO pairs separated by commas", pair)
}
