package cli

import (
	"context"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"time"

	"govdesk/internal/account"
	"govdesk/internal/app"
	"govdesk/internal/config"
)

// userNameCmd is a `govdesk user VERB NAME` command acting on one user.
func userNameCmd(name, en, zh string, fn func(ctx context.Context, e *env, s *services, username string) error) *command {
	return &command{
		name: name, args: "NAME [--db DSN]", en: en, zh: zh,
		flags: func(e *env, fs *flag.FlagSet) { e.dbFlag(fs) },
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
			if err := requireArgs(args, 1, "NAME"); err != nil {
				return err
			}
			return e.withServices(ctx, func(ctx context.Context, s *services, _ config.Config) error {
				return fn(ctx, e, s, args[0])
			})
		},
	}
}

func userDisableCmd() *command {
	return userNameCmd("disable",
		"Disable a user: they can no longer log in, and their sessions and API tokens stop working at once. The user is kept.",
		"停用用户：不能再登录，其全部登录会话和 API 令牌立即失效；用户记录保留，不删除。",
		func(ctx context.Context, e *env, s *services, username string) error {
			u, err := s.accounts.DisableUser(ctx, username)
			if err == nil {
				fmt.Fprintf(e.stdout, "已停用用户 %s（%s），其登录会话已全部结束\n", u.Username, u.Name)
			}
			return err
		})
}

func userEnableCmd() *command {
	return userNameCmd("enable",
		"Enable a disabled user again (their API tokens that are neither revoked nor expired work again).",
		"重新启用已停用的用户（其未吊销、未过期的 API 令牌恢复有效）。",
		func(ctx context.Context, e *env, s *services, username string) error {
			u, err := s.accounts.EnableUser(ctx, username)
			if err == nil {
				fmt.Fprintf(e.stdout, "已启用用户 %s（%s）\n", u.Username, u.Name)
			}
			return err
		})
}

func userSignoutCmd() *command {
	return userNameCmd("signout",
		"Sign a user out everywhere: end every web session of the user (API tokens are not touched).",
		"让用户在所有地方退出登录：结束该用户的全部网页登录会话（不影响 API 令牌）。",
		func(ctx context.Context, e *env, s *services, username string) error {
			n, err := s.accounts.SignOutEverywhere(ctx, username)
			if err == nil {
				fmt.Fprintf(e.stdout, "已结束用户 %s 的 %d 个登录会话\n", username, n)
			}
			return err
		})
}

func userPasswordCmd() *command {
	var username, password string
	return &command{
		name: "password", args: "--username U --password P",
		en: "Reset a user's password; every web session of the user ends.",
		zh: "重置用户密码；该用户的全部网页登录会话随即结束。",
		flags: func(e *env, fs *flag.FlagSet) {
			e.dbFlag(fs)
			fs.StringVar(&username, "username", "", "login name / 用户名")
			fs.StringVar(&password, "password", "", "the new password / 新密码")
		},
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
			if len(args) > 0 || username == "" || password == "" {
				return usagef("--username and --password are required / 必须提供 --username 和 --password")
			}
			return e.withServices(ctx, func(ctx context.Context, s *services, _ config.Config) error {
				err := s.accounts.SetPassword(ctx, username, password)
				if err == nil {
					fmt.Fprintf(e.stdout, "已重置用户 %s 的密码，其登录会话已全部结束\n", username)
				}
				return err
			})
		},
	}
}

// parseDays reads a lifetime such as "90d" or "90" (days); "" is 0 (the default).
func parseDays(v string) (time.Duration, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(strings.TrimSuffix(v, "d"))
	if err != nil || n <= 0 {
		return 0, usagef("--expires wants a number of days such as 90d, not %q / --expires 应为天数，如 90d", v)
	}
	return time.Duration(n) * 24 * time.Hour, nil
}

