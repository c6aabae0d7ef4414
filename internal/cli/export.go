package cli

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/config"
	"govdesk/internal/sheet"
	"govdesk/internal/store"
	"govdesk/internal/workorder"
)

// orderImporter is the order import and export over the command's database.
func orderImporter(s *services) *workorder.Importer {
	return &workorder.Importer{Store: &store.Orders{DB: s.db}, Policies: &store.Policies{DB: s.db},
		Schedule: s.schedule, Clock: app.SystemClock{}}
}

// importOrders is the run of `govdesk import orders`.
func importOrders(ctx context.Context, s *services, tab *sheet.Table, skip bool) (importResult, []sheet.RowError, error) {
	sum, bad, err := orderImporter(s).Import(ctx, tab, skip)
	res := importResult{CreatedRegions: sum.CreatedRegions, CreatedCategories: sum.CreatedCategories}
	res.Imported, res.Updated, res.Skipped, res.Unknown = sum.Imported, sum.Updated, sum.Skipped, sum.Unknown
	return res, bad, err
}

func exportCmd() *command {
	var out, from, to, status, unit, as string
	return &command{
		name: "export", en: "Export data as spreadsheets.", zh: "导出数据为电子表格。",
		sub: []*command{{
			name: "orders", args: "--out FILE.xlsx [--from DATE] [--to DATE] [--status S,…] [--unit CODE] [--as USERNAME]",
			en: "Export work orders received between the dates (inclusive) to .xlsx with the import's 20 columns, so the file imports back. " +
				"Phones are masked unless the acting user's role may read them (default: the system administrator, masked). Every export is written to the access log.",
			zh: "将受理日期在区间内（含首尾）的工单导出为 .xlsx，列与导入文件相同（20 列），可再次导入。" +
				"联系电话按操作人角色脱敏（默认以系统管理员身份导出，电话脱敏）；每次导出都记入访问日志。",
			flags: func(e *env, fs *flag.FlagSet) {
				e.dbFlag(fs)
				fs.StringVar(&out, "out", "", "the .xlsx file to write / 输出文件（.xlsx）")
				fs.StringVar(&from, "from", "", "first receipt date YYYY-MM-DD / 受理日期起")
				fs.StringVar(&to, "to", "", "last receipt date YYYY-MM-DD (inclusive) / 受理日期止（含）")
				fs.StringVar(&status, "status", "", "states, e.g. closed or 已办结,待回访 / 状态（可多个，逗号分隔）")
				fs.StringVar(&unit, "unit", "", "current handling unit's code / 承办单位编码")
				fs.StringVar(&as, "as", "", "user whose role decides what is shown (default: system admin) / 以该用户身份导出")
			},
			run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
				if len(args) > 0 || out == "" {
					return usagef("--out FILE.xlsx is required / 必须用 --out 指定输出文件")
				}
				if !strings.EqualFold(filepath.Ext(out), ".xlsx") {
					return usagef("--out must name a .xlsx file / 输出文件须为 .xlsx")
				}
				f, err := exportFilter(from, to, status)
				if err != nil {
					return err
				}
				f.UnitCode = unit
				return e.withServices(ctx, func(ctx context.Context, s *services, _ config.Config) error {
					return exportOrders(ctx, e, s, f, out, as)
				})
			},
		}, exportItemsCmd(), exportCasesCmd(), exportEvaluationsCmd()},
	}
}

func exportOrders(ctx context.Context, e *env, s *services, f workorder.Filter, out, as string) error {
	if f.UnitCode != "" {
		if _, err := s.accounts.Store.FindUnitByCode(ctx, f.UnitCode); err != nil {
			return err
		}
	}
	ctx, err := actAs(ctx, s, as)
	if err != nil {
		return err
	}
	var rows [][]string
	n, err := orderImporter(s).Export(ctx, f, func(r []string) error {
		rows = append(rows, r)
		return nil
	})
	if err != nil {
		return err
	}
	file, err := os.Create(out)
	if err != nil {
		return app.Invalid("无法创建输出文件：%s", out).WithDetail("cannot create the output file %s: %v", out, err)
	}
	if err := sheet.WriteXLSX(file, workorder.OrderColumns, rows); err != nil {
		file.Close()
		os.Remove(out)
		return err
	}
	if err := file.Close(); err != nil {
		return app.Internal(err, "close "+out)
	}
	return json.NewEncoder(e.stdout).Encode(map[string]any{"exported": n, "out": out})
}

// exportFilter parses the date and state flags: dates are days in Asia/Shanghai, --to
// inclusive; states by code (closed) or Chinese name (已办结).
func exportFilter(from, to, status string) (workorder.Filter, error) {
	var f workorder.Filter
	var err error
	if from != "" {
		if f.From, err = app.ParseDate(from); err != nil {
			return f, err
		}
	}
	if to != "" {
		var t time.Time
		if t, err = app.ParseDate(to); err != nil {
			return f, err
		}
		f.To = t.AddDate(0, 0, 1)
	}
	if !f.From.IsZero() && !f.To.IsZero() && !f.From.Before(f.To) {
		return f, app.Invalid("起始日期 %s 晚于截止日期 %s", from, to).WithDetail("--from %s is after --to %s", from, to)
	}
	for _, v := range strings.FieldsFunc(status, func(r rune) bool { return r == ',' || r == '，' || r == '、' }) {
		st, ok := parseStatus(strings.TrimSpace(v))
		if !ok {
			return f, app.Invalid("未知的工单状态 %q，应为 received、dispatched、accepted、replied、callback、closed 或对应的中文名称", v).
				WithDetail("unknown order status %q, want received, dispatched, accepted, replied, callback, closed or their Chinese names", v)
		}
		f.Statuses = append(f.Statuses, st)
	}
	return f, nil
}

func parseStatus(v string) (workorder.Status, bool) {
	for _, st := range workorder.Statuses {
		if string(st) == v || workorder.StatusNames[st] == v {
			return st, true
		}
	}
	return "", false
}

// actAs returns ctx acting as the active user named by username, or ctx itself
// (the system actor) when username is empty.
func actAs(ctx context.Context, s *services, username string) (context.Context, error) {
	if username == "" {
		return ctx, nil
	}
	u, err := s.accounts.Store.FindUserByUsername(ctx, username)
	if err != nil {
		return ctx, err
	}
	if !u.Active {
		return ctx, app.Invalid("用户 %s 已停用", username).WithDetail("user %s is deactivated", username)
	}
	return app.WithActor(ctx, u.Actor()), nil
}
