package selfeval

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"

	"govdesk/internal/app"
)

// Input is a self-evaluation written as YAML in the shape of SPEC §10.
type Input struct {
	Year       int         `yaml:"year"`
	Unit       string      `yaml:"unit"`
	Staffing   *Staffing   `yaml:"staffing"`
	Figures    []Figure    `yaml:"figures"`
	Indicators []Indicator `yaml:"indicators"`
	Targets    []Target    `yaml:"targets"`
	Total      Num         `yaml:"total"` // optional stated total score
	Grade      string      `yaml:"grade"` // optional stated grade (informative)
}

// Staffing is 编制数 and 实有人数.
type Staffing struct {
	Authorized int `yaml:"authorized"`
	Actual     int `yaml:"actual"`
}

// Figure kinds.
const (
	KindRate    = "rate"
	KindGrowth  = "growth"
	KindSum     = "sum"
	KindCompare = "compare"
)

// Figure is one stated figure with what it was computed from.
type Figure struct {
	Name        string    `yaml:"name"`
	Kind        string    `yaml:"kind"`
	Current     Num       `yaml:"current"`
	Previous    Num       `yaml:"previous"`
	Numerator   Num       `yaml:"numerator"`
	Denominator Num       `yaml:"denominator"`
	Parts       []Num     `yaml:"parts"`
	Stated      Num       `yaml:"stated"`
	Relation    string    `yaml:"relation"`
	Left        *Quantity `yaml:"left"`
	Right       *Quantity `yaml:"right"`
	Unit        string    `yaml:"unit"`
	Note        string    `yaml:"note"`
	Source      string    `yaml:"source"`
	Line        int       `yaml:"-"`
}

// Quantity is a value with its unit (元, 万元, 亿元, %, 件, 人, 台…).
type Quantity struct {
	Value Num    `yaml:"value"`
	Unit  string `yaml:"unit"`
}

// Indicator is one scored row of the indicator table.
type Indicator struct {
	Code     string   `yaml:"code"`
	Name     string   `yaml:"name"`
	Weight   Num      `yaml:"weight"`
	Score    Num      `yaml:"score"`
	Findings []string `yaml:"findings"`
	Level1   string   `yaml:"level1"` // 一级指标 (informative)
	Level2   string   `yaml:"level2"` // 二级指标
	Level3   string   `yaml:"level3"` // 三级指标
	Target   string   `yaml:"target"` // 年度指标值, as written
	Actual   string   `yaml:"actual"` // 实际完成值, as written
	Evidence string   `yaml:"evidence"`
	Reason   string   `yaml:"reason"`
	Line     int      `yaml:"-"`
}

// Target is a performance target and what was achieved.
type Target struct {
	Name       string `yaml:"name"`
	Target     Num    `yaml:"target"`
	Comparator string `yaml:"comparator"`
	Actual     Num    `yaml:"actual"`
	Achieved   *bool  `yaml:"achieved"`
	Unit       string `yaml:"unit"`
	Source     string `yaml:"source"`
	Line       int    `yaml:"-"`
}

type quantityYAML Quantity

// UnmarshalYAML reads {value: 18.5, unit: 万元}, or a scalar "18.5万元" / 18.5 (no unit).
func (q *Quantity) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		t := strings.TrimSpace(n.Value)
		i := strings.IndexFunc(t, func(r rune) bool { return !strings.ContainsRune("+-.0123456789eE_", r) })
		if i < 0 {
			i = len(t)
		}
		v, err := ParseNum(t[:i])
		if err != nil {
			return lineErr(n.Line, "应为数值加单位（如 18.5万元），实为 %q", n.Value)
		}
		*q = Quantity{Value: v, Unit: strings.TrimSpace(t[i:])}
		return nil
	}
	if err := strictKeys(n, reflect.TypeOf(quantityYAML{})); err != nil {
		return err
	}
	return n.Decode((*quantityYAML)(q))
}

type figureYAML Figure
type indicatorYAML Indicator
type targetYAML Target

// UnmarshalYAML records the line a figure starts on.
func (f *Figure) UnmarshalYAML(n *yaml.Node) error {
	if err := strictKeys(n, reflect.TypeOf(figureYAML{})); err != nil {
		return err
	}
	if err := n.Decode((*figureYAML)(f)); err != nil {
		return err
	}
	f.Line = n.Line
	return nil
}

