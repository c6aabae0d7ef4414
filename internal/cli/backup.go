package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/user"
	"path/filepath"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/store"
	"govdesk/internal/workorder"
)

// backupCmd writes the whole database to one engine-neutral file (docs/backup.md).
func backupCmd() *command {
	var out string
	return &command{
		name: "backup", args: "--out FILE.govdesk-backup [--db DSN]",
		en: "Write the whole database (every table, one consistent snapshot) to a compressed file that restores into SQLite or PostgreSQL. " +
			"The server may keep running. Prints a JSON summary.",
		zh: "把整个数据库（全部表、同一时刻的一致快照）写入一个压缩文件，可恢复到 SQLite 或 PostgreSQL；备份时服务可继续运行。输出 JSON 摘要。",
		flags: func(e *env, fs *flag.FlagSet) {
			e.dbFlag(fs)
			fs.StringVar(&out, "out", "", "the backup file to write / 备份文件")
		},
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
			if len(args) > 0 || out == "" {
				return usagef("--out FILE is required / 必须用 --out 指定备份文件")
			}
			c, err := e.config()
			if err != nil {
				return err
			}
			db, err := e.open(ctx, c)
			if err != nil {
				return err
			}
			defer db.Close()
			// Written beside the target and renamed when complete: a failed backup
			// never leaves a half-written file under the name asked for.
			tmp, err := os.CreateTemp(filepath.Dir(out), ".govdesk-backup-*")
			if err != nil {
				return app.Invalid("无法创建备份文件 %s：%v", out, err).WithDetail("cannot create the backup file %s: %v", out, err)
			}
			defer os.Remove(tmp.Name())
			sum, err := db.Backup(ctx, tmp)
			if cerr := tmp.Close(); err == nil && cerr != nil {
				err = app.Invalid("无法写入备份文件 %s：%v", out, cerr).WithDetail("cannot write the backup file %s: %v", out, cerr)
			}
			if err != nil {
				return err
			}
			if err := os.Rename(tmp.Name(), out); err != nil {
				return app.Invalid("无法写入备份文件 %s：%v", out, err).WithDetail("cannot write the backup file %s: %v", out, err)
			}
			if err := logBackupAccess(ctx, db, "backup", "备份至", out, sum); err != nil {
				return err
			}
			return printBackupSummary(e, sum)
		},
	}
}

// restoreCmd loads a backup into a database, all or nothing.
func restoreCmd() *command {
	var replace bool
	return &command{
		name: "restore", args: "FILE [--db DSN] [--replace]",
		en: "Load a backup (from SQLite or PostgreSQL) into the database, all or nothing. A fresh database is created at the backup's " +
			"schema and upgraded after; a database that already has users or orders is only overwritten with --replace. Stop the servers first.",
		zh: "把备份文件（来自 SQLite 或 PostgreSQL 均可）恢复到数据库，要么全部恢复、要么不做任何改动。新数据库先建成备份时的结构，恢复后再升级；" +
			"已有用户或工单的数据库只有加 --replace 才会被覆盖。恢复前请先停止服务。",
		flags: func(e *env, fs *flag.FlagSet) {
			e.dbFlag(fs)
			fs.BoolVar(&replace, "replace", false, "delete the database's current data first / 先删除数据库现有全部数据")
		},
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
			if err := requireArgs(args, 1, "FILE"); err != nil {
				return err
			}
			f, err := os.Open(args[0])
			if err != nil {
				return app.Invalid("无法打开备份文件 %s：%v", args[0], err).WithDetail("cannot open the backup file %s: %v", args[0], err)
			}
			defer f.Close()
			c, err := e.config()
			if err != nil {
				return err
			}
			// Opened without migrating: the restore migrates a fresh database to the backup's version.
			db, err := store.Open(ctx, c.DB)
			if err != nil {
				return err
			}
			defer db.Close()
			sum, err := db.Restore(ctx, f, store.RestoreOptions{Replace: replace})
			if err != nil {
				return err
			}
			if err := logBackupAccess(ctx, db, "restore", "恢复自", args[0], sum); err != nil {
				return err
			}
			return printBackupSummary(e, sum)
		},
	}
}

// logBackupAccess writes a backup or restore to the access log, as exports are: a
// backup holds every citizen's phone number, so who took one, when and where to
// must be on record. The command acts as the system; the operating-system user and
// host say who ran it.
func logBackupAccess(ctx context.Context, db *store.DB, action, verb, file string, sum store.BackupSummary) error {
	if abs, err := filepath.Abs(file); err == nil {
		file = abs
	}
	who := "未知"
	if u, err := user.Current(); err == nil {
		who = u.Username
	}
	if h, err := os.Hostname(); err == nil {
		who += "@" + h
	}
	return (&store.Orders{DB: db}).LogAccess(ctx, workorder.AccessEntry{At: time.Now(), Username: app.System.Username, Action: action,
		Detail: fmt.Sprintf("%s %s（%d 张表，%d 行；操作系统用户 %s）", verb, file, sum.Tables, sum.Rows, who)})
}

func printBackupSummary(e *env, sum store.BackupSummary) error {
	b, err := json.Marshal(map[string]any{"schema_version": sum.SchemaVersion, "tables": sum.Tables, "rows": sum.Rows})
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(e.stdout, string(b))
	return err
}