func tokenCmd() *command {
	var username, name, expires string
	return &command{
		name: "token", en: "Manage API tokens.", zh: "管理 API 令牌。",
		sub: []*command{{
			name: "create", args: "--username U [--name LABEL] [--expires 90d]",
			en: fmt.Sprintf("Create an API token for a user and print it (only its hash is stored; it cannot be shown again). "+
				"It expires after --expires days: %d by default, at most %d.", int(account.DefaultTokenTTL.Hours()/24), int(account.MaxTokenTTL.Hours()/24)),
			zh: fmt.Sprintf("为用户创建 API 令牌并打印（系统只保存其哈希，之后无法再次查看）。令牌在 --expires 指定的天数后过期：默认 %d 天，最长 %d 天。",
				int(account.DefaultTokenTTL.Hours()/24), int(account.MaxTokenTTL.Hours()/24)),
			flags: func(e *env, fs *flag.FlagSet) {
				e.dbFlag(fs)
				fs.StringVar(&username, "username", "", "user the token acts as / 令牌代表的用户")
				fs.StringVar(&name, "name", "", "label, e.g. the integration's name / 令牌用途说明")
				fs.StringVar(&expires, "expires", "", "lifetime in days, e.g. 30d / 有效天数，如 30d")
			},
			run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
				if len(args) > 0 || username == "" {
					return usagef("--username is required / 必须提供 --username")
				}
				ttl, err := parseDays(expires)
				if err != nil {
					return err
				}
				return e.withServices(ctx, func(ctx context.Context, s *services, _ config.Config) error {
					tok, _, err := s.accounts.IssueToken(ctx, account.NewToken{Username: username, Name: name, TTL: ttl})
					if err != nil {
						return err
					}
					fmt.Fprintln(e.stdout, tok)
					return nil
				})
			},
		}, {
			name: "list", args: "[--username U]",
			en: "List API tokens (every user's, or one user's): id, user, prefix, label, created, last used, expiry, state. Never the secret.",
			zh: "列出 API 令牌（全部或某个用户的）：编号、用户、前缀、用途、创建时间、最近使用、到期时间、状态；不显示令牌本身。",
			flags: func(e *env, fs *flag.FlagSet) {
				e.dbFlag(fs)
				fs.StringVar(&username, "username", "", "only this user's tokens / 只列出该用户的令牌")
			},
			run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
				if len(args) > 0 {
					return usagef("unexpected argument %q / 多余的参数 %q", args[0], args[0])
				}
				return e.withServices(ctx, func(ctx context.Context, s *services, c config.Config) error {
					list, err := s.accounts.Tokens(ctx, username)
					if err != nil {
						return err
					}
					now := time.Now()
					day := func(t time.Time) string {
						if t.IsZero() {
							return "-"
						}
						return t.In(app.Shanghai).Format("2006-01-02 15:04")
					}
					fmt.Fprintln(e.stdout, "ID\t用户\t前缀\t用途\t创建时间\t最近使用\t到期时间\t状态")
					for _, t := range list {
						prefix, label := t.Prefix, t.Name
						if prefix == "" {
							prefix = "-"
						}
						if label == "" {
							label = "-"
						}
						fmt.Fprintf(e.stdout, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", t.ID, t.Username, prefix, label,
							day(t.CreatedAt), day(t.LastUsedAt), day(t.Expiry()), account.TokenStatusNames[t.Status(now)])
					}
					return nil
				})
			},
		}, {
			name: "revoke", args: "ID",
			en:    "Revoke an API token at once (its ID is in `govdesk token list`).",
			zh:    "立即吊销 API 令牌（编号见 govdesk token list）。",
			flags: func(e *env, fs *flag.FlagSet) { e.dbFlag(fs) },
			run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
				if err := requireArgs(args, 1, "ID"); err != nil {
					return err
				}
				id, err := strconv.ParseInt(args[0], 10, 64)
				if err != nil || id <= 0 {
					return usagef("ID must be a token number from `govdesk token list` / ID 应为令牌编号")
				}
				return e.withServices(ctx, func(ctx context.Context, s *services, _ config.Config) error {
					t, err := s.accounts.RevokeToken(ctx, id)
					if err == nil {
						fmt.Fprintf(e.stdout, "已吊销用户 %s 的 API 令牌 %d（%s）\n", t.Username, t.ID, t.Prefix)
					}
					return err
				})
			},
		}},
	}
}
