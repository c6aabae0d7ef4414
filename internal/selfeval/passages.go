package selfeval

import "fmt"

// Passage is an editable passage of the report: written by a person, kept across
// regenerations (doc_passages, doc_key "selfeval:YYYY"); the report generates a default
// around the figures until one is written.
type Passage struct{ Key, Name string }

// Passages are the report's editable passages, in report order.
var Passages = []Passage{
	{"duties", "部门主要职责"},
	{"budget_reasons", "收支变动的主要原因"},
	{"tasks", "部门整体支出目标及任务"},
	{"achievements", "四、主要绩效"},
	{"problems", "五、存在问题"},
	{"suggestions", "六、相关建议"},
}

// DocKey is the doc_passages key of a year's report.
func DocKey(year int) string { return fmt.Sprintf("selfeval:%d", year) }

// PassageName returns a passage's Chinese name, or "" when the key is unknown.
func PassageName(key string) string {
	for _, p := range Passages {
		if p.Key == key {
			return p.Name
		}
	}
	return ""
}
