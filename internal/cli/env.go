package cli

import (
	"context"
	"errors"
	"flag"
	"io"
	"log/slog"
	"os"
	"strings"

	"govdesk/internal/app"
	"govdesk/internal/config"
	"govdesk/internal/store"
	"govdesk/internal/workday"
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
	applied, err := db.Migrate(ctx)
	if err != nil {
		db.Close()
		return nil, err
	}
	if len(applied) > 0 {
		slog.Info("database migrated", "engine", db.Engine, "versions", applied)
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
