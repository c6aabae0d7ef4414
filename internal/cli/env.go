package cli

import (
	"context"
	"errors"
	"flag"
	"io"
	"log/slog"
	"os"
	"strings"

	"govdesk/internal/account"
	"govdesk/internal/app"
	"govdesk/internal/config"
	"govdesk/internal/store"
	"govdesk/internal/workday"
	"govdesk/internal/workorder"
)

// env is what every command runs with: its streams, the environment and the configuration.
type env struct {
	stdout, stderr io.Writer
	getenv         func(string) string
	db             string // --db flag value, "" when not given
	serving        bool   // serve logs at the configured level; other commands at warn
}

func newEnv(stdout, stderr io.Writer, getenv func(string) string) *env {
	return &env{stdout: stdout, stderr: stderr, getenv: getenv}
}

// dbFlag registers --db on a command.
func (e *env) dbFlag(fs *flag.FlagSet) {
	fs.StringVar(&e.db, "db", "", "database: sqlite:PATH or postgres://… (default $GOVDESK_DB or sqlite:govdesk.db) / 数据库连接串")
}

// config loads the configuration and applies the command's flags.
func (e *env) config() (config.Config, error) {
	c, err := config.Load(e.getenv)
	if err != nil {
		return c, err
	}
	if e.db != "" {
		c.DB = e.db
	}
	if err := c.Validate(); err != nil {
		return c, err
	}
	level := c.LogLevel
	if !e.serving && level != "debug" && level != "error" {
		level = "warn" // one-shot commands keep stderr for what the user must read
	}
	setLogLevel(e.stderr, level)
	return c, nil
}

func setLogLevel(w io.Writer, level string) {
	var l slog.Level
	l.UnmarshalText([]byte(level))
	slog.SetDefault(slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: l})))
}

// open opens and migrates the configured database. Every command that touches the
// database migrates first, so a fresh file is ready for any command.
func (e *env) open(ctx context.Context, c config.Config) (*store.DB, error) {
	db, err := store.Open(ctx, c.DB)
	if err != nil {
		return nil, err
	}
	if _, err := db.Migrate(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// sqliteMissing reports whether dsn names a SQLite file that does not exist yet.
func sqliteMissing(dsn string) bool {
	if !strings.HasPrefix(dsn, "sqlite:") {
		return false
	}
	path := strings.TrimPrefix(strings.TrimPrefix(dsn, "sqlite:"), "//")
	_, err := os.Stat(path)
	return errors.Is(err, os.ErrNotExist)
}

// services bundles the domain services wired over one database.
type services struct {
	db       *store.DB
	accounts *account.Service
	policies *workorder.Policies
	calendar *store.Calendar
}

func wire(db *store.DB, c config.Config) *services {
	clock := app.SystemClock{}
	acc := account.NewService(&store.Accounts{DB: db}, clock)
	acc.SessionTTL, acc.MaxFailures, acc.Window = c.Session.TTL.Duration, c.Login.MaxFailures, c.Login.Window.Duration
	return &services{
		db:       db,
		accounts: acc,
		policies: &workorder.Policies{Store: &store.Policies{DB: db}, Clock: clock},
		calendar: &store.Calendar{DB: db},
	}
}

// withServices loads configuration, opens the database and runs fn as the system actor.
func (e *env) withServices(ctx context.Context, fn func(ctx context.Context, s *services, c config.Config) error) error {
	c, err := e.config()
	if err != nil {
		return err
	}
	db, err := e.open(ctx, c)
	if err != nil {
		return err
	}
	defer db.Close()
	return fn(app.WithActor(ctx, app.System), wire(db, c), c)
}

// schedule returns the configured working-day schedule over the calendar with the
// database's overrides; a SQLite database that does not exist yet is not created
// (the built-in schedules apply).
func (e *env) schedule(ctx context.Context, c config.Config) (workday.Schedule, error) {
	var cal *workday.Calendar
	var err error
	if sqliteMissing(c.DB) {
		cal, err = workday.NewCalendar(nil)
	} else {
		var db *store.DB
		if db, err = e.open(ctx, c); err != nil {
			return workday.Schedule{}, err
		}
		defer db.Close()
		cal, err = (&store.Calendar{DB: db}).Load(ctx)
	}
	if err != nil {
		return workday.Schedule{}, err
	}
	return c.Schedule(cal)
}