// UnmarshalYAML records the line an indicator starts on.
func (i *Indicator) UnmarshalYAML(n *yaml.Node) error {
	if err := strictKeys(n, reflect.TypeOf(indicatorYAML{})); err != nil {
		return err
	}
	if err := n.Decode((*indicatorYAML)(i)); err != nil {
		return err
	}
	i.Line = n.Line
	return nil
}

// UnmarshalYAML records the line a target starts on.
func (t *Target) UnmarshalYAML(n *yaml.Node) error {
	if err := strictKeys(n, reflect.TypeOf(targetYAML{})); err != nil {
		return err
	}
	if err := n.Decode((*targetYAML)(t)); err != nil {
		return err
	}
	t.Line = n.Line
	return nil
}

type lineError struct {
	line int
	msg  string
}

func (e *lineError) Error() string { return fmt.Sprintf("第 %d 行：%s", e.line, e.msg) }

func lineErr(line int, format string, args ...any) error {
	return &lineError{line, fmt.Sprintf(format, args...)}
}

var (
	yamlLine    = regexp.MustCompile(`line (\d+): `)
	unknownKey  = regexp.MustCompile(`field (\S+) not found in type \S+`)
	cannotParse = regexp.MustCompile(`cannot unmarshal (\S+) .*into (\S+)`)
)

// yamlPhrases translates the parser messages a hand-edited file most often meets.
var yamlPhrases = map[string]string{
	"did not find expected key":                      "缺少键（缩进或格式错误）",
	"did not find expected '-' indicator":            "缺少列表项标记 -（缩进错误）",
	"did not find expected ',' or '}'":               "花括号 {…} 未闭合或缺少逗号",
	"did not find expected ',' or ']'":               "方括号 […] 未闭合或缺少逗号",
	"mapping values are not allowed in this context": "此处不应出现“键: 值”（缩进或格式错误）",
	"found character that cannot start any token":    "出现无法识别的字符（例如用制表符缩进）",
	"found unexpected end of stream":                 "文件意外结束（引号或括号未闭合）",
}

// zhYAML turns a yaml.v3 message into Chinese, keeping its line number.
func zhYAML(msg string) string {
	msg = strings.TrimPrefix(msg, "yaml: ")
	msg = yamlLine.ReplaceAllString(msg, "第 $1 行：")
	if m := unknownKey.FindStringSubmatch(msg); m != nil {
		msg = strings.Replace(msg, m[0], "未知字段 "+m[1], 1)
	}
	for en, zh := range yamlPhrases {
		msg = strings.Replace(msg, en, zh, 1)
	}
	if m := cannotParse.FindStringSubmatch(msg); m != nil {
		msg = strings.Replace(msg, m[0], "类型不符（"+m[1]+" 不能作为 "+m[2]+"）", 1)
	}
	return msg
}

// Parse reads a self-evaluation YAML strictly: unknown fields, a wrong kind, a missing
// field or malformed YAML is an invalid error naming the line.
func Parse(r io.Reader) (*Input, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, app.Invalid("无法读取自评文件：%v", err).WithDetail("cannot read the self-evaluation file: %v", err)
	}
	var in Input
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&in); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, app.Invalid("自评文件为空").WithDetail("the self-evaluation file is empty")
		}
		var le *lineError
		var te *yaml.TypeError
		switch {
		case errors.As(err, &le):
			return nil, app.Invalid("自评文件格式错误：%s", le.Error()).WithDetail("bad self-evaluation file: %s", le.Error())
		case errors.As(err, &te):
			var zh []string
			for _, m := range te.Errors {
				zh = append(zh, zhYAML(m))
			}
			return nil, app.Invalid("自评文件格式错误：%s", strings.Join(zh, "；")).WithDetail("bad self-evaluation file: %v", err)
		default:
			return nil, app.Invalid("自评文件不是有效的 YAML：%s", zhYAML(err.Error())).WithDetail("the self-evaluation file is not valid YAML: %v", err)
		}
	}
	if err := in.validate(); err != nil {
		return nil, err
	}
	return &in, nil
}
