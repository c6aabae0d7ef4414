package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log/slog"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/config"
	"govdesk/internal/store"
)

// job is a scheduled job: it runs at most once per period across every govdesk
// process sharing the database.
type job struct {
	name  string
	every time.Duration
	run   func(ctx context.Context, s *services) (string, error)
}

var jobs = []job{
	{name: "deadline-notices", every: 5 * time.Minute, run: func(ctx context.Context, s *services) (string, error) {
		n, err := s.orders.RaiseDeadlineNotices(ctx)
		return fmt.Sprintf("%d new notices", n), err
	}},
	{name: "session-sweep", every: time.Hour, run: func(ctx context.Context, s *services) (string, error) {
		n, err := s.accounts.Store.DeleteExpiredSessions(ctx, time.Now())
		return fmt.Sprintf("%d expired sessions removed", n), err
	}},
	{name: "device-heartbeats", every: time.Minute, run: func(ctx context.Context, s *services) (string, error) {
		n, err := s.assets.CheckHeartbeats(ctx)
		return fmt.Sprintf("%d heartbeat faults opened", n), err
	}},
	{name: "rectification-overdue", every: 5 * time.Minute, run: flagOverdueRectifications},
	{name: "suggest-retrain", every: 24 * time.Hour, run: retrainSuggestions},
}

// runDueJobs runs every job that is due and not claimed by another process; it
// returns the names of the jobs it ran.
func runDueJobs(ctx context.Context, s *services) ([]string, error) {
	ctx = app.WithActor(ctx, app.System)
	claims := &store.Jobs{DB: s.db}
	var ran []string
	for _, j := range jobs {
		ok, err := claims.Claim(ctx, j.name, j.every, time.Now())
		if err != nil {
			return ran, err
		}
		if !ok {
			continue
		}
		msg, err := j.run(ctx, s)
		if err != nil {
			slog.Error("job failed", "job", j.name, "err", err)
			continue
		}
		slog.Info("job ran", "job", j.name, "result", msg)
		ran = append(ran, j.name)
	}
	return ran, nil
}

// scheduleLoop runs due jobs at start (catching up after downtime) and every minute.
func scheduleLoop(ctx context.Context, s *services) {
	t := time.NewTicker(time.Minute)
	defer t.Stop()
	for {
		if _, err := runDueJobs(ctx, s); err != nil && ctx.Err() == nil {
			slog.Warn("scheduler", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

func schedulerCmd() *command {
	return &command{
		name: "scheduler", en: "Scheduled jobs (serve runs them every minute).", zh: "定时任务（serve 每分钟自动运行）。",
		sub: []*command{{
			name: "run-once", args: "[--db DSN]",
			en:    `Run every due job once, as one process among several sharing the database; prints {"ran":[…]}.`,
			zh:    "立即运行所有到期的定时任务一次（多个进程共用数据库时每个任务只运行一次），输出 JSON。",
			flags: func(e *env, fs *flag.FlagSet) { e.dbFlag(fs) },
			run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
				if err := requireArgs(args, 0, "no arguments / 无参数"); err != nil {
					return err
				}
				return e.withServices(ctx, func(ctx context.Context, s *services, _ config.Config) error {
					ran, err := runDueJobs(ctx, s)
					if err != nil {
						return err
					}
					if ran == nil {
						ran = []string{}
					}
					return json.NewEncoder(e.stdout).Encode(map[string][]string{"ran": ran})
				})
			},
		}},
	}
}
