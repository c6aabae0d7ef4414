package account

import (
	"context"
	"strings"

	"govdesk/internal/app"
	"govdesk/internal/sheet"
)

// Unit kinds (单位类型) accepted in files and the API; "" reads as 成员单位.
var UnitKinds = []string{"中心", "热线办", "市直部门", "镇街", "公共企事业单位", "成员单位", "其他"}

// ImportSummary is the result of an import (SPEC §13).
type ImportSummary struct {
	Imported int      `json:"imported"`
	Updated  int      `json:"updated"`
	Skipped  int      `json:"skipped"`
	Unknown  []string `json:"unknown_columns,omitempty"`
}

// Unit import headers (SPEC §2).
const (
	colUnitCode   = "单位编码"
	colUnitName   = "单位名称"
	colUnitKind   = "单位类型"
	colUnitParent = "上级单位编码"
)

// UnitSpec is the header specification of a units file.
var UnitSpec = sheet.Spec{Required: []string{colUnitCode, colUnitName}, Optional: []string{colUnitKind, colUnitParent}}

// ImportUnits validates every row of a units table and, when all are valid (or
// skipInvalid is set), creates or updates the units by code in one transaction.
// A parent code must name an existing unit or a unit of the same file. With
// skipInvalid, rows that fail are returned in the error list beside a nil error.
func (s *Service) ImportUnits(ctx context.Context, tab *sheet.Table, skipInvalid bool) (ImportSummary, []sheet.RowError, error) {
	if _, err := app.RequireRole(ctx, app.RoleAdmin); err != nil {
		return ImportSummary{}, nil, err
	}
	existing, err := s.Store.FindUnits(ctx)
	if err != nil {
		return ImportSummary{}, nil, err
	}
	known := map[string]bool{}
	for _, u := range existing {
		known[u.Code] = true
	}
	inFile := map[string]int{}
	for _, r := range tab.Rows {
		if c := r.Get(colUnitCode); c != "" {
			if _, dup := inFile[c]; !dup {
				inFile[c] = r.Num
			}
		}
	}
	var errs sheet.Errors
	var units []Unit
	seen := sheet.Unique{}
	for _, r := range tab.Rows {
		n := errs.Len()
		u := Unit{Code: r.Get(colUnitCode), Name: r.Get(colUnitName), Kind: r.Get(colUnitKind), ParentCode: r.Get(colUnitParent), Active: true}
		checkUnit(&errs, r.Num, u)
		seen.Cell(&errs, r.Num, colUnitCode, u.Code)
		if u.ParentCode != "" && !known[u.ParentCode] && inFile[u.ParentCode] == 0 {
			errs.Add(r.Num, colUnitParent, u.ParentCode, "上级单位不存在（既不在系统中，也不在本文件中）")
		}
		if errs.Len() == n {
			units = append(units, u)
		}
	}
	if errs.Len() > 0 && !skipInvalid {
		return ImportSummary{}, errs.List, errs.Err()
	}
	created, updated, err := s.Store.UpsertUnits(ctx, units)
	if err != nil {
		return ImportSummary{}, nil, err
	}
	return ImportSummary{Imported: created, Updated: updated, Skipped: len(tab.Rows) - len(units), Unknown: tab.Unknown}, errs.List, nil
}

// MaxUnitName is the longest unit name, in characters (the longest real name of a
// 市直部门 or 公共企事业单位 is about 30).
const MaxUnitName = 100

func checkUnit(errs *sheet.Errors, row int, u Unit) {
	if u.Code == "" {
		errs.Add(row, colUnitCode, u.Code, "单位编码不能为空")
	} else if len(u.Code) > 64 || strings.ContainsAny(u.Code, " /\\") {
		errs.Add(row, colUnitCode, u.Code, "单位编码过长或含有空格、斜杠")
	}
	if u.Name == "" {
		errs.Add(row, colUnitName, u.Name, "单位名称不能为空")
	}
	errs.CheckLength(row, colUnitName, u.Name, MaxUnitName)
	if u.Kind != "" && !contains(UnitKinds, u.Kind) {
		errs.Add(row, colUnitKind, u.Kind, "单位类型应为："+strings.Join(UnitKinds, "、"))
	}
	if u.ParentCode != "" && u.ParentCode == u.Code {
		errs.Add(row, colUnitParent, u.ParentCode, "上级单位不能是自己")
	}
}

// CreateUnit adds or updates one unit (admin only), as the API's POST /units does.
func (s *Service) CreateUnit(ctx context.Context, u Unit) (Unit, error) {
	if _, err := app.RequireRole(ctx, app.RoleAdmin); err != nil {
		return Unit{}, err
	}
	u.Code, u.Name, u.Kind, u.ParentCode = strings.TrimSpace(u.Code), strings.TrimSpace(u.Name), strings.TrimSpace(u.Kind), strings.TrimSpace(u.ParentCode)
	var errs sheet.Errors
	checkUnit(&errs, 0, u)
	if errs.Len() > 0 {
		var msgs []string
		for _, e := range errs.List {
			msgs = append(msgs, e.Column+"："+e.Reason)
		}
		return Unit{}, app.Invalid("%s", strings.Join(msgs, "；")).WithDetail("invalid unit %q: %d problems", u.Code, len(msgs))
	}
	if u.ParentCode != "" {
		if _, err := s.Store.FindUnitByCode(ctx, u.ParentCode); app.ErrorCode(err) == app.ENotFound {
			return Unit{}, app.Invalid("上级单位编码 %q 不存在", u.ParentCode).WithDetail("unknown parent unit %q", u.ParentCode)
		} else if err != nil {
			return Unit{}, err
		}
	}
	u.Active = true
	if _, _, err := s.Store.UpsertUnits(ctx, []Unit{u}); err != nil {
		return Unit{}, err
	}
	return s.Store.FindUnitByCode(ctx, u.Code)
}

// Units lists every unit, ordered by code.
func (s *Service) Units(ctx context.Context) ([]Unit, error) {
	if _, err := app.RequireActor(ctx); err != nil {
		return nil, err
	}
	return s.Store.FindUnits(ctx)
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
