package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

	"govdesk/internal/app"
	"govdesk/internal/asset"
	"govdesk/internal/config"
	"govdesk/internal/sheet"
	"govdesk/internal/stats"
)

type assetImport func(s *asset.Service, ctx context.Context, tab *sheet.Table, skip bool) (asset.Summary, []sheet.RowError, error)

// importAsset adapts an asset import to the import command.
func importAsset(f assetImport) func(ctx context.Context, s *services, tab *sheet.Table, skip bool) (importResult, []sheet.RowError, error) {
	return func(ctx context.Context, s *services, tab *sheet.Table, skip bool) (importResult, []sheet.RowError, error) {
		sum, bad, err := f(s.assets, ctx, tab, skip)
		r := importResult{CreatedRegions: sum.CreatedRegions}
		r.Imported, r.Updated, r.Skipped = sum.Imported, sum.Updated, sum.Skipped
		return r, bad, err
	}
}

var (
	importAssets  = importAsset((*asset.Service).ImportAssets)
	importDevices = importAsset((*asset.Service).ImportDevices)
	importFaults  = importAsset((*asset.Service).ImportFaults)
)

func deviceCmd() *command {
	return &command{
		name: "device", en: "Base-level terminals: heartbeat tokens.", zh: "基层终端设备：心跳令牌。",
		sub: []*command{{
			name: "token", args: "CODE",
			en: "Issue a new heartbeat token for the device (replacing any earlier one) and print it; only its hash is kept. " +
				"The device sends it in the X-Device-Token header of POST /api/v1/devices/CODE/heartbeat.",
			zh:    "为设备签发新的心跳令牌（原令牌作废）并输出；系统只保存其哈希值。设备在请求头 X-Device-Token 中携带令牌调用 POST /api/v1/devices/设备编号/heartbeat。",
			flags: func(e *env, fs *flag.FlagSet) { e.dbFlag(fs) },
			run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
				if err := requireArgs(args, 1, "CODE / 设备编号"); err != nil {
					return err
				}
				return e.withServices(ctx, func(ctx context.Context, s *services, _ config.Config) error {
					tok, err := s.assets.IssueToken(ctx, args[0])
					if err != nil {
						return err
					}
					fmt.Fprintln(e.stdout, tok)
					return nil
				})
			},
		}},
	}
}

func assetCmd() *command {
	var pct float64
	var maxQty int
	var format string
	var year int
	return &command{
		name: "asset", en: "Fixed-asset register: allocation limits and figures.", zh: "固定资产：配置标准与资产指标。",
		sub: []*command{{
			name: "limit", args: "CATEGORY [--percent-of-headcount P] [--max N]",
			en: "Set the allocation limit of an asset category (e.g. 碎纸机 --percent-of-headcount 5); neither flag removes it.",
			zh: "设置资产类别的配置标准（如 碎纸机 --percent-of-headcount 5 表示不超过实有人数的 5%）；两项都不给则取消该类别的标准。",
			flags: func(e *env, fs *flag.FlagSet) {
				e.dbFlag(fs)
				fs.Float64Var(&pct, "percent-of-headcount", 0, "at most this percent of the headcount / 不超过实有人数的百分比")
				fs.IntVar(&maxQty, "max", 0, "at most this many pieces / 最多件数")
			},
			run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
				if err := requireArgs(args, 1, "CATEGORY / 资产类别"); err != nil {
					return err
				}
				return e.withServices(ctx, func(ctx context.Context, s *services, _ config.Config) error {
					return s.assets.SetLimit(ctx, asset.Limit{Category: args[0], PercentOfHeadcount: pct, MaxQuantity: maxQty})
				})
			},
		}, {
			name: "register", args: "[--format json|table]",
			en:    "固定资产利用率 (in-use value / total value) and the allocation findings the self-evaluation reads.",
			zh:    "固定资产利用率（在用资产原值 / 资产原值合计）及超标准配置情况（供绩效自评使用）。",
			flags: func(e *env, fs *flag.FlagSet) { e.dbFlag(fs); formatFlag(fs, &format) },
			run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
				if err := requireArgs(args, 0, "no arguments / 无参数"); err != nil {
					return err
				}
				if err := checkFormat(format); err != nil {
					return err
				}
				return e.withServices(ctx, func(ctx context.Context, s *services, _ config.Config) error {
					reg, err := s.assets.Register(ctx)
					if err != nil {
						return err
					}
					if format == "json" {
						return json.NewEncoder(e.stdout).Encode(registerJSON(reg))
					}
					writeRegister(e.stdout, reg)
					return nil
				})
			},
		}, {
			name: "stocktake", args: "--year YYYY [--format json|table]",
			en: "The year's stock-take: book and counted quantity of each asset line, their difference, and the lines not counted.",
			zh: "年度资产盘点：各资产的账面数、实盘数及差异（盘盈/盘亏），以及本年度未盘点的资产。",
			flags: func(e *env, fs *flag.FlagSet) {
				e.dbFlag(fs)
				fs.IntVar(&year, "year", 0, "year of the stock-take / 盘点年度")
				formatFlag(fs, &format)
			},
			run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
				if len(args) > 0 || year < 1900 {
					return usagef("--year is required / 必须提供 --year")
				}
				if err := checkFormat(format); err != nil {
					return err
				}
				return e.withServices(ctx, func(ctx context.Context, s *services, _ config.Config) error {
					return writeStockTake(ctx, e.stdout, s.assets, year, format == "json")
				})
			},
		}},
	}
}

