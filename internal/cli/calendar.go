package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strconv"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/config"
	"govdesk/internal/workday"
)

func calendarCmd() *command {
	var from, to, clock string
	var days float64
	clockFlag := func(fs *flag.FlagSet) {
		fs.StringVar(&clock, "clock", "", "workhours or workdays (default: sla.clock of the configuration) / 计时方式")
	}
	return &command{
		name: "calendar", en: "Working-day calendar: deadlines, elapsed working days, day kinds, overrides.",
		zh: "工作日历：计算期限、已用工作日、查询日期类型、导入调整。",
		sub: []*command{
			{
				name: "deadline", args: "--from RFC3339 --workdays N [--clock workhours|workdays]",
				en: "Print the deadline N working days after --from (RFC3339, +08:00).",
				zh: "计算从 --from 起 N 个工作日后的期限（RFC3339，+08:00）。",
				flags: func(e *env, fs *flag.FlagSet) {
					e.dbFlag(fs)
					fs.StringVar(&from, "from", "", "start instant, RFC3339 / 起算时间")
					fs.Float64Var(&days, "workdays", -1, "working days, e.g. 1.5 / 工作日数")
					clockFlag(fs)
				},
				run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
					if len(args) > 0 || from == "" || days < 0 {
						return usagef("--from and --workdays (≥ 0) are required / 必须提供 --from 和 --workdays（不小于 0）")
					}
					start, err := parseInstant("--from", from)
					if err != nil {
						return err
					}
					s, err := e.calendarSchedule(ctx, clock, start)
					if err != nil {
						return err
					}
					fmt.Fprintln(e.stdout, s.Deadline(start, days).In(app.Shanghai).Format(time.RFC3339))
					return nil
				},
			},
			{
				name: "elapsed", args: "--from RFC3339 --to RFC3339 [--clock workhours|workdays]",
				en: "Print the working days elapsed between two instants, 4 decimals.",
				zh: "计算两个时刻之间已用的工作日数（保留 4 位小数）。",
				flags: func(e *env, fs *flag.FlagSet) {
					e.dbFlag(fs)
					fs.StringVar(&from, "from", "", "start instant, RFC3339 / 开始时间")
					fs.StringVar(&to, "to", "", "end instant, RFC3339 / 结束时间")
					clockFlag(fs)
				},
				run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
					if len(args) > 0 || from == "" || to == "" {
						return usagef("--from and --to are required / 必须提供 --from 和 --to")
					}
					a, err := parseInstant("--from", from)
					if err != nil {
						return err
					}
					b, err := parseInstant("--to", to)
					if err != nil {
						return err
					}
					s, err := e.calendarSchedule(ctx, clock, a, b)
					if err != nil {
						return err
					}
					fmt.Fprintln(e.stdout, strconv.FormatFloat(s.Elapsed(a, b), 'f', 4, 64))
					return nil
				},
			},
			{
				name: "day", args: "YYYY-MM-DD",
				en:    `Print what a date is, as JSON {"date","working","kind","name"}; kind is workday, weekend, holiday or makeup.`,
				zh:    "查询某日是否工作日，输出 JSON；kind 为 workday 工作日、weekend 周末、holiday 节假日、makeup 调休补班。",
				flags: func(e *env, fs *flag.FlagSet) { e.dbFlag(fs) },
				run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
					if err := requireArgs(args, 1, "YYYY-MM-DD / 日期"); err != nil {
						return err
					}
					d, err := app.ParseDate(args[0])
					if err != nil {
						return err
					}
					s, err := e.calendarSchedule(ctx, "", d)
					if err != nil {
						return err
					}
					day, err := s.Cal.DayOf(args[0])
					if err != nil {
						return err
					}
					return json.NewEncoder(e.stdout).Encode(day)
				},
			},
			{
				name: "import", args: "FILE",
				en:    "Import holiday/makeup overrides from a text file, one a line: '2028-01-22 makeup 春节', '2028-01-26 holiday 春节'.",
				zh:    "从文本文件导入节假日/调休调整，每行一条，如“2028-01-22 makeup 春节”“2028-01-26 holiday 春节”。",
				flags: func(e *env, fs *flag.FlagSet) { e.dbFlag(fs) },
				run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
					if err := requireArgs(args, 1, "FILE / 文件"); err != nil {
						return err
					}
					f, err := os.Open(args[0])
					if err != nil {
						return app.Invalid("无法打开文件 %s", args[0]).WithDetail("cannot open %s: %v", args[0], err)
					}
					defer f.Close()
					list, err := workday.ParseOverrides(f)
					if err != nil {
						return err
					}
					return e.withServices(ctx, func(ctx context.Context, s *services, _ config.Config) error {
						if _, err := app.RequireRole(ctx, app.RoleAdmin); err != nil {
							return err
						}
						if _, err := workday.NewCalendar(list); err != nil {
							return err
						}
						old, err := s.calendar.FindOverrides(ctx)
						if err != nil {
							return err
						}
						existing := map[string]bool{}
						for _, o := range old {
							existing[o.Date] = true
						}
						created, updated := 0, 0
						for _, o := range list {
							if existing[o.Date] {
								updated++
							} else {
								created++
							}
						}
						if err := s.calendar.SaveOverrides(ctx, list); err != nil {
							return err
						}
						return json.NewEncoder(e.stdout).Encode(map[string]int{"imported": created, "updated": updated, "skipped": 0})
					})
				},
			},
			{
				name: "list", args: "",
				en: "List the admin's calendar overrides.", zh: "列出管理员录入的日历调整。",
				flags: func(e *env, fs *flag.FlagSet) { e.dbFlag(fs) },
				run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
					return e.withServices(ctx, func(ctx context.Context, s *services, _ config.Config) error {
						list, err := s.calendar.FindOverrides(ctx)
						if err != nil {
							return err
						}
						if len(list) == 0 {
							fmt.Fprintln(e.stdout, "（没有日历调整，使用内置的国务院节假日安排）")
						}
						for _, o := range list {
							fmt.Fprintf(e.stdout, "%s %s %s\n", o.Date, o.Kind, o.Name)
						}
						return nil
					})
				},
			},
		},
	}
}

// calendarSchedule returns the schedule for the calendar commands, with --clock
// overriding the configuration, and warns on stderr about years with no published schedule.
func (e *env) calendarSchedule(ctx context.Context, clock string, instants ...time.Time) (workday.Schedule, error) {
	c, err := e.config()
	if err != nil {
		return workday.Schedule{}, err
	}
	if clock != "" {
		if _, err := workday.ParseClock(clock); err != nil {
			return workday.Schedule{}, err
		}
		c.SLA.Clock = clock
	}
	s, err := e.schedule(ctx, c)
	if err != nil {
		return s, err
	}
	seen := map[int]bool{}
	for _, t := range instants {
		y := t.In(app.Shanghai).Year()
		if w := s.Cal.Warning(y); w != "" && !seen[y] {
			seen[y] = true
			fmt.Fprintf(e.stderr, "警告：%s\nwarning: no published holiday schedule for %d; treated as a plain Monday–Friday week\n", w, y)
		}
	}
	return s, nil
}

func parseInstant(flag, s string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return t, app.Invalid("%s 的时间格式错误：%q，应为 RFC3339，如 2022-09-30T16:00:00+08:00", flag, s).
			WithDetail("%s: bad time %q, want RFC3339 such as 2022-09-30T16:00:00+08:00", flag, s)
	}
	return t, nil
}
