package workorder

import (
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"govdesk/internal/sheet"
	"govdesk/internal/workday"
)

// importRefs is what validation reads once before looking at the rows.
type importRefs struct {
	units       []ImportUnit
	unitByCode  map[string]int32
	unitByName  map[string]int32 // -1: two units share the name
	heads       map[string]OrderHead
	policies    []Policy
	sched       workday.Schedule
	now         time.Time
	policyCache map[int64]int // policy index by receipt day (days since 1970-01-01 in Shanghai)
}

func newImportRefs(units []ImportUnit, heads map[string]OrderHead, policies []Policy, sched workday.Schedule, now time.Time) *importRefs {
	r := &importRefs{units: units, unitByCode: map[string]int32{}, unitByName: map[string]int32{}, heads: heads,
		policies: policies, sched: sched, now: now, policyCache: map[int64]int{}}
	for i, u := range units {
		r.unitByCode[u.Code] = int32(i)
		if _, dup := r.unitByName[u.Name]; dup {
			r.unitByName[u.Name] = -1
		} else {
			r.unitByName[u.Name] = int32(i)
		}
	}
	return r
}

// noTime marks an empty time cell in a plan.
const noTime = math.MinInt64

// Plan flags.
const (
	fUrgent uint8 = 1 << iota
	fFirstCall
	fResolved
	fPhoneMasked
)

// importPlan is a valid row, parsed: what building its order needs besides the row's
// texts. It is kept small because a file may hold a million rows.
type importPlan struct {
	row      int32 // index in Table.Rows
	unit     int32 // index in importRefs.units, -1: none
	policy   int32 // index in importRefs.policies
	flags    uint8
	callback uint8 // 1 + index in CallbackResults, 0: none
	received int64 // Unix microseconds; noTime when empty
	dispatch int64
	replied  int64
	closed   int64
}

func (p *importPlan) has(f uint8) bool { return p.flags&f != 0 }

// validate checks every row and returns the plans of the valid ones and the problems.
func (r *importRefs) validate(tab *sheet.Table) ([]importPlan, *sheet.Errors) {
	errs := &sheet.Errors{}
	plans := make([]importPlan, 0, len(tab.Rows))
	firstRow := make(sheet.Unique, len(tab.Rows))
	for i, row := range tab.Rows {
		before := errs.Len()
		p := r.checkRow(row, errs)
		firstRow.Cell(errs, row.Num, ColNo, row.Get(ColNo))
		if errs.Len() == before {
			p.row = int32(i)
			plans = append(plans, p)
		}
	}
	return plans, errs
}

// cell is a row with its error list, for the checks of one row.
type cell struct {
	row  sheet.Row
	errs *sheet.Errors
}

func (c cell) bad(col, reason string) { c.errs.Add(c.row.Num, col, c.row.Get(col), reason) }

// time parses an optional time column; noTime when empty or bad (reported).
func (c cell) time(col string, now time.Time) int64 {
	v := c.row.Get(col)
	if v == "" {
		return noTime
	}
	t, err := parseImportTime(v)
	if err != nil {
		c.bad(col, "时间格式不正确，应为 2022-03-05 14:30:00、2019/2/28 11:25:05、2022-03-05 或表格日期")
		return noTime
	}
	if t.After(now) {
		c.bad(col, "时间晚于当前时间")
		return noTime
	}
	return t.UnixMicro()
}

func (c cell) flag(col string) (set, val bool) {
	v := c.row.Get(col)
	if v == "" {
		return false, false
	}
	b, err := sheet.ParseBool(v)
	if err != nil {
		c.bad(col, "应填“是”或“否”")
		return false, false
	}
	return true, b
}

func (c cell) maxLen(col string, n int) string {
	v := c.row.Get(col)
	if utf8.RuneCountInString(v) > n {
		c.bad(col, "内容过长（上限 "+strconv.Itoa(n)+" 字）")
	}
	return v
}

