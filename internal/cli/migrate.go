package cli

import (
	"context"
	"flag"
	"fmt"

	"govdesk/internal/config"
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
			return e.withServices(ctx, func(ctx context.Context, s *services, _ config.Config) error {
				v, err := s.db.SchemaVersion(ctx)
				if err != nil {
					return err
				}
				fmt.Fprintf(e.stdout, "数据库结构已是最新版本：%d（%s）\n", v, s.db.Engine)
				return nil
			})
		},
	}
}
