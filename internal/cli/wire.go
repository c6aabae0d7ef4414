package cli

import (
	"context"
	"strings"
	"sync"
	"time"

	"govdesk/internal/account"
	"govdesk/internal/app"
	"govdesk/internal/asset"
	"govdesk/internal/catalog"
	"govdesk/internal/config"
	"govdesk/internal/evaluation"
	"govdesk/internal/knowledge"
	"govdesk/internal/project"
	"govdesk/internal/report"
	"govdesk/internal/selfeval"
	"govdesk/internal/stats"
	"govdesk/internal/store"
	"govdesk/internal/workday"
	"govdesk/internal/workorder"
)

// services bundles the domain services wired over one database.
type services struct {
	db       *store.DB
	cfg      config.Config
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
		cfg:      c,
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

// The services below are built on demand by the commands that need them.

// catalogService is the catalogue service over the command's database.
func catalogService(s *services) *catalog.Service {
	return &catalog.Service{Store: &store.Catalog{DB: s.db}, Clock: app.SystemClock{}, Schedule: s.schedule}
}

// evaluationService is the 好差评 service over the command's database, with the
// rectification limits of the configuration ([rectify], GOVDESK_RECTIFY_*).
func evaluationService(s *services) *evaluation.Service {
	p := evaluation.DefaultPolicy
	if s.cfg.Rectify.VerifyDays > 0 {
		p.VerifyDays = s.cfg.Rectify.VerifyDays
	}
	if s.cfg.Rectify.Days > 0 {
		p.RectifyDays = s.cfg.Rectify.Days
	}
	return &evaluation.Service{Store: &store.Evaluations{DB: s.db}, Clock: app.SystemClock{}, Schedule: s.schedule, Policy: p}
}

func knowledgeService(s *services) *knowledge.Service {
	return &knowledge.Service{Store: &store.Knowledge{DB: s.db}, Clock: app.SystemClock{}}
}

// projectService is the project and policy service over the command's database.
func projectService(s *services) *project.Service {
	return &project.Service{Store: store.NewProjectStore(s.db), Clock: app.SystemClock{}, Schedule: s.schedule}
}

// reportService is the brief service over the command's database.
func reportService(s *services) *report.Service {
	return &report.Service{Stats: statsService(s), Orders: &store.Orders{DB: s.db}, Passages: &store.Passages{DB: s.db},
		Clock: app.SystemClock{}}
}

// selfevalService is the self-evaluation over the command's database and the other modules.
// The modules' figures of a year are kept for a minute: the pages rebuild the evaluation on
// every view and edit, and listing a year's 好差评 alone takes most of a second on the demo.
func selfevalService(s *services) *selfeval.Service {
	c := &moduleCache{s: s, ttl: time.Minute, at: map[int]time.Time{}, mods: map[int]selfeval.Modules{}}
	return &selfeval.Service{Store: &store.SelfEval{DB: s.db}, Passages: &store.Passages{DB: s.db}, Modules: c.get, Clock: app.SystemClock{}}
}

// statsService is the statistics service over the command's database.
func statsService(s *services) *stats.Service {
	return &stats.Service{Source: &store.Stats{DB: s.db}, Clock: app.SystemClock{}, Schedule: s.schedule}
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