// checkRow validates one row on its own: each cell, then the cells against each other.
func (r *importRefs) checkRow(row sheet.Row, errs *sheet.Errors) importPlan {
	c := cell{row: row, errs: errs}
	p := importPlan{unit: -1}
	if no := c.maxLen(ColNo, 64); no == "" {
		c.bad(ColNo, "工单编号不能为空")
	}
	if row.Get(ColReceived) == "" {
		c.bad(ColReceived, "受理时间不能为空")
	}
	p.received = c.time(ColReceived, r.now)
	typ := row.Get(ColType)
	if !ValidType(typ) {
		c.bad(ColType, "诉求类型应为："+strings.Join(Types, "、"))
	}
	switch row.Get(ColUrgency) {
	case "", "一般":
	case "紧急":
		p.flags |= fUrgent
	default:
		c.bad(ColUrgency, "紧急程度应为“一般”或“紧急”")
	}
	c.maxLen(ColTitle, 200)
	if c.maxLen(ColContent, 20000) == "" {
		c.bad(ColContent, "诉求内容不能为空")
	}
	c.maxLen(ColCitizen, 50)
	c.maxLen(ColAddress, 500)
	if ph := row.Get(ColPhone); maskedPhone(ph) {
		p.flags |= fPhoneMasked
	} else if ph != "" && !ValidPhone(NormalizePhone(ph)) {
		c.bad(ColPhone, "联系电话格式不正确（应为 11 位手机号或带区号的固定电话）")
	}
	if row.Get(ColVillage) != "" && row.Get(ColTown) == "" {
		c.bad(ColVillage, "填写了所属村居，但缺少所属镇街")
	}
	if v := row.Get(ColCategory); v != "" && CategoryPath(v) == "" {
		c.bad(ColCategory, "诉求分类应为“城乡建设/市政设施/路灯”这样的路径")
	}
	p.unit = r.checkUnit(c)
	p.dispatch = c.time(ColDispatched, r.now)
	p.replied = c.time(ColReplied, r.now)
	p.closed = c.time(ColClosed, r.now)
	if v := row.Get(ColCallback); v != "" {
		for i, res := range CallbackResults {
			if v == res {
				p.callback = uint8(i + 1)
			}
		}
		if p.callback == 0 {
			c.bad(ColCallback, "回访结果应为：满意、基本满意、不满意或无法回访")
		}
	}
	if set, v := c.flag(ColResolved); set && v {
		p.flags |= fResolved
	}
	if _, v := c.flag(ColFirstCall); v {
		p.flags |= fFirstCall
	}
	if p.received != noTime {
		i, ok := r.policyAt(time.UnixMicro(p.received))
		if !ok {
			c.bad(ColReceived, "受理时间没有生效的办理时限策略")
		}
		p.policy = int32(i)
	}
	r.checkConsistency(c, typ, &p)
	return p
}

// checkUnit resolves 承办单位 by code, then by name; -1 when empty or unknown (reported).
func (r *importRefs) checkUnit(c cell) int32 {
	v := c.row.Get(ColUnit)
	if v == "" {
		return -1
	}
	if i, ok := r.unitByCode[v]; ok {
		return i
	}
	i, ok := r.unitByName[v]
	switch {
	case !ok:
		c.bad(ColUnit, "承办单位不存在（请先导入单位，或填写单位编码）")
		return -1
	case i < 0:
		c.bad(ColUnit, "有多个单位同名，请填写单位编码")
		return -1
	}
	return i
}

// policyAt returns the index of the policy in force at t (PolicyAt), cached by day.
func (r *importRefs) policyAt(t time.Time) (int, bool) {
	sec := t.Unix() + 8*3600
	if sec < 0 {
		sec -= 86399 // floor division
	}
	key := sec / 86400
	if i, ok := r.policyCache[key]; ok {
		return i, i >= 0
	}
	best := -1
	if p, err := PolicyAt(r.policies, t); err == nil {
		for i := range r.policies {
			if r.policies[i].EffectiveFrom == p.EffectiveFrom {
				best = i
			}
		}
	}
	r.policyCache[key] = best
	return best, best >= 0
}

// maskedPhone reports whether p is a phone masked by MaskPhone (digits and at least one *).
func maskedPhone(p string) bool {
	if !strings.Contains(p, "*") {
		return false
	}
	for _, c := range p {
		if c != '*' && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

// CategoryPath normalises a category path: parts separated by / ／ > or ›, trimmed,
// empty parts dropped, joined with "/".
func CategoryPath(s string) string {
	if normalPath(s) {
		return s // most files, a million times: no need to split and join
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '/' || r == '／' || r == '>' || r == '›' })
	out := parts[:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, "/")
}

// normalPath reports whether CategoryPath(s) == s.
func normalPath(s string) bool {
	if s == "" || s[0] == '/' || s[len(s)-1] == '/' || strings.Contains(s, "//") {
		return false
	}
	for _, r := range s {
		if r == '／' || r == '>' || r == '›' || unicode.IsSpace(r) {
			return false
		}
	}
	return true
}
