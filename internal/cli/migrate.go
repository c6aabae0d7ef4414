package cli

import (
	"context"
	"flag"
	"fmt"
)

func migrateCmd() *command {
	return &command{
		name: "migrate", args: "[--db DSN]",
		en:    "Create or upgrade the database schema (versioned migrations).",
		zh:    "创建或升级数据库结构（按版本迁移）。",
		flags: func(e *env, fs *flag.FlagSet) { e.dbFlag(fs) },
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
			if err := requireArgs(args, 0, "no arguments / 无参数"); err != nil {
				return err
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
			v, err := db.SchemaVersion(ctx)
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "数据库结构已是最新版本：%d（%s）\n", v, db.Engine)
			return nil
		},
	}
}
