package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"log/slog"
	"sort"
	"strconv"
	"strings"
	"time"
)

//go:embed migrations
var migrations embed.FS

// Migration is one versioned schema step.
type Migration struct {
	Version int
	Name    string
	SQL     string
}

// Migrations lists the engine's embedded migrations in version order.
func Migrations(engine string) ([]Migration, error) {
	dir := "migrations/" + engine
	entries, err := fs.ReadDir(migrations, dir)
	if err != nil {
		return nil, fmt.Errorf("migrations for %s: %w", engine, err)
	}
	var ms []Migration
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".sql") {
			continue
		}
		v, err := strconv.Atoi(strings.SplitN(name, "_", 2)[0])
		if err != nil {
			return nil, fmt.Errorf("migration %s: bad version prefix", name)
		}
		b, err := migrations.ReadFile(dir + "/" + name)
		if err != nil {
			return nil, err
		}
		ms = append(ms, Migration{Version: v, Name: name, SQL: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].Version < ms[j].Version })
	return ms, nil
}

// Migrate applies every migration not yet applied, each in its own transaction.
// Several processes may call it at once: on PostgreSQL an advisory lock serialises
// them, on SQLite the immediate transaction does. It returns the versions applied.
func (db *DB) Migrate(ctx context.Context) ([]int, error) { return db.MigrateTo(ctx, 0) }

// MigrateTo is Migrate stopping after version upTo (0: no limit); a restore uses
// it to bring a fresh database to the schema of its backup.
func (db *DB) MigrateTo(ctx context.Context, upTo int) ([]int, error) {
	ms, err := Migrations(db.Engine)
	if err != nil {
		return nil, dbErr(err, "load migrations")
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, dbErr(err, "migrate: conn")
	}
	defer conn.Close()
	if db.Engine == Postgres {
		if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock(73010001)`); err != nil {
			return nil, dbErr(err, "migrate: lock")
		}
		defer conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock(73010001)`)
	}
	if _, err := conn.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		return nil, dbErr(err, "migrate: create schema_migrations")
	}
	var applied []int
	for _, m := range ms {
		if upTo > 0 && m.Version > upTo {
			break
		}
		done, err := migrationApplied(ctx, conn, m.Version)
		if err != nil {
			return applied, err
		}
		if done {
			continue
		}
		tx, err := conn.BeginTx(ctx, nil)
		if err != nil {
			return applied, dbErr(err, "migrate: begin")
		}
		if _, err := tx.ExecContext(ctx, m.SQL); err != nil {
			tx.Rollback()
			return applied, dbErr(err, "migrate: apply "+m.Name)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)`,
			m.Version, m.Name, time.Now().UTC().Format(time.RFC3339)); err != nil {
			tx.Rollback()
			return applied, dbErr(err, "migrate: record "+m.Name)
		}
		if err := tx.Commit(); err != nil {
			return applied, dbErr(err, "migrate: commit "+m.Name)
		}
		slog.Debug("migration applied", "engine", db.Engine, "version", m.Version, "name", m.Name)
		applied = append(applied, m.Version)
	}
	return applied, nil
}

func migrationApplied(ctx context.Context, conn *sql.Conn, v int) (bool, error) {
	var n int
	if err := conn.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE version = $1`, v).Scan(&n); err != nil {
		return false, dbErr(err, "migrate: check version")
	}
	return n > 0, nil
}

// SchemaVersion returns the highest applied migration version (0 when none).
func (db *DB) SchemaVersion(ctx context.Context) (int, error) {
	var v sql.NullInt64
	err := db.QueryRowContext(ctx, `SELECT max(version) FROM schema_migrations`).Scan(&v)
	if err != nil {
		return 0, dbErr(err, "schema version")
	}
	return int(v.Int64), nil
}
