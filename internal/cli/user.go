package cli

import (
	"context"
	"flag"
	"fmt"

	"govdesk/internal/account"
	"govdesk/internal/app"
	"govdesk/internal/config"
)

func userCmd() *command {
	var in account.NewUser
	return &command{
		name: "user", en: "Manage user accounts.", zh: "管理用户账号。",
		sub: []*command{{
			name: "add", args: "--username U --password P --role ROLE --unit CODE [--name NAME]",
			en: "Add a user. Roles: admin, operator, dispatcher, handler, unit_admin, staff, leader.",
			zh: "新增用户。角色：admin 系统管理员、operator 话务员、dispatcher 派单员、handler 承办人、unit_admin 单位管理员、staff 中心工作人员、leader 领导。",
			flags: func(e *env, fs *flag.FlagSet) {
				e.dbFlag(fs)
				fs.StringVar(&in.Username, "username", "", "login name / 用户名")
				fs.StringVar(&in.Password, "password", "", "password / 密码")
				fs.StringVar(&in.Role, "role", "", "role code / 角色")
				fs.StringVar(&in.UnitCode, "unit", "", "code of the user's unit / 所属单位编码")
				fs.StringVar(&in.Name, "name", "", "display name (default: the user name) / 姓名")
			},
			run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
				if len(args) > 0 || in.Username == "" || in.Password == "" || in.Role == "" || in.UnitCode == "" {
					return usagef("--username, --password, --role and --unit are required / 必须提供 --username、--password、--role 和 --unit")
				}
				return e.withServices(ctx, func(ctx context.Context, s *services, _ config.Config) error {
					u, err := s.accounts.AddUser(ctx, in)
					if err != nil {
						return err
					}
					fmt.Fprintf(e.stdout, "已创建用户 %s（%s，%s %s）\n", u.Username, app.RoleNames[u.Role], u.UnitCode, u.UnitName)
					return nil
				})
			},
		}, userDisableCmd(), userEnableCmd(), userSignoutCmd(), userPasswordCmd()},
	}
}

func versionCmd() *command {
	return &command{
		name: "version", en: "Print the version.", zh: "显示版本号。",
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
			fmt.Fprintln(e.stdout, "govdesk", Version)
			return nil
		},
	}
}

// Version is set at build time with -ldflags "-X govdesk/internal/cli.Version=…".
var Version = "dev"
