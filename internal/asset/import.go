package asset

import (
	"context"
	"math"
	"strconv"
	"strings"

	"govdesk/internal/app"
	"govdesk/internal/sheet"
)

// Summary is the result of an import (SPEC §13) with the regions it created.
type Summary struct {
	Imported, Updated, Skipped int
	CreatedRegions             []string
}

// Asset import headers (SPEC §8).
const (
	colAssetCode  = "资产编号"
	colAssetName  = "资产名称"
	colAssetCat   = "资产类别"
	colAssetQty   = "数量"
	colAssetValue = "原值"
	colAssetPlace = "存放地点"
	colAssetInUse = "是否在用"
	colAssetCheck = "盘点日期"
)

// AssetSpec is the header specification of an assets file.
var AssetSpec = sheet.Spec{
	Required: []string{colAssetCode, colAssetName, colAssetCat, colAssetQty, colAssetValue, colAssetInUse},
	Optional: []string{colAssetPlace, colAssetCheck},
}

// ImportAssets validates every row of an assets table and, when all are valid (or
// skipInvalid is set), creates or updates the assets by 资产编号 in one transaction.
// A row with 盘点日期 records that year's stock-take: the register's quantity
// before the import is the book quantity, the row's 数量 the counted one.
func (s *Service) ImportAssets(ctx context.Context, tab *sheet.Table, skipInvalid bool) (Summary, []sheet.RowError, error) {
	if _, err := app.RequireRole(ctx, EditRoles...); err != nil {
		return Summary{}, nil, err
	}
	existing, err := s.Store.FindAssets(ctx)
	if err != nil {
		return Summary{}, nil, err
	}
	byCode := map[string]Asset{}
	for _, a := range existing {
		byCode[a.Code] = a
	}
	today := s.now().In(app.Shanghai).Format(app.DateLayout)
	seen := sheet.Unique{}
	var errs sheet.Errors
	var assets []Asset
	var takes []StockTake
	for _, r := range tab.Rows {
		n := errs.Len()
		a := Asset{Code: r.Get(colAssetCode), Name: r.Get(colAssetName), Category: r.Get(colAssetCat), Location: r.Get(colAssetPlace)}
		required(&errs, r, colAssetCode, colAssetName, colAssetCat)
		errs.CheckLength(r.Num, colAssetCode, a.Code, MaxCode)
		errs.CheckLength(r.Num, colAssetName, a.Name, MaxName)
		errs.CheckLength(r.Num, colAssetCat, a.Category, MaxKind)
		errs.CheckLength(r.Num, colAssetPlace, a.Location, MaxName)
		seen.Cell(&errs, r.Num, colAssetCode, a.Code)
		if v := r.Get(colAssetQty); v != "" {
			q, err := sheet.ParseNumber(v)
			if err != nil || q < 0 || q != math.Trunc(q) || q > 1e9 {
				errs.Add(r.Num, colAssetQty, v, "数量应为不小于 0 的整数")
			}
			a.Quantity = int(q)
		} else {
			errs.Add(r.Num, colAssetQty, v, "数量不能为空")
		}
		if v := r.Get(colAssetValue); v != "" {
			f, err := sheet.ParseNumber(v)
			if err != nil || f < 0 || f > 1e13 {
				errs.Add(r.Num, colAssetValue, v, "原值应为不小于 0 的金额（元）")
			}
			a.ValueCents = int64(math.Round(f * 100))
		} else {
			errs.Add(r.Num, colAssetValue, v, "原值不能为空")
		}
		b, err := sheet.ParseBool(r.Get(colAssetInUse))
		if err != nil {
			errs.Add(r.Num, colAssetInUse, r.Get(colAssetInUse), app.ErrorMessage(err))
		}
		a.InUse = b
		if v := r.Get(colAssetCheck); v != "" {
			d, err := sheet.ParseDate(v)
			switch {
			case err != nil:
				errs.Add(r.Num, colAssetCheck, v, app.ErrorMessage(err))
			case d.In(app.Shanghai).Format(app.DateLayout) > today:
				errs.Add(r.Num, colAssetCheck, v, "盘点日期不能晚于今天")
			default:
				a.CheckedOn = d.In(app.Shanghai).Format(app.DateLayout)
			}
		}
		if errs.Len() != n {
			continue
		}
		old, had := byCode[a.Code]
		if a.CheckedOn == "" && had {
			a.CheckedOn = old.CheckedOn
		}
		if v := r.Get(colAssetCheck); v != "" {
			book := a.Quantity
			if had {
				book = old.Quantity
			}
			year, _ := strconv.Atoi(a.CheckedOn[:4])
			takes = append(takes, StockTake{AssetCode: a.Code, Year: year, TakenOn: a.CheckedOn, Book: book, Counted: a.Quantity})
		}
		assets = append(assets, a)
	}
	if errs.Len() > 0 && !skipInvalid {
		return Summary{}, errs.List, errs.Err()
	}
	created, updated, err := s.Store.SaveAssets(ctx, assets, takes)
	if err != nil {
		return Summary{}, nil, err
	}
	return Summary{Imported: created, Updated: updated, Skipped: len(tab.Rows) - len(assets)}, errs.List, nil
}

