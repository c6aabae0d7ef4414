package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"govdesk/internal/catalog"
	"govdesk/internal/config"
	"govdesk/internal/sheet"
	"govdesk/internal/stats"
)

func importItems(ctx context.Context, s *services, tab *sheet.Table, skip bool) (importResult, []sheet.RowError, error) {
	sum, bad, err := catalogService(s).ImportItems(ctx, tab, skip)
	return catalogResult(sum), bad, err
}

func importCases(ctx context.Context, s *services, tab *sheet.Table, skip bool) (importResult, []sheet.RowError, error) {
	sum, bad, err := catalogService(s).ImportCases(ctx, tab, skip)
	return catalogResult(sum), bad, err
}

func catalogResult(sum catalog.ImportSummary) importResult {
	r := importResult{CreatedRegions: sum.CreatedRegions}
	r.Imported, r.Updated, r.Skipped = sum.Imported, sum.Updated, sum.Skipped
	return r
}

// formatFlag adds --format json|table.
func formatFlag(fs *flag.FlagSet, format *string) {
	fs.StringVar(format, "format", "table", "json or table / 输出格式：json 或 table（表格）")
}

func checkFormat(format string) error {
	if format != "json" && format != "table" {
		return usagef("--format must be json or table / --format 应为 json 或 table")
	}
	return nil
}

func catalogStatsCmd() *command {
	var format string
	return &command{
		name: "catalog", args: "[--format json|table]",
		en:    "Rates of the published service-item catalogue (SPEC §6), each with numerator, denominator and definition.",
		zh:    "政务服务事项目录指标：按已发布事项统计进驻率、一窗率、网上可办率等，列出分子、分母与统计口径。",
		flags: func(e *env, fs *flag.FlagSet) { e.dbFlag(fs); formatFlag(fs, &format) },
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
			if len(args) > 0 {
				return usagef("unexpected arguments / 多余的参数")
			}
			if err := checkFormat(format); err != nil {
				return err
			}
			return e.withServices(ctx, func(ctx context.Context, s *services, _ config.Config) error {
				items, err := catalogService(s).Items(ctx)
				if err != nil {
					return err
				}
				c := stats.CatalogFigures(items)
				if format == "json" {
					return json.NewEncoder(e.stdout).Encode(c.Report())
				}
				writeCatalog(e.stdout, &c)
				return nil
			})
		},
	}
}

func writeCatalog(w io.Writer, c *stats.Catalog) {
	fmt.Fprintf(w, "政务服务事项目录指标（已发布事项 %d 项）\n\n", c.Published)
	for _, r := range append(c.Rates, c.Compression) {
		fmt.Fprintf(w, "%s\t%s\t（%d/%d）\t口径：%s\n", r.Name, pct(r.Percent), r.Numerator, r.Denominator, r.Definition)
	}
	fmt.Fprintf(w, "全市通办事项\t%d 项\n跨省通办事项\t%d 项\n免证办事项\t%d 项\n", c.Citywide, c.CrossProvince, c.CertFree)
}

func pct(v *float64) string {
	if v == nil {
		return "—"
	}
	return fmt.Sprintf("%.2f%%", *v)
}

func caseStatsCmd() *command {
	return periodStatsCmd("cases", "Case (办件) figures of the cases accepted from --from to --to (both included, Asia/Shanghai).",
		"办件统计：受理日期在 --from 至 --to 之间（含两端，按北京时间）的办件数、按渠道和镇街分布、镇村站点办件、办结与按时办结。",
		func(ctx context.Context, e *env, s *services, p stats.Period, asJSON bool) error {
			cases, err := catalogService(s).Cases(ctx, p.From, p.To)
			if err != nil {
				return err
			}
			c := stats.CaseFigures(cases)
			if asJSON {
				return json.NewEncoder(e.stdout).Encode(c)
			}
			fmt.Fprintf(e.stdout, "办件统计：%s 至 %s\n办件总数\t%d\n镇村站点办件\t%d\n办结\t%d\n按时办结\t%d\n按时办结率\t%s\n",
				p.First(), p.Last(), c.Total, c.TownVillage, c.Finished, c.OnTime, pct(c.OnTimeRate))
			for _, ch := range catalog.Channels {
				fmt.Fprintf(e.stdout, "渠道·%s\t%d\n", ch, c.ByChannel[ch])
			}
			for town, n := range c.ByTown {
				fmt.Fprintf(e.stdout, "镇街·%s\t%d\n", town, n)
			}
			return nil
		})
}

// periodArgs checks a --from/--to/--format command's arguments.
func periodArgs(args []string, from, to, format string) (stats.Period, error) {
	if len(args) > 0 || from == "" || to == "" {
		return stats.Period{}, usagef("--from and --to are required / 必须提供 --from 和 --to")
	}
	if err := checkFormat(format); err != nil {
		return stats.Period{}, err
	}
	return stats.DatePeriod(from, to)
}

// exportItemsCmd is `govdesk export items`: the whole catalogue with the import's headers.
func exportItemsCmd() *command {
	var out string
	return &command{
		name: "items", args: "--out FILE.xlsx|FILE.csv",
		en: "Export the service-item catalogue with the headers of `import items`, so the file imports back.",
		zh: "导出政务服务事项目录，列与导入文件相同，可修改后再次导入（按实施编码更新）。",
		flags: func(e *env, fs *flag.FlagSet) {
			e.dbFlag(fs)
			fs.StringVar(&out, "out", "", "the .xlsx or .csv file to write / 输出文件（.xlsx 或 .csv）")
		},
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
			ext := strings.ToLower(filepath.Ext(out))
			if len(args) > 0 || (ext != ".xlsx" && ext != ".csv") {
				return usagef("--out FILE.xlsx or FILE.csv is required / 必须用 --out 指定 .xlsx 或 .csv 输出文件")
			}
			return e.withServices(ctx, func(ctx context.Context, s *services, _ config.Config) error {
				items, err := catalogService(s).Items(ctx)
				if err != nil {
					return err
				}
				rows := make([][]string, 0, len(items))
				for _, it := range items {
					rows = append(rows, catalog.ItemRow(it))
				}
				return writeSheet(e, out, catalog.ItemHeaders, rows)
			})
		},
	}
}
