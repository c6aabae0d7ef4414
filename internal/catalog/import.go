package catalog

import (
	"context"
	"strconv"
	"strings"

	"govdesk/internal/app"
	"govdesk/internal/sheet"
	"govdesk/internal/workday"
)

// Service is the catalogue's use cases over a Store.
type Service struct {
	Store Store
	Clock app.Clock
	// Schedule returns the calendar in force; cases use it with the workdays clock.
	Schedule func(ctx context.Context) (workday.Schedule, error)
}

// ImportSummary is the result of an import (SPEC §13).
type ImportSummary struct {
	Imported, Updated, Skipped int
	CreatedRegions             []string
}

// Item import headers (SPEC §6), and the optional extras this product adds.
const (
	colCode, colName, colUnit, colCategory = "实施编码", "事项名称", "实施主体", "事项类型"
	colByApp, colInHall, colOneWindow      = "是否依申请", "是否进驻大厅", "是否一窗受理"
	colOnline, colDepth, colTrips          = "是否网上可办", "网办深度", "到现场次数"
	colCitywide, colCross, colCertFree     = "是否全市通办", "是否跨省通办", "是否免证办"
	colKind, colLegal, colPromised         = "办件类型", "法定时限", "承诺时限"
	colStatus, colLevel, colFees, colMats  = "状态", "事项层级", "收费标准", "申请材料"
)

// ItemHeaders are the headers of an items file in export order.
var ItemHeaders = []string{colCode, colName, colUnit, colCategory, colByApp, colInHall, colOneWindow, colOnline, colDepth,
	colTrips, colCitywide, colCross, colCertFree, colKind, colLegal, colPromised, colStatus, colLevel, colFees, colMats}

// ItemSpec is the header specification of an items file.
var ItemSpec = sheet.Spec{Required: ItemHeaders[:17], Optional: ItemHeaders[17:]}

// ImportItems validates every row of an items table and, when all are valid (or
// skipInvalid is set), creates or updates the items by 实施编码 in one transaction.
// The 实施主体 must be an existing unit, named by code or by name.
func (s *Service) ImportItems(ctx context.Context, tab *sheet.Table, skipInvalid bool) (ImportSummary, []sheet.RowError, error) {
	actor, err := app.RequireRole(ctx, app.RoleAdmin, app.RoleStaff)
	if err != nil {
		return ImportSummary{}, nil, err
	}
	units, err := s.Store.UnitKeys(ctx)
	if err != nil {
		return ImportSummary{}, nil, err
	}
	var errs sheet.Errors
	var items []Item
	seen := sheet.Unique{}
	for _, r := range tab.Rows {
		n := errs.Len()
		it := parseItem(&errs, r, units)
		seen.Cell(&errs, r.Num, colCode, it.Code)
		if errs.Len() == n {
			items = append(items, it)
		}
	}
	if errs.Len() > 0 && !skipInvalid {
		return ImportSummary{}, errs.List, errs.Err()
	}
	created, updated, err := s.Store.UpsertItems(ctx, items, actor.Username, s.Clock.Now())
	if err != nil {
		return ImportSummary{}, nil, err
	}
	return ImportSummary{Imported: created, Updated: updated, Skipped: len(tab.Rows) - len(items)}, errs.List, nil
}

// MaxItemName is the longest item name, in characters (the catalogue's longest
// real names, such as 对……的行政许可, stay well under 100).
const MaxItemName = 200

