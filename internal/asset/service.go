package asset

import (
	"context"
	"time"

	"govdesk/internal/app"
)

// Store keeps assets, devices and faults. Methods return *app.Error: not_found for
// an unknown device or token, internal for everything else.
type Store interface {
	// FindAssets returns the register ordered by code.
	FindAssets(ctx context.Context) ([]Asset, error)
	// SaveAssets creates or updates the assets by code and records the stock-takes
	// (one per asset and year; a second one of the same year keeps the first's book
	// quantity), all in one transaction.
	SaveAssets(ctx context.Context, assets []Asset, takes []StockTake) (created, updated int, err error)
	// FindStockTakes returns the stock-takes of a year (0: every year), newest year first.
	FindStockTakes(ctx context.Context, year int) ([]StockTake, error)
	// FindLimits returns the allocation limits by category.
	FindLimits(ctx context.Context) ([]Limit, error)
	// SetLimit creates or replaces the limit of a category; a limit with neither
	// kind set removes it.
	SetLimit(ctx context.Context, l Limit) error
	// FindDevices returns every device with its town, village and open-fault count, by code.
	FindDevices(ctx context.Context) ([]Device, error)
	// SaveDevices creates or updates devices by code, creating unknown towns and
	// villages, all in one transaction; it returns the regions it created.
	SaveDevices(ctx context.Context, devs []Device) (created, updated int, regions []string, err error)
	// FindFaults returns the faults matching f, newest first.
	FindFaults(ctx context.Context, f FaultFilter) ([]Fault, error)
	// SaveFaults creates or updates faults keyed by device and start time, in one transaction.
	SaveFaults(ctx context.Context, faults []Fault) (created, updated int, err error)
	// FindFault returns one fault (not_found when there is none).
	FindFault(ctx context.Context, id int64) (Fault, error)
	// RecoverFault sets the recovery time of an open fault (conflict when it is already recovered).
	RecoverFault(ctx context.Context, id int64, at time.Time) error
	// SetDeviceToken stores the hash of a device's new heartbeat token (not_found for an unknown code).
	SetDeviceToken(ctx context.Context, code, hash string, at time.Time) error
	// Heartbeat records a heartbeat of the device whose code and token hash match
	// (unauthorized otherwise) and closes its open heartbeat faults at that time;
	// it returns how many it closed.
	Heartbeat(ctx context.Context, code, hash string, at time.Time) (closed int, err error)
	// OpenSilenceFaults opens a heartbeat fault, starting at the last heartbeat (or
	// the token's issue), for every device with a token, no open heartbeat fault and
	// no heartbeat since silentSince; it returns how many it opened.
	OpenSilenceFaults(ctx context.Context, silentSince, now time.Time) (int, error)
}

// FaultFilter selects faults: OpenOnly, a device code, or those overlapping [From, To).
type FaultFilter struct {
	DeviceCode string
	OpenOnly   bool
	From, To   time.Time
	Limit      int
}

// Service is the asset and device service.
type Service struct {
	Store Store
	Clock app.Clock
	// HeartbeatTimeout is how long a device with a token may stay silent before a
	// fault is opened; 0 means DefaultHeartbeatTimeout.
	HeartbeatTimeout time.Duration
	// Headcount is the staff count allocation limits in percent are of (实有人数).
	Headcount int
}

// DefaultHeartbeatTimeout is used when the service has none configured.
const DefaultHeartbeatTimeout = 15 * time.Minute

// EditRoles may import and change assets, devices and faults.
var EditRoles = []string{app.RoleAdmin, app.RoleStaff}

// ReadRoles may read the register, devices, faults and availability.
var ReadRoles = []string{app.RoleAdmin, app.RoleStaff, app.RoleLeader, app.RoleDispatcher}

func (s *Service) now() time.Time { return s.Clock.Now() }

// Assets returns the register.
func (s *Service) Assets(ctx context.Context) ([]Asset, error) {
	if _, err := app.RequireRole(ctx, ReadRoles...); err != nil {
		return nil, err
	}
	return s.Store.FindAssets(ctx)
}

// StockTakes returns the stock-takes of a year (0: all).
func (s *Service) StockTakes(ctx context.Context, year int) ([]StockTake, error) {
	if _, err := app.RequireRole(ctx, ReadRoles...); err != nil {
		return nil, err
	}
	return s.Store.FindStockTakes(ctx, year)
}

// Register is the register's figures: utilisation and allocation findings.
type Register struct {
	Assets      []Asset
	Utilization Utilization
	Limits      []Limit
	Headcount   int
	Findings    []Finding
}

// Register returns the register with 固定资产利用率 and the allocation findings.
func (s *Service) Register(ctx context.Context) (Register, error) {
	as, err := s.Assets(ctx)
	if err != nil {
		return Register{}, err
	}
	ls, err := s.Store.FindLimits(ctx)
	if err != nil {
		return Register{}, err
	}
	return Register{Assets: as, Utilization: UtilizationOf(as), Limits: ls, Headcount: s.Headcount,
		Findings: Findings(as, ls, s.Headcount)}, nil
}

// SetLimit sets the allocation limit of a category (admin, staff).
func (s *Service) SetLimit(ctx context.Context, l Limit) error {
	if _, err := app.RequireRole(ctx, EditRoles...); err != nil {
		return err
	}
	if l.Category == "" {
		return app.Invalid("资产类别不能为空").WithDetail("the asset category is empty")
	}
	if l.PercentOfHeadcount < 0 || l.MaxQuantity < 0 {
		return app.Invalid("配置标准不能为负数").WithDetail("the allocation standard is negative")
	}
	return s.Store.SetLimit(ctx, l)
}

// Devices returns every device with its open-fault count.
func (s *Service) Devices(ctx context.Context) ([]Device, error) {
	if _, err := app.RequireRole(ctx, ReadRoles...); err != nil {
		return nil, err
	}
	return s.Store.FindDevices(ctx)
}

// Faults returns the faults matching f.
func (s *Service) Faults(ctx context.Context, f FaultFilter) ([]Fault, error) {
	if _, err := app.RequireRole(ctx, ReadRoles...); err != nil {
		return nil, err
	}
	return s.Store.FindFaults(ctx, f)
}

// Figures is the availability of a period overall, by town, by device and by month.
type Figures struct {
	Period   Period
	Now      time.Time
	Total    Availability
	ByTown   []Group
	ByDevice []Group
	ByMonth  []Group
}

// Availability computes the figures of SPEC §8 for p.
func (s *Service) Availability(ctx context.Context, p Period) (Figures, error) {
	devs, err := s.Devices(ctx)
	if err != nil {
		return Figures{}, err
	}
	faults, err := s.Store.FindFaults(ctx, FaultFilter{From: p.From, To: p.To})
	if err != nil {
		return Figures{}, err
	}
	now := s.now()
	return Figures{Period: p, Now: now, Total: Compute(devs, faults, p, now),
		ByTown: ByTown(devs, faults, p, now), ByDevice: ByDevice(devs, faults, p, now),
		ByMonth: ByMonth(devs, faults, p, now, app.Shanghai)}, nil
}
