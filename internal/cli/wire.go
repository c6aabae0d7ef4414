package cli

import (
	"context"
	"strings"
	"sync"
	"time"

	"govdesk/internal/account"
	"govdesk/internal/app"
	"govdesk/internal/asset"
	"govdesk/internal/config"
	"govdesk/internal/store"
	"govdesk/internal/workday"
	"govdesk/internal/workorder"
)

// services bundles the domain services wired over one database.
type services struct {
	db       *store.DB
	accounts *account.Service
	policies *workorder.Policies
	calendar *store.Calendar
	orders   *workorder.Service
	schedule func(ctx context.Context) (workday.Schedule, error)
	assets   *asset.Service
}

func wire(db *store.DB, c config.Config) *services {
	clock := app.SystemClock{}
	acc := account.NewService(&store.Accounts{DB: db}, clock)
	acc.SessionTTL, acc.MaxFailures, acc.Window = c.Session.TTL.Duration, c.Login.MaxFailures, c.Login.Window.Duration
	s := &services{
		db:       db,
		accounts: acc,
		policies: &workorder.Policies{Store: &store.Policies{DB: db}, Clock: clock},
		calendar: &store.Calendar{DB: db},
	}
	s.schedule = (&scheduleCache{cal: s.calendar, cfg: c}).get
	s.orders = &workorder.Service{Store: &store.Orders{DB: db}, Directory: &store.Accounts{DB: db},
		Articles: &store.Knowledge{DB: db}, Policies: s.policies,
		Clock: clock, Schedule: s.schedule, ReviewClosesConsult: c.Hotline.ReviewClosesConsult,
		SensitiveUnits: sensitiveUnits(db, c)}
	s.assets = &asset.Service{Store: &store.Assets{DB: db}, Clock: clock,
		HeartbeatTimeout: c.Assets.HeartbeatTimeout.Duration, Headcount: c.Assets.Headcount}
	return s
}

// sensitiveUnits resolves the configured unit codes; unknown codes are skipped.
func sensitiveUnits(db *store.DB, c config.Config) []int64 {
	var ids []int64
	acc := &store.Accounts{DB: db}
	for _, code := range strings.Split(c.Hotline.SensitiveUnits, ",") {
		if code = strings.TrimSpace(code); code == "" {
			continue
		}
		if u, err := acc.FindUnitByCode(context.Background(), code); err == nil {
			ids = append(ids, u.ID)
		}
	}
	return ids
}

// scheduleCache keeps the calendar with the admin's overrides for a short while, so
// that an override imported by another process is used within a minute.
type scheduleCache struct {
	cal    *store.Calendar
	cfg    config.Config
	mu     sync.Mutex
	sched  workday.Schedule
	loaded time.Time
}

func (c *scheduleCache) get(ctx context.Context) (workday.Schedule, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.sched.Cal != nil && time.Since(c.loaded) < time.Minute {
		return c.sched, nil
	}
	cal, err := c.cal.Load(ctx)
	if err != nil {
		return workday.Schedule{}, err
	}
	s, err := c.cfg.Schedule(cal)
	if err != nil {
		return workday.Schedule{}, err
	}
	c.sched, c.loaded = s, time.Now()
	return s, nil
}