// Device import headers (SPEC §8).
const (
	colDevCode    = "设备编号"
	colDevName    = "设备名称"
	colDevKind    = "设备类型"
	colDevTown    = "所属镇街"
	colDevVillage = "所属村居"
	colDevStart   = "启用日期"
)

// DeviceSpec is the header specification of a devices file.
var DeviceSpec = sheet.Spec{
	Required: []string{colDevCode, colDevName, colDevKind, colDevTown, colDevStart},
	Optional: []string{colDevVillage},
}

// ImportDevices validates every row of a devices table and, when all are valid
// (or skipInvalid is set), creates or updates the devices by 设备编号 in one
// transaction, creating towns and villages not yet known.
func (s *Service) ImportDevices(ctx context.Context, tab *sheet.Table, skipInvalid bool) (Summary, []sheet.RowError, error) {
	if _, err := app.RequireRole(ctx, EditRoles...); err != nil {
		return Summary{}, nil, err
	}
	seen := sheet.Unique{}
	var errs sheet.Errors
	var devs []Device
	for _, r := range tab.Rows {
		n := errs.Len()
		d := Device{Code: r.Get(colDevCode), Name: r.Get(colDevName), Kind: r.Get(colDevKind), Town: r.Get(colDevTown), Village: r.Get(colDevVillage)}
		required(&errs, r, colDevCode, colDevName, colDevKind, colDevTown)
		errs.CheckLength(r.Num, colDevName, d.Name, MaxName)
		errs.CheckLength(r.Num, colDevKind, d.Kind, MaxKind)
		errs.CheckLength(r.Num, colDevTown, d.Town, MaxKind)
		errs.CheckLength(r.Num, colDevVillage, d.Village, MaxKind)
		if len(d.Code) > 64 || strings.ContainsAny(d.Code, " /\\") {
			errs.Add(r.Num, colDevCode, d.Code, "设备编号过长或含有空格、斜杠")
		}
		seen.Cell(&errs, r.Num, colDevCode, d.Code)
		v := r.Get(colDevStart)
		if day, err := sheet.ParseDate(v); err != nil {
			errs.Add(r.Num, colDevStart, v, app.ErrorMessage(err))
		} else {
			d.InService = day
		}
		if errs.Len() == n {
			devs = append(devs, d)
		}
	}
	if errs.Len() > 0 && !skipInvalid {
		return Summary{}, errs.List, errs.Err()
	}
	created, updated, regions, err := s.Store.SaveDevices(ctx, devs)
	if err != nil {
		return Summary{}, nil, err
	}
	return Summary{Imported: created, Updated: updated, Skipped: len(tab.Rows) - len(devs), CreatedRegions: regions}, errs.List, nil
}

// Lengths of an asset's or a device's texts, in characters: MaxCode for an asset's
// number, MaxName for names and places, MaxKind for categories, device types and
// the names of towns and villages.
const (
	MaxCode = 64
	MaxName = 100
	MaxKind = 50
)

func required(errs *sheet.Errors, r sheet.Row, cols ...string) {
	for _, c := range cols {
		if r.Get(c) == "" {
			errs.Add(r.Num, c, "", c+"不能为空")
		}
	}
}
