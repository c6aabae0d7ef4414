package asset

import "time"

// Device is a base-level terminal or piece of hall equipment (基层终端).
type Device struct {
	ID      int64
	Code    string // 设备编号, the import key
	Name    string
	Kind    string // 设备类型
	TownID  int64
	Town    string
	Village string // "" for a device at the town itself
	// InService is midnight (Asia/Shanghai) of 启用日期: availability counts the
	// device from then.
	InService time.Time
	// HasToken reports whether a heartbeat token was issued: only such devices are
	// watched for missing heartbeats.
	HasToken      bool
	TokenIssuedAt time.Time
	LastHeartbeat time.Time // zero when none arrived yet
	// OpenFaults is the number of faults without a recovery time (filled by lists).
	OpenFaults int
}

// Status is the device's state as pages show it: 故障 with an open fault, 未启用
// before its 启用日期, otherwise 正常.
func (d Device) Status(now time.Time) string {
	switch {
	case d.OpenFaults > 0:
		return "故障"
	case now.Before(d.InService):
		return "未启用"
	}
	return "正常"
}

// Fault sources.
const (
	SourceImport    = "import"    // govdesk import faults
	SourceManual    = "manual"    // recorded by a person
	SourceHeartbeat = "heartbeat" // opened by the scheduler when heartbeats stopped
)

// SourceNames are the Chinese names of the fault sources.
var SourceNames = map[string]string{SourceImport: "导入", SourceManual: "人工登记", SourceHeartbeat: "心跳中断自动生成"}

// Fault is a period a device was down. RecoveredAt is zero while it is still down.
type Fault struct {
	ID          int64
	DeviceID    int64
	DeviceCode  string
	DeviceName  string
	Town        string
	StartedAt   time.Time
	RecoveredAt time.Time
	Description string
	Source      string
}

// Open reports whether the device is still down.
func (f Fault) Open() bool { return f.RecoveredAt.IsZero() }

// Hours returns the fault's length in hours, up to now when it is still open.
func (f Fault) Hours(now time.Time) float64 {
	end := f.RecoveredAt
	if end.IsZero() {
		end = now
	}
	if end.Before(f.StartedAt) {
		return 0
	}
	return end.Sub(f.StartedAt).Hours()
}
