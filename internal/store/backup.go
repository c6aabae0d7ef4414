package store

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"strings"
	"time"

	"govdesk/internal/app"
)

// A backup is a gzip-compressed stream of JSON lines, engine-neutral so that a
// SQLite backup restores into PostgreSQL and back:
//
//	{"format":"govdesk-backup","format_version":1,"schema_version":14,"engine":"sqlite","created_at":"…"}
//	{"table":"units","columns":["id","code",…]}
//	[1,"C001",…]                         one array per row, values by column kind
//	{"end":"units","rows":3}
//	…
//	{"complete":true,"tables":40,"rows":12345}
//
// The trailer tells a complete file from a truncated one.
const (
	backupFormat        = "govdesk-backup"
	backupFormatVersion = 1
)

// backupHeader is the first line of a backup.
type backupHeader struct {
	Format        string    `json:"format"`
	FormatVersion int       `json:"format_version"`
	SchemaVersion int       `json:"schema_version"`
	Engine        string    `json:"engine"`
	CreatedAt     time.Time `json:"created_at"`
}

// backupMark is any object line after the header: a table's start or end, or the trailer.
type backupMark struct {
	Table    string   `json:"table,omitempty"`
	Columns  []string `json:"columns,omitempty"`
	End      string   `json:"end,omitempty"`
	Rows     int64    `json:"rows"`
	Complete bool     `json:"complete,omitempty"`
	Tables   int      `json:"tables,omitempty"`
}

// BackupSummary says what a backup or a restore covered.
type BackupSummary struct {
	SchemaVersion int              `json:"schema_version"`
	Engine        string           `json:"engine"`
	Tables        int              `json:"tables"`
	Rows          int64            `json:"rows"`
	PerTable      map[string]int64 `json:"per_table"`
}

// Backup writes every table of the database to w as one consistent snapshot.
// Other processes may keep reading and writing meanwhile.
func (db *DB) Backup(ctx context.Context, w io.Writer) (BackupSummary, error) {
	sum := BackupSummary{Engine: db.Engine, PerTable: map[string]int64{}}
	err := db.snapshot(ctx, func(q queryer) error {
		var err error
		if sum.SchemaVersion, err = schemaVersionOf(ctx, q); err != nil {
			return err
		}
		schema, err := readSchema(ctx, db, q)
		if err != nil {
			return dbErr(err, "backup: schema")
		}
		zw := gzip.NewWriter(w)
		bw := bufio.NewWriterSize(zw, 1<<16)
		enc := json.NewEncoder(bw)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(backupHeader{Format: backupFormat, FormatVersion: backupFormatVersion,
			SchemaVersion: sum.SchemaVersion, Engine: db.Engine, CreatedAt: time.Now().UTC()}); err != nil {
			return backupWriteErr(err)
		}
		for _, t := range schema.Tables {
			n, err := backupTable(ctx, q, enc, t, schema.Columns[t])
			if err != nil {
				return err
			}
			sum.Tables++
			sum.Rows += n
			sum.PerTable[t] = n
		}
		if err := enc.Encode(backupMark{Complete: true, Tables: sum.Tables, Rows: sum.Rows}); err != nil {
			return backupWriteErr(err)
		}
		if err := bw.Flush(); err != nil {
			return backupWriteErr(err)
		}
		return backupWriteErr(zw.Close())
	})
	return sum, err
}

// backupTable writes one table's start mark, rows and end mark.
func backupTable(ctx context.Context, q queryer, enc *json.Encoder, table string, cols []column) (int64, error) {
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.Name
	}
	if err := enc.Encode(backupMark{Table: table, Columns: names}); err != nil {
		return 0, backupWriteErr(err)
	}
	quoted := make([]string, len(cols))
	for i, c := range cols {
		quoted[i] = quoteIdent(c.Name)
	}
	// Rows in the order of the first column (the key of every govdesk table), so
	// that a restore inserts parents before the children that name them.
	rows, err := q.QueryContext(ctx, `SELECT `+strings.Join(quoted, ", ")+` FROM `+quoteIdent(table)+` ORDER BY 1`)
	if err != nil {
		return 0, dbErr(err, "backup: read "+table)
	}
	defer rows.Close()
	vals := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	out := make([]any, len(cols))
	var n int64
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return n, dbErr(err, "backup: scan "+table)
		}
		for i, c := range cols {
			out[i] = encodeValue(c.Kind, vals[i])
		}
		if err := enc.Encode(out); err != nil {
			return n, backupWriteErr(err)
		}
		n++
	}
	if err := rows.Err(); err != nil {
		return n, dbErr(err, "backup: read "+table)
	}
	if err := enc.Encode(backupMark{End: table, Rows: n}); err != nil {
		return n, backupWriteErr(err)
	}
	return n, nil
}

// snapshot runs fn over one read-only snapshot of the database.
func (db *DB) snapshot(ctx context.Context, fn func(q queryer) error) error {
	if db.Engine == SQLite {
		conn, err := db.Conn(ctx)
		if err != nil {
			return dbErr(err, "backup: connection")
		}
		defer conn.Close()
		// A deferred transaction reads one WAL snapshot without taking the write lock.
		if _, err := conn.ExecContext(ctx, `BEGIN DEFERRED`); err != nil {
			return dbErr(err, "backup: begin")
		}
		defer conn.ExecContext(context.WithoutCancel(ctx), `ROLLBACK`)
		return fn(conn)
	}
	tx, err := db.BeginTx(ctx, &sqlTxReadSnapshot)
	if err != nil {
		return dbErr(err, "backup: begin")
	}
	defer tx.Rollback()
	return fn(tx)
}

// schemaVersionOf is SchemaVersion within a transaction or connection.
func schemaVersionOf(ctx context.Context, q queryer) (int, error) {
	var v *int64
	if err := q.QueryRowContext(ctx, `SELECT max(version) FROM schema_migrations`).Scan(&v); err != nil {
		return 0, dbErr(err, "schema version")
	}
	if v == nil {
		return 0, nil
	}
	return int(*v), nil
}

func backupWriteErr(err error) error {
	if err == nil {
		return nil
	}
	return &app.Error{Code: app.EInvalid, Message: "无法写入备份文件（磁盘已满或无写权限？）", Detail: "cannot write the backup file (disk full or no permission?)", Err: err}
}
