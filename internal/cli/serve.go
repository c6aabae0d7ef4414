package cli

import (
	"context"
	"net/http"

	"flag"
	"fmt"
	"net"
	"os"
	"path/filepath"

	"govdesk/internal/config"
	"govdesk/internal/server"
	"govdesk/internal/store"

	"govdesk/internal/app"
)

func serveCmd() *command {
	var addr string
	var demo bool
	return &command{
		name: "serve", args: "[--addr HOST:PORT] [--db DSN] [--demo]",
		en: "Run the web interface and API (migrates the database on start). --demo starts on a fresh temporary database with the demo centre.",
		zh: "启动网页界面和 API（启动时自动升级数据库结构）。--demo 使用临时数据库并载入演示数据。",
		flags: func(e *env, fs *flag.FlagSet) {
			e.dbFlag(fs)
			fs.StringVar(&addr, "addr", "", "listen address (default 127.0.0.1:8080) / 监听地址")
			fs.BoolVar(&demo, "demo", false, "fresh temporary database with demo data / 使用演示数据")
		},
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
			if err := requireArgs(args, 0, "no arguments / 无参数"); err != nil {
				return err
			}
			if demo {
				if e.db != "" {
					return usagef("--demo and --db cannot be combined / --demo 不能与 --db 同时使用")
				}
				dir, err := os.MkdirTemp("", "govdesk-demo-")
				if err != nil {
					return app.Internal(err, "create demo directory")
				}
				defer os.RemoveAll(dir)
				e.db = "sqlite:" + filepath.Join(dir, "govdesk-demo.db")
			}
			e.serving = true
			c, err := e.config()
			if err != nil {
				return err
			}
			if addr != "" {
				c.Addr = addr
			}
			db, err := e.open(ctx, c)
			if err != nil {
				return err
			}
			defer db.Close()
			if demo {
				if err := loadDemoAll(ctx, db, c, e.stderr); err != nil {
					return err
				}
			}
			s := wire(db, c)
			h, err := s.handler(c)
			if err != nil {
				return err
			}
			ln, err := net.Listen("tcp", c.Addr)
			if err != nil {
				return app.Invalid("无法监听地址 %s（端口可能已被占用）", c.Addr).WithDetail("cannot listen on %s (port in use?): %v", c.Addr, err)
			}
			fmt.Fprintf(e.stdout, "govdesk 已启动：http://%s （数据库 %s）\ngovdesk listening on http://%s\n", ln.Addr(), db.Engine, ln.Addr())
			if demo {
				printDemoUsers(e.stdout)
			}
			go scheduleLoop(ctx, s)
			return server.Run(ctx, ln, h)
		},
	}
}

// handler builds the HTTP handler over the services.
func (s *services) handler(c config.Config) (http.Handler, error) {
	o311, err := open311Handler(s)
	if err != nil {
		return nil, app.Internal(err, "build open311 handler")
	}
	h, err := server.New(server.Deps{Open311: o311, Open311Admin: open311Admin{&store.Open311{DB: s.db}}, Accounts: s.accounts, Policies: s.policies, Orders: s.orders, Calendar: s.calendar,
		Importer: orderImporter(s), Stats: statsService(s), Assets: s.assets, CookieSecure: c.Session.CookieSecure, Ping: s.db.PingContext,
		Catalog: catalogService(s), Evaluations: evaluationService(s), Knowledge: knowledgeService(s), Suggester: suggester(s),
		Projects: projectService(s), SelfEval: selfevalService(s),
		Reports: reportService(s)})
	if err != nil {
		return nil, app.Internal(err, "build server")
	}
	return h, nil
}

// NewHandler returns govdesk's whole HTTP handler over an open, migrated database,
// as serve runs it; browser and API tests use it.
func NewHandler(db *store.DB, c config.Config) (http.Handler, error) {
	return wire(db, c).handler(c)
}
