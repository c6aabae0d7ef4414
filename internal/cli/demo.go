package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"govdesk/internal/account"
	"govdesk/internal/app"
	"govdesk/internal/config"
	"govdesk/internal/demo"
	"govdesk/internal/store"
)

// demoPassword is the password of every demo user (SPEC §14).
const demoPassword = "demo"

// demoUnits are the centre, the hotline office and the 84 member units.
var demoUnits = demo.Units()

// demoUsers are named after their roles.
var demoUsers = []account.NewUser{
	{Username: "admin", Name: "系统管理员", Role: app.RoleAdmin, UnitCode: "C001"},
	{Username: "operator", Name: "话务员小李", Role: app.RoleOperator, UnitCode: "H001"},
	{Username: "dispatcher", Name: "派单员小王", Role: app.RoleDispatcher, UnitCode: "H001"},
	{Username: "handler", Name: "承办人小张", Role: app.RoleHandler, UnitCode: "U001"},
	{Username: "unit_admin", Name: "单位管理员老赵", Role: app.RoleUnitAdmin, UnitCode: "U001"},
	{Username: "staff", Name: "中心工作人员小陈", Role: app.RoleStaff, UnitCode: "C001"},
	{Username: "leader", Name: "中心主任", Role: app.RoleLeader, UnitCode: "C001"},
}

// LoadDemo fills an open, migrated database with the demo centre: its units, users,
// and the county's towns, villages and complaint categories. It may run again: units
// are updated, existing users and registry entries kept.
func LoadDemo(ctx context.Context, db *store.DB, c config.Config) error {
	ctx = app.WithActor(ctx, app.System)
	s := wire(db, c)
	if _, _, err := s.accounts.Store.UpsertUnits(ctx, demoUnits); err != nil {
		return err
	}
	for _, u := range demoUsers {
		u.Password = demoPassword
		if _, err := s.accounts.AddUser(ctx, u); err != nil && app.ErrorCode(err) != app.EConflict {
			return err
		}
	}
	return loadDemoRegistry(ctx, db)
}

// demoLoaders fill the demo centre in order; `govdesk demo` and `serve --demo`
// both run them. A feature adds its demo data with one line here and its loader
// in its own demo_*.go file. Each loader may assume the ones before it ran.
var demoLoaders = []struct {
	name string
	load func(context.Context, *store.DB, config.Config) error
}{
	{"users", LoadDemo},
	{"assets", loadDemoAssets},
	{"catalog", loadDemoCatalog},
	{"orders", loadDemoOrders},
	{"selfeval", loadDemoSelfeval},
	{"articles", loadDemoArticles},
	{"projects", loadDemoProjects},
}

// loadDemoAll runs every demo loader in order and logs how long each took.
func loadDemoAll(ctx context.Context, db *store.DB, c config.Config, log io.Writer) error {
	all := time.Now()
	for _, l := range demoLoaders {
		t0 := time.Now()
		if err := l.load(ctx, db, c); err != nil {
			fmt.Fprintf(log, "demo: %s failed\n", l.name)
			return err
		}
		fmt.Fprintf(log, "demo: %-10s %6d ms\n", l.name, time.Since(t0).Milliseconds())
	}
	fmt.Fprintf(log, "demo: %-10s %6d ms\n", "total", time.Since(all).Milliseconds())
	return nil
}

// LoadDemoCentre fills an open, migrated database with the whole demo centre, as
// `govdesk demo` does, logging each loader's time to log; browser tests use it.
func LoadDemoCentre(ctx context.Context, db *store.DB, c config.Config, log io.Writer) error {
	return loadDemoAll(ctx, db, c, log)
}

// printDemoUsers tells the newcomer how to log in.
func printDemoUsers(w io.Writer) {
	var names []string
	for _, u := range demoUsers {
		names = append(names, u.Username)
	}
	fmt.Fprintf(w, "演示账号（密码均为 %s）：%s\n", demoPassword, strings.Join(names, "、"))
	fmt.Fprintf(w, "Demo users (password %q for all): %s\n", demoPassword, strings.Join(names, ", "))
}

func demoCmd() *command {
	return &command{
		name: "demo", args: "[--db DSN]",
		en:    "Load the demo service centre into the database (users named after their roles, password demo).",
		zh:    "向数据库载入演示数据（用户名即角色名，密码均为 demo）。",
		flags: func(e *env, fs *flag.FlagSet) { e.dbFlag(fs) },
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
			if err := requireArgs(args, 0, "no arguments / 无参数"); err != nil {
				return err
			}
			return e.withServices(ctx, func(ctx context.Context, s *services, c config.Config) error {
				if err := loadDemoAll(ctx, s.db, c, e.stderr); err != nil {
					return err
				}
				fmt.Fprintf(e.stdout, "演示数据已载入 %s\n", c.DB)
				printDemoUsers(e.stdout)
				return nil
			})
		},
	}
}