type stockTakeJSON struct {
	Code       string `json:"code"`
	Name       string `json:"name"`
	TakenOn    string `json:"taken_on"`
	Book       int    `json:"book"`
	Counted    int    `json:"counted"`
	Difference int    `json:"difference"`
}

func writeStockTake(ctx context.Context, w io.Writer, s *asset.Service, year int, asJSON bool) error {
	takes, err := s.StockTakes(ctx, year)
	if err != nil {
		return err
	}
	all, err := s.Assets(ctx)
	if err != nil {
		return err
	}
	counted := map[int64]bool{}
	lines := []stockTakeJSON{}
	for _, t := range takes {
		counted[t.AssetID] = true
		lines = append(lines, stockTakeJSON{t.AssetCode, t.AssetName, t.TakenOn, t.Book, t.Counted, t.Difference()})
	}
	missing := []string{}
	for _, a := range all {
		if !counted[a.ID] {
			missing = append(missing, a.Code)
		}
	}
	if asJSON {
		return json.NewEncoder(w).Encode(map[string]any{"year": year, "lines": lines, "not_counted": missing})
	}
	fmt.Fprintf(w, "%d 年资产盘点：%d 条\n", year, len(lines))
	for _, l := range lines {
		diff := "相符"
		if l.Difference > 0 {
			diff = fmt.Sprintf("盘盈 %d", l.Difference)
		} else if l.Difference < 0 {
			diff = fmt.Sprintf("盘亏 %d", -l.Difference)
		}
		fmt.Fprintf(w, "  %s %s  %s  账面 %d  实盘 %d  %s\n", l.Code, l.Name, l.TakenOn, l.Book, l.Counted, diff)
	}
	if len(missing) > 0 {
		fmt.Fprintf(w, "未盘点：%s\n", strings.Join(missing, "、"))
	}
	return nil
}

func registerJSON(reg asset.Register) map[string]any {
	return map[string]any{"assets": len(reg.Assets), "total_value": float64(reg.Utilization.TotalCents) / 100,
		"in_use_value": float64(reg.Utilization.InUseCents) / 100, "utilization": reg.Utilization.Percent,
		"headcount": reg.Headcount, "findings": reg.Findings}
}

func writeRegister(w io.Writer, reg asset.Register) {
	u := reg.Utilization
	fmt.Fprintf(w, "资产条目：%d\n资产原值合计：%.2f 元\n在用资产原值：%.2f 元\n", len(reg.Assets), float64(u.TotalCents)/100, float64(u.InUseCents)/100)
	if u.Percent != nil {
		fmt.Fprintf(w, "固定资产利用率：%.2f%%\n", *u.Percent)
	} else {
		fmt.Fprintln(w, "固定资产利用率：—（资产台账为空）")
	}
	if len(reg.Findings) == 0 {
		fmt.Fprintln(w, "资产配置：未发现超标准配置")
	}
	for _, f := range reg.Findings {
		fmt.Fprintln(w, "超标准配置："+f.Message)
	}
	fmt.Fprintln(w, "\n统计口径：固定资产利用率 = 在用资产原值 ÷ 全部资产原值 × 100%。")
}

// devicesReport is what `stats devices --format json` prints (SPEC §13).
func devicesReport(f asset.Figures) asset.Report { return f.Total.Report() }

func deviceStatsCmd() *command {
	return periodStatsCmd("devices", "Availability of the base-level terminals from --from to --to (both dates included, Asia/Shanghai): "+
		"devices in service, faults begun, downtime hours, availability %.",
		"基层终端可用率：--from 至 --to（含两端，北京时间）在用设备数、期间发生故障数、故障停机小时数和可用率。",
		func(ctx context.Context, e *env, s *services, p stats.Period, asJSON bool) error {
			f, err := s.assets.Availability(ctx, asset.Period{From: p.From, To: p.To})
			if err != nil {
				return err
			}
			if asJSON {
				return json.NewEncoder(e.stdout).Encode(devicesReport(f))
			}
			writeAvailability(e.stdout, f)
			return nil
		})
}

func fmtPct(p *float64) string {
	if p == nil {
		return "—"
	}
	return fmt.Sprintf("%.2f%%", *p)
}

func writeAvailability(w io.Writer, f asset.Figures) {
	r := f.Total.Report()
	fmt.Fprintf(w, "基层终端可用率：%s 至 %s\n", f.Period.From.In(app.Shanghai).Format(app.DateLayout),
		f.Period.To.Add(-1).In(app.Shanghai).Format(app.DateLayout))
	fmt.Fprintf(w, "在用设备：%d 台；期间发生故障：%d 次；停机：%.2f 小时；可用率：%s\n", r.Devices, r.Faults, r.DowntimeHours, fmtPct(r.Availability))
	fmt.Fprintln(w, "\n按镇街：")
	for _, g := range f.ByTown {
		fmt.Fprintf(w, "  %s  设备 %d 台  故障 %d 次  停机 %.2f 小时  可用率 %s\n", g.Name, g.Devices, g.Faults, g.DowntimeHours(), fmtPct(g.Percent()))
	}
	fmt.Fprintln(w, "\n按月：")
	for _, g := range f.ByMonth {
		fmt.Fprintf(w, "  %s  设备 %d 台  故障 %d 次  停机 %.2f 小时  可用率 %s\n", g.Name, g.Devices, g.Faults, g.DowntimeHours(), fmtPct(g.Percent()))
	}
	fmt.Fprintln(w, "\n统计口径：可用率 = 1 − 期间内故障停机时长（同一设备重叠的故障只计一次）÷ 期间内设备在用时长（每台设备自启用日期起，截至统计时刻），以百分数表示。")
}