// parseItem reads one row, adding an error per bad cell.
func parseItem(errs *sheet.Errors, r sheet.Row, units map[string]int64) Item {
	it := Item{Code: r.Get(colCode), Name: r.Get(colName), UnitCode: r.Get(colUnit), Fees: r.Get(colFees), Level: r.Get(colLevel)}
	if it.Code == "" {
		errs.Add(r.Num, colCode, "", "实施编码不能为空")
	} else if len(it.Code) > 64 || strings.ContainsAny(it.Code, " /\\") {
		errs.Add(r.Num, colCode, it.Code, "实施编码过长或含有空格、斜杠")
	}
	if it.Name == "" {
		errs.Add(r.Num, colName, "", "事项名称不能为空")
	}
	errs.CheckLength(r.Num, colName, it.Name, MaxItemName)
	if id, ok := units[it.UnitCode]; ok {
		it.UnitID = id
	} else {
		errs.Add(r.Num, colUnit, it.UnitCode, "实施主体不是已有单位（请先导入单位，按单位编码或名称填写）")
	}
	if c, ok := ParseCategory(r.Get(colCategory)); ok {
		it.Category = c
	} else {
		errs.Add(r.Num, colCategory, r.Get(colCategory), "事项类型应为："+strings.Join(Categories, "、")+"（或国家类型代码）")
	}
	flag := func(col string, dst *bool) {
		b, err := sheet.ParseBool(r.Get(col))
		if err != nil {
			errs.Add(r.Num, col, r.Get(col), app.ErrorMessage(err))
		}
		*dst = b
	}
	flag(colByApp, &it.ByApplication)
	flag(colInHall, &it.InHall)
	flag(colOneWindow, &it.OneWindow)
	flag(colOnline, &it.Online)
	flag(colCitywide, &it.Citywide)
	flag(colCross, &it.CrossProvince)
	flag(colCertFree, &it.CertFree)
	if v := r.Get(colDepth); v != "" {
		d, ok := ParseDepth(v)
		switch {
		case !ok:
			errs.Add(r.Num, colDepth, v, "网办深度应为 1–4 或 一级–四级（一级 办事指南公开，二级 网上预审，三级 网上受理，四级 全程网办）")
		case d > 1 && !it.Online:
			errs.Add(r.Num, colDepth, v, "事项不可网上办理，网办深度只能为一级（办事指南公开）或留空")
		}
		it.OnlineDepth = d
	}
	trips, err := strconv.Atoi(r.Get(colTrips))
	if err != nil || trips < 0 || trips > 99 {
		errs.Add(r.Num, colTrips, r.Get(colTrips), "到现场次数应为 0 或正整数")
	}
	it.MaxTrips = trips
	switch r.Get(colKind) {
	case "即办件":
		it.Immediate = true
	case "承诺件":
	default:
		errs.Add(r.Num, colKind, r.Get(colKind), "办件类型应为“即办件”或“承诺件”")
	}
	it.LegalDays = days(errs, r, colLegal)
	it.PromisedDays = days(errs, r, colPromised)
	if it.LegalDays > 0 && it.PromisedDays > it.LegalDays {
		errs.Add(r.Num, colPromised, r.Get(colPromised), "承诺时限不能长于法定时限")
	}
	if st, ok := ParseStatus(r.Get(colStatus)); ok {
		it.Status = st
	} else {
		errs.Add(r.Num, colStatus, r.Get(colStatus), "状态应为“已发布”“草稿”或“已取消”")
	}
	if it.Level != "" && !contains(Levels, strings.TrimSuffix(it.Level, "级")) {
		errs.Add(r.Num, colLevel, it.Level, "事项层级应为 市、县、镇 或 村")
	}
	it.Level = strings.TrimSuffix(it.Level, "级")
	it.Materials = ParseMaterials(r.Get(colMats))
	return it
}

// days reads a time limit in working days: empty is 0 (not given); "20个工作日" is 20.
func days(errs *sheet.Errors, r sheet.Row, col string) float64 {
	v := strings.TrimSuffix(strings.TrimSuffix(r.Get(col), "个工作日"), "工作日")
	if v == "" {
		return 0
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || f < 0 || f > 3650 {
		errs.Add(r.Num, col, r.Get(col), "时限应为工作日数（如 20），可留空")
		return 0
	}
	return f
}

// ParseCategory accepts a category name or a national type code.
func ParseCategory(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if c, ok := CategoryCodes[s]; ok {
		return c, true
	}
	return s, contains(Categories, s)
}

// ParseStatus accepts 已发布/草稿/已取消 (or the English codes); "" is invalid.
func ParseStatus(s string) (string, bool) {
	for code, name := range StatusNames {
		if s == name || s == code {
			return code, true
		}
	}
	return "", false
}

// ParseMaterials reads "名称[免提交][电子证照]；名称…" (separators ；;、 or new lines).
func ParseMaterials(s string) []Material {
	var out []Material
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == '；' || r == ';' || r == '\n' }) {
		m := Material{Name: strings.TrimSpace(part)}
		for _, tag := range []string{"[免提交]", "【免提交】"} {
			if strings.Contains(m.Name, tag) {
				m.Exempt, m.Name = true, strings.ReplaceAll(m.Name, tag, "")
			}
		}
		for _, tag := range []string{"[电子证照]", "【电子证照】"} {
			if strings.Contains(m.Name, tag) {
				m.ECertOK, m.Name = true, strings.ReplaceAll(m.Name, tag, "")
			}
		}
		if m.Name = strings.TrimSpace(m.Name); m.Name != "" {
			out = append(out, m)
		}
	}
	return out
}

// FormatMaterials is the inverse of ParseMaterials.
func FormatMaterials(ms []Material) string {
	var parts []string
	for _, m := range ms {
		p := m.Name
		if m.Exempt {
			p += "[免提交]"
		}
		if m.ECertOK {
			p += "[电子证照]"
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, "；")
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// ItemRow is an item as a row of ItemHeaders, so an exported file imports back.
func ItemRow(it Item) []string {
	yn := func(b bool) string {
		if b {
			return "是"
		}
		return "否"
	}
	num := func(f float64) string {
		if f == 0 {
			return ""
		}
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	depth, kind := "", "承诺件"
	if it.OnlineDepth > 0 {
		depth = strconv.Itoa(it.OnlineDepth)
	}
	if it.Immediate {
		kind = "即办件"
	}
	return []string{it.Code, it.Name, it.UnitCode, it.Category, yn(it.ByApplication), yn(it.InHall), yn(it.OneWindow),
		yn(it.Online), depth, strconv.Itoa(it.MaxTrips), yn(it.Citywide), yn(it.CrossProvince), yn(it.CertFree), kind,
		num(it.LegalDays), num(it.PromisedDays), StatusNames[it.Status], it.Level, it.Fees, FormatMaterials(it.Materials)}
}
