package store

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"govdesk/internal/app"
)

// RestoreOptions say how a restore treats a database that already holds data.
type RestoreOptions struct {
	// Replace allows restoring over a database that already has users or orders;
	// its data is deleted first (in the same transaction).
	Replace bool
}

// Restore reads a backup written by Backup (of either engine) into db, all or
// nothing: the file is checked line by line as it is written inside one
// transaction, and any error rolls everything back. A fresh database is first
// migrated to the backup's schema version, and to the newest one after.
func (db *DB) Restore(ctx context.Context, r io.Reader, opt RestoreOptions) (BackupSummary, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return BackupSummary{}, badBackup("不是 govdesk 备份文件（无法解压）", err)
	}
	br := bufio.NewReaderSize(zr, 1<<16)
	line, err := readLine(br)
	if err != nil {
		return BackupSummary{}, badBackup("备份文件为空或已损坏", err)
	}
	var h backupHeader
	if err := json.Unmarshal(line, &h); err != nil || h.Format != backupFormat {
		return BackupSummary{}, badBackup("不是 govdesk 备份文件", err)
	}
	if h.FormatVersion != backupFormatVersion {
		return BackupSummary{}, app.Invalid("备份文件格式版本 %d 不受支持（本程序支持版本 %d）", h.FormatVersion, backupFormatVersion).
			WithDetail("backup format version %d is not supported (this program reads version %d)", h.FormatVersion, backupFormatVersion)
	}
	if err := db.prepareRestore(ctx, h.SchemaVersion); err != nil {
		return BackupSummary{}, err
	}
	sum := BackupSummary{SchemaVersion: h.SchemaVersion, Engine: db.Engine, PerTable: map[string]int64{}}
	err = bulkTx(ctx, db, func(tx *sql.Tx) error {
		if db.Engine == SQLite {
			if _, err := tx.ExecContext(ctx, `PRAGMA defer_foreign_keys = ON`); err != nil {
				return dbErr(err, "restore: defer foreign keys")
			}
		}
		schema, err := readSchema(ctx, db, tx)
		if err != nil {
			return dbErr(err, "restore: schema")
		}
		if err := clearForRestore(ctx, tx, schema, opt); err != nil {
			return err
		}
		rr := &restorer{ctx: ctx, tx: tx, engine: db.Engine, schema: schema, br: br, sum: &sum}
		if err := rr.run(); err != nil {
			return err
		}
		return resetSequences(ctx, db, tx, schema)
	})
	if err != nil {
		return BackupSummary{}, err
	}
	if _, err := db.Migrate(ctx); err != nil {
		return sum, err
	}
	return sum, nil
}

// prepareRestore brings the database to the backup's schema version: a fresh
// database is migrated up to it; one at another version is refused.
func (db *DB) prepareRestore(ctx context.Context, version int) error {
	ms, err := Migrations(db.Engine)
	if err != nil {
		return dbErr(err, "load migrations")
	}
	if latest := ms[len(ms)-1].Version; version > latest {
		return app.Invalid("备份来自较新版本的 govdesk（数据库结构版本 %d，本程序最高 %d），请升级程序后再恢复", version, latest).
			WithDetail("the backup comes from a newer govdesk (schema %d, this program knows up to %d): upgrade first", version, latest)
	}
	if _, err := db.MigrateTo(ctx, version); err != nil {
		return err
	}
	have, err := db.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	if have != version {
		return app.Invalid("目标数据库的结构版本为 %d，备份为 %d：请恢复到一个新的空数据库", have, version).
			WithDetail("the database has schema %d, the backup %d: restore into a new empty database", have, version)
	}
	return nil
}

// clearForRestore empties every table (rows the migrations seeded, such as the
// default time limits, are replaced by the backup's); a database in use (with
// users or orders) is only replaced when asked to.
func clearForRestore(ctx context.Context, tx *sql.Tx, s *schemaInfo, opt RestoreOptions) error {
	if !opt.Replace {
		for _, t := range []string{"users", "orders"} {
			if _, ok := s.Columns[t]; !ok {
				continue
			}
			var n int64
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM `+quoteIdent(t)).Scan(&n); err != nil {
				return dbErr(err, "restore: count "+t)
			}
			if n > 0 {
				return app.Conflict("目标数据库已有数据（%s 表 %d 行）；恢复将删除全部现有数据，确认请加 --replace", t, n).
					WithDetail("the database holds data (%d rows in %s); add --replace to delete it all and restore", n, t)
			}
		}
	}
	for i := len(s.Tables) - 1; i >= 0; i-- {
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+quoteIdent(s.Tables[i])); err != nil {
			return dbErr(err, "restore: clear "+s.Tables[i])
		}
	}
	return nil
}

// resetSequences moves PostgreSQL's identity sequences past the restored keys.
func resetSequences(ctx context.Context, db *DB, tx *sql.Tx, s *schemaInfo) error {
	if db.Engine != Postgres {
		return nil // SQLite's rowid and AUTOINCREMENT follow the inserted keys
	}
	type seqCol struct{ table, column string }
	cols, err := queryAll(ctx, tx, "restore: identity columns", func(r rowScanner) (seqCol, error) {
		var c seqCol
		err := r.Scan(&c.table, &c.column)
		return c, err
	}, `SELECT table_name, column_name FROM information_schema.columns
	    WHERE table_schema = current_schema() AND (is_identity = 'YES' OR column_default LIKE 'nextval(%')`)
	if err != nil {
		return err
	}
	for _, c := range cols {
		t, col := quoteIdent(c.table), quoteIdent(c.column)
		q := fmt.Sprintf(`SELECT setval(pg_get_serial_sequence('%s', '%s'), COALESCE(max(%s), 1), max(%s) IS NOT NULL) FROM %s`,
			strings.ReplaceAll(t, "'", "''"), c.column, col, col, t)
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return dbErr(err, "restore: sequence of "+c.table)
		}
	}
	return nil
}

// readLine reads one line without its newline; io.EOF at the end.
func readLine(br *bufio.Reader) ([]byte, error) {
	line, err := br.ReadBytes('\n')
	if err == io.EOF && len(line) > 0 {
		err = nil
	}
	if err != nil {
		return nil, err
	}
	return bytes.TrimRight(line, "\r\n"), nil
}

func badBackup(msg string, err error) error {
	return &app.Error{Code: app.EInvalid, Message: msg, Detail: "not a valid govdesk backup file", Err: err}
}
