package cli

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"

	"govdesk/internal/app"
	"govdesk/internal/catalog"
	"govdesk/internal/config"
	"govdesk/internal/evaluation"
	"govdesk/internal/sheet"
	"govdesk/internal/stats"
)

// writeSheet writes rows under headers to a .xlsx or .csv file and prints the summary.
func writeSheet(e *env, out string, headers []string, rows [][]string) error {
	f, err := os.Create(out)
	if err != nil {
		return app.Invalid("无法创建输出文件：%s", out).WithDetail("cannot create the output file %s: %v", out, err)
	}
	if strings.EqualFold(filepath.Ext(out), ".csv") {
		err = sheet.WriteCSV(f, headers, rows, false)
	} else {
		err = sheet.WriteXLSX(f, headers, rows)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(out)
		return err
	}
	return json.NewEncoder(e.stdout).Encode(map[string]any{"exported": len(rows), "out": out})
}

// periodExportCmd is `govdesk export cases|evaluations --from --to --out`.
func periodExportCmd(name, en, zh string, rows func(ctx context.Context, s *services, p stats.Period) ([]string, [][]string, error)) *command {
	var from, to, out string
	return &command{
		name: name, args: "--from YYYY-MM-DD --to YYYY-MM-DD --out FILE.xlsx|FILE.csv", en: en, zh: zh,
		flags: func(e *env, fs *flag.FlagSet) {
			e.dbFlag(fs)
			fs.StringVar(&from, "from", "", "first date / 开始日期")
			fs.StringVar(&to, "to", "", "last date, included / 结束日期（含当天）")
			fs.StringVar(&out, "out", "", "the .xlsx or .csv file to write / 输出文件（.xlsx 或 .csv）")
		},
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
			ext := strings.ToLower(filepath.Ext(out))
			if ext != ".xlsx" && ext != ".csv" {
				return usagef("--out FILE.xlsx or FILE.csv is required / 必须用 --out 指定 .xlsx 或 .csv 输出文件")
			}
			p, err := periodArgs(args, from, to, "json")
			if err != nil {
				return err
			}
			return e.withServices(ctx, func(ctx context.Context, s *services, _ config.Config) error {
				headers, list, err := rows(ctx, s, p)
				if err != nil {
					return err
				}
				return writeSheet(e, out, headers, list)
			})
		},
	}
}

func exportCasesCmd() *command {
	return periodExportCmd("cases", "Export the cases accepted between the dates with the headers of `import cases`.",
		"导出受理日期在区间内的办件，列与导入文件相同。",
		func(ctx context.Context, s *services, p stats.Period) ([]string, [][]string, error) {
			list, err := catalogService(s).Cases(ctx, p.From, p.To)
			rows := make([][]string, 0, len(list))
			for _, c := range list {
				rows = append(rows, catalog.CaseRow(c))
			}
			return catalog.CaseHeaders, rows, err
		})
}

func exportEvaluationsCmd() *command {
	return periodExportCmd("evaluations", "Export the evaluations made between the dates with the headers of `import evaluations` (no contacts).",
		"导出评价日期在区间内的好差评，列与导入文件相同（不含评价人联系方式）。",
		func(ctx context.Context, s *services, p stats.Period) ([]string, [][]string, error) {
			list, err := evaluationService(s).Evaluations(ctx, evaluation.Filter{From: p.From, To: p.To})
			rows := make([][]string, 0, len(list))
			for _, ev := range list {
				rows = append(rows, evaluation.Row(ev))
			}
			return evaluation.Headers, rows, err
		})
}
