package cli

import (
	"context"
	"flag"
	"fmt"
	"strconv"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/config"
	"govdesk/internal/georeport"
	"govdesk/internal/open311"
	"govdesk/internal/store"
	"govdesk/internal/web"
)

// open311Handler serves /open311/v2/ and the public page over the services.
func open311Handler(s *services) (*open311.Handler, error) {
	return open311.New(s.orders, &store.Open311{DB: s.db}, app.SystemClock{})
}

// open311Admin adapts the service list for the admin's web page.
type open311Admin struct{ st *store.Open311 }

func (a open311Admin) Open311Services(ctx context.Context) ([]web.Open311Service, error) {
	list, err := open311.AllServices(ctx, a.st)
	out := make([]web.Open311Service, len(list))
	for i, s := range list {
		out[i] = web.Open311Service{Code: s.Code, Path: s.Path, Hidden: s.Hidden}
	}
	return out, err
}

func (a open311Admin) SetOpen311Hidden(ctx context.Context, code string, hidden bool) error {
	return open311.SetHidden(ctx, a.st, code, hidden)
}

func open311Keys(s *services) *georeport.Keys {
	return &georeport.Keys{Store: &store.Open311{DB: s.db}, Clock: app.SystemClock{}}
}

func open311Cmd() *command {
	var name string
	keyFlags := func(e *env, fs *flag.FlagSet) {
		e.dbFlag(fs)
		fs.StringVar(&name, "name", "", "application name / 应用名称")
	}
	needName := func(args []string) error {
		if len(args) > 0 || name == "" {
			return usagef("--name is required / 必须提供 --name")
		}
		return nil
	}
	keys := func(e *env, ctx context.Context, fn func(k *georeport.Keys) error) error {
		return e.withServices(ctx, func(ctx context.Context, s *services, _ config.Config) error { return fn(open311Keys(s)) })
	}
	return &command{
		name: "open311", en: "Manage the Open311 GeoReport v2 API: application keys and hidden services.",
		zh: "管理 Open311 GeoReport v2 接口：应用密钥和隐藏的服务。",
		sub: []*command{{
			name: "key", en: "Manage application keys for POST requests.", zh: "管理提交诉求所用的应用密钥。",
			sub: []*command{{
				name: "create", args: "--name APP", flags: keyFlags,
				en: "Issue a key for an application and print it (only its hash is stored; it cannot be shown again).",
				zh: "为应用签发密钥并打印（系统只保存其哈希，之后无法再次查看）。",
				run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
					if err := needName(args); err != nil {
						return err
					}
					return keys(e, ctx, func(k *georeport.Keys) error {
						key, err := k.Create(ctx, name)
						if err == nil {
							fmt.Fprintln(e.stdout, key)
						}
						return err
					})
				},
			}, {
				name: "list", flags: func(e *env, fs *flag.FlagSet) { e.dbFlag(fs) },
				en: "List application keys.", zh: "列出应用密钥。",
				run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
					return keys(e, ctx, func(k *georeport.Keys) error {
						list, err := k.List(ctx)
						for _, key := range list {
							state := "有效 valid"
							if !key.RevokedAt.IsZero() {
								state = "已停用 revoked " + key.RevokedAt.In(open311Zone).Format("2006-01-02 15:04")
							}
							fmt.Fprintf(e.stdout, "%s\t%s\t%s\n", key.Name, key.CreatedAt.In(open311Zone).Format("2006-01-02 15:04"), state)
						}
						return err
					})
				},
			}, {
				name: "revoke", args: "--name APP", flags: keyFlags,
				en: "Revoke an application's key.", zh: "停用应用的密钥。",
				run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
					if err := needName(args); err != nil {
						return err
					}
					return keys(e, ctx, func(k *georeport.Keys) error {
						err := k.Revoke(ctx, name)
						if err == nil {
							fmt.Fprintf(e.stdout, "已停用应用 %s 的密钥\n", name)
						}
						return err
					})
				},
			}},
		}, serviceVisibilityCmd("hide", true), serviceVisibilityCmd("show", false)},
	}
}

// serviceVisibilityCmd hides a category from Open311 and the public page, or shows it again.
func serviceVisibilityCmd(name string, hidden bool) *command {
	en, zh := "Show a hidden service again.", "重新公开已隐藏的服务。"
	if hidden {
		en, zh = "Hide a service (category) from Open311 and the public page.", "在 Open311 和公众页面中隐藏某服务（诉求分类）。"
	}
	return &command{
		name: "service-" + name, args: "SERVICE_CODE", en: en, zh: zh,
		flags: func(e *env, fs *flag.FlagSet) { e.dbFlag(fs) },
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
			if len(args) != 1 {
				return usagef("one SERVICE_CODE is required / 需要一个服务编码")
			}
			id, err := strconv.ParseInt(args[0], 10, 64)
			if err != nil {
				return usagef("SERVICE_CODE is a number / 服务编码应为数字")
			}
			return e.withServices(ctx, func(ctx context.Context, s *services, _ config.Config) error {
				if err := (&store.Open311{DB: s.db}).SetHidden(ctx, id, hidden); err != nil {
					return err
				}
				fmt.Fprintf(e.stdout, "服务 %d 已%s\n", id, map[bool]string{true: "隐藏", false: "公开"}[hidden])
				return nil
			})
		},
	}
}

// open311Zone shows key times in Beijing time.
var open311Zone = time.FixedZone("CST", 8*3600)
