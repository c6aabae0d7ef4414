package asset

import (
	"context"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/sheet"
)

// Fault import headers (SPEC §8).
const (
	colFaultDevice = "设备编号"
	colFaultStart  = "故障开始时间"
	colFaultEnd    = "恢复时间"
	colFaultDesc   = "故障描述"
)

// FaultSpec is the header specification of a faults file.
var FaultSpec = sheet.Spec{Required: []string{colFaultDevice, colFaultStart}, Optional: []string{colFaultEnd, colFaultDesc}}

// ImportFaults validates every row of a faults table and, when all are valid (or
// skipInvalid is set), records them in one transaction. A fault is keyed by its
// device and start time: re-importing it updates its recovery time and
// description. An empty 恢复时间 means the device is still down.
func (s *Service) ImportFaults(ctx context.Context, tab *sheet.Table, skipInvalid bool) (Summary, []sheet.RowError, error) {
	if _, err := app.RequireRole(ctx, EditRoles...); err != nil {
		return Summary{}, nil, err
	}
	devs, err := s.Store.FindDevices(ctx)
	if err != nil {
		return Summary{}, nil, err
	}
	byCode := map[string]Device{}
	for _, d := range devs {
		byCode[d.Code] = d
	}
	now := s.now()
	seen := sheet.Unique{}
	var errs sheet.Errors
	var faults []Fault
	for _, r := range tab.Rows {
		n := errs.Len()
		f := Fault{DeviceCode: r.Get(colFaultDevice), Description: r.Get(colFaultDesc), Source: SourceImport}
		d, known := byCode[f.DeviceCode]
		switch {
		case f.DeviceCode == "":
			errs.Add(r.Num, colFaultDevice, "", "设备编号不能为空")
		case !known:
			errs.Add(r.Num, colFaultDevice, f.DeviceCode, "设备不存在，请先导入设备")
		}
		f.DeviceID = d.ID
		v := r.Get(colFaultStart)
		start, err := sheet.ParseTime(v)
		switch {
		case err != nil:
			errs.Add(r.Num, colFaultStart, v, app.ErrorMessage(err))
		case start.After(now):
			errs.Add(r.Num, colFaultStart, v, "故障开始时间不能晚于当前时间")
		case known && start.Before(d.InService):
			errs.Add(r.Num, colFaultStart, v, "故障开始时间早于设备启用日期 "+d.InService.In(app.Shanghai).Format(app.DateLayout))
		}
		f.StartedAt = start
		if v := r.Get(colFaultEnd); v != "" {
			end, err := sheet.ParseTime(v)
			switch {
			case err != nil:
				errs.Add(r.Num, colFaultEnd, v, app.ErrorMessage(err))
			case !start.IsZero() && end.Before(start):
				errs.Add(r.Num, colFaultEnd, v, "恢复时间早于故障开始时间")
			case end.After(now):
				errs.Add(r.Num, colFaultEnd, v, "恢复时间不能晚于当前时间")
			}
			f.RecoveredAt = end
		}
		if err == nil && f.DeviceCode != "" {
			key := f.DeviceCode + "\x00" + start.UTC().Format(time.RFC3339Nano)
			seen.Check(&errs, r.Num, colFaultStart, "同一设备的同一故障开始时间", key, v)
		}
		if errs.Len() == n {
			faults = append(faults, f)
		}
	}
	if errs.Len() > 0 && !skipInvalid {
		return Summary{}, errs.List, errs.Err()
	}
	created, updated, err := s.Store.SaveFaults(ctx, faults)
	if err != nil {
		return Summary{}, nil, err
	}
	return Summary{Imported: created, Updated: updated, Skipped: len(tab.Rows) - len(faults)}, errs.List, nil
}

// RecordFault records a fault by hand (admin, staff); a zero RecoveredAt leaves it open.
func (s *Service) RecordFault(ctx context.Context, f Fault) error {
	if _, err := app.RequireRole(ctx, EditRoles...); err != nil {
		return err
	}
	devs, err := s.Store.FindDevices(ctx)
	if err != nil {
		return err
	}
	for _, d := range devs {
		if d.Code == f.DeviceCode {
			if f.StartedAt.IsZero() || f.StartedAt.After(s.now()) {
				return app.Invalid("故障开始时间不能为空，也不能晚于当前时间").WithDetail("the fault start time is empty or in the future")
			}
			if !f.RecoveredAt.IsZero() && f.RecoveredAt.Before(f.StartedAt) {
				return app.Invalid("恢复时间早于故障开始时间").WithDetail("the recovery time is before the fault started")
			}
			f.DeviceID, f.Source = d.ID, SourceManual
			_, _, err := s.Store.SaveFaults(ctx, []Fault{f})
			return err
		}
	}
	return app.NotFound("设备 %s 不存在", f.DeviceCode).WithDetail("no device %s", f.DeviceCode)
}

// Fault returns one fault.
func (s *Service) Fault(ctx context.Context, id int64) (Fault, error) {
	if _, err := app.RequireRole(ctx, ReadRoles...); err != nil {
		return Fault{}, err
	}
	return s.Store.FindFault(ctx, id)
}

// RecoverFault records that the device of an open fault works again at at (now
// when zero); admin and staff.
func (s *Service) RecoverFault(ctx context.Context, id int64, at time.Time) error {
	if _, err := app.RequireRole(ctx, EditRoles...); err != nil {
		return err
	}
	f, err := s.Store.FindFault(ctx, id)
	if err != nil {
		return err
	}
	if at.IsZero() {
		at = s.now()
	}
	switch {
	case !f.Open():
		return app.Conflict("该故障已于 %s 恢复", f.RecoveredAt.In(app.Shanghai).Format("2006-01-02 15:04")).
			WithDetail("the fault was recovered at %s", f.RecoveredAt.In(app.Shanghai).Format("2006-01-02 15:04"))
	case at.Before(f.StartedAt):
		return app.Invalid("恢复时间早于故障开始时间").WithDetail("the recovery time is before the fault started")
	case at.After(s.now()):
		return app.Invalid("恢复时间不能晚于当前时间").WithDetail("the recovery time is in the future")
	}
	return s.Store.RecoverFault(ctx, id, at)
}
