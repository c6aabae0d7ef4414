package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the "sqlite" driver

	"govdesk/internal/app"
)

// Engine names.
const (
	SQLite   = "sqlite"
	Postgres = "postgres"
)

// DB is an open govdesk database.
type DB struct {
	*sql.DB
	Engine string
	dsn    string
	// wmu serialises this process's writes on SQLite, which allows one writer at a
	// time: waiting on a Go mutex is fair and prompt, where SQLite's busy handler
	// sleeps in growing steps and makes the slowest requests much slower.
	wmu sync.Mutex
}

// lockWrite takes the write lock on SQLite; the returned func releases it.
func (db *DB) lockWrite() func() {
	if db.Engine != SQLite {
		return func() {}
	}
	db.wmu.Lock()
	return db.wmu.Unlock
}

// lockRow locks the rows a read-decide-write transaction is about to change, so
// concurrent writers of the same record queue instead of deciding on the same
// stale state. On PostgreSQL it runs query (a SELECT … FOR UPDATE); on SQLite the
// transaction already holds the database's write lock, and it does nothing.
func (db *DB) lockRow(ctx context.Context, tx *sql.Tx, what, query string, args ...any) error {
	if db.Engine != Postgres {
		return nil
	}
	if _, err := tx.ExecContext(ctx, query, args...); err != nil {
		return dbErr(err, "lock "+what)
	}
	return nil
}

// ExecContext runs a statement that writes, one writer at a time on SQLite.
func (db *DB) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	defer db.lockWrite()()
	return db.DB.ExecContext(ctx, query, args...)
}

// ParseDSN splits a govdesk DSN into engine and driver data source:
// "sqlite:PATH" (PATH may be ":memory:") or "postgres://…"/"postgresql://…".
func ParseDSN(dsn string) (engine, source string, err error) {
	switch {
	case strings.HasPrefix(dsn, "sqlite:"):
		path := strings.TrimPrefix(dsn, "sqlite:")
		path = strings.TrimPrefix(path, "//")
		if path == "" {
			return "", "", app.Invalid("数据库连接串 %q 缺少文件路径，应为 sqlite:文件路径", dsn).WithDetail("database %q has no file path, want sqlite:PATH", dsn)
		}
		q := url.Values{}
		q.Add("_pragma", "foreign_keys(1)")
		q.Add("_pragma", "busy_timeout(10000)")
		q.Add("_pragma", "synchronous(NORMAL)")
		if path != ":memory:" {
			q.Add("_pragma", "journal_mode(WAL)")
		}
		q.Set("_txlock", "immediate")
		q.Set("_time_format", "sqlite")
		return SQLite, "file:" + path + "?" + q.Encode(), nil
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		if _, err := url.Parse(dsn); err != nil {
			return "", "", app.Invalid("数据库连接串格式错误：%v", err).WithDetail("bad database address: %v", err)
		}
		return Postgres, dsn, nil
	default:
		return "", "", app.Invalid("无法识别的数据库连接串 %q：应为 sqlite:文件路径 或 postgres://用户@主机:端口/库名", redact(dsn)).
			WithDetail("unknown database address %q, want sqlite:PATH or postgres://USER@HOST:PORT/DB", redact(dsn))
	}
}

// Open opens and pings the database named by dsn. It does not migrate.
func Open(ctx context.Context, dsn string) (*DB, error) {
	engine, source, err := ParseDSN(dsn)
	if err != nil {
		return nil, err
	}
	driver := "sqlite"
	if engine == Postgres {
		driver = "pgx"
	}
	sdb, err := sql.Open(driver, source)
	if err != nil {
		return nil, app.Invalid("数据库连接串格式错误：%s", redact(dsn)).WithDetail("bad database address %s (open %s: %v)", redact(dsn), engine, err)
	}
	if engine == SQLite {
		// One writer at a time is SQLite's rule; readers share the pool under WAL.
		sdb.SetMaxOpenConns(8)
	} else {
		sdb.SetMaxOpenConns(20)
		sdb.SetConnMaxIdleTime(5 * time.Minute)
	}
	pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := sdb.PingContext(pctx); err != nil {
		sdb.Close()
		return nil, &app.Error{Code: app.EInvalid, Message: fmt.Sprintf("无法连接数据库 %s，请检查地址、端口、用户和权限", redact(dsn)),
			Detail: "cannot connect to database", Err: err}
	}
	return &DB{DB: sdb, Engine: engine, dsn: dsn}, nil
}

// redact hides a password in a DSN for messages and logs.
func redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.User == nil {
		return dsn
	}
	if _, has := u.User.Password(); has {
		u.User = url.UserPassword(u.User.Username(), "***")
	}
	return u.String()
}

// Tx runs fn in a transaction, committing when fn returns nil and rolling back otherwise.
// On SQLite the transaction is IMMEDIATE (it takes the write lock at BEGIN).
func (db *DB) Tx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	defer db.lockWrite()()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return dbErr(err, "begin")
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return dbErr(err, "commit")
	}
	return nil
}

// queryer is what both *sql.DB and *sql.Tx offer.
type queryer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// dbErr turns a driver error into an *app.Error: unique violations become conflict,
// everything else internal with the English detail for logs.
func dbErr(err error, what string) error {
	if err == nil {
		return nil
	}
	var ae *app.Error
	if errors.As(err, &ae) {
		return err
	}
	msg := err.Error()
	switch {
	case strings.Contains(msg, "UNIQUE constraint failed"), strings.Contains(msg, "SQLSTATE 23505"):
		return &app.Error{Code: app.EConflict, Message: "记录已存在（编号或名称重复）", Detail: "duplicate number or name (" + what + ")", Err: err}
	case strings.Contains(msg, "FOREIGN KEY constraint failed"), strings.Contains(msg, "SQLSTATE 23503"):
		return &app.Error{Code: app.EInvalid, Message: "引用的记录不存在或仍被使用", Detail: "a referenced record is missing or still in use (" + what + ")", Err: err}
	}
	return app.Internal(err, what)
}

// utc normalises a time for storage: UTC, microsecond precision (PostgreSQL's).
func utc(t time.Time) time.Time { return t.UTC().Truncate(time.Microsecond) }

// nullTime stores the zero time as NULL.
func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return utc(t)
}

// nullInt stores 0 as NULL (for optional foreign keys).
func nullInt(v int64) any {
	if v == 0 {
		return nil
	}
	return v
}

// rowScanner is what *sql.Row and *sql.Rows offer.
type rowScanner interface{ Scan(dest ...any) error }

// queryAll runs a query and scans every row with scan; what names the query in errors.
func queryAll[T any](ctx context.Context, q queryer, what string, scan func(rowScanner) (T, error), query string, args ...any) ([]T, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, dbErr(err, what)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, dbErr(err, "scan: "+what)
		}
		out = append(out, v)
	}
	return out, dbErr(rows.Err(), what)
}
