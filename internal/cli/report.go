package cli

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"govdesk/internal/app"
	"govdesk/internal/config"
	"govdesk/internal/report"
)

// reportCmd is `govdesk report weekly|monthly|annual … --out FILE.docx|FILE.xlsx` (SPEC §9, §13).
func reportCmd() *command {
	return &command{
		name: "report", en: "Briefs and analysis reports (SPEC §9) as .docx or .xlsx, computed from the data.",
		zh: "简报和研判报告：根据工单数据生成 Word（.docx）或 Excel（.xlsx）文件。",
		sub: []*command{
			reportKindCmd(report.Weekly, "week", "2022-W39",
				"Weekly digest: the week's figures and its ten typical orders (the selection saved on the web, or the best ranked).",
				"每周典型工单：本周概况和 10 件典型工单（网页上已选定的，或按热度、紧急、重复、督办排序选出的）。",
				"ISO week, YYYY-Www / ISO 周，例如 2022-W39"),
			reportKindCmd(report.Monthly, "month", "2022-09",
				"Monthly brief: volumes and trend, types, hotspots by town and category, unit ranking, overdue and supervised orders, charts.",
				"每月简报：受理量和走势、诉求类型、镇街和问题类别热点、承办单位排名、超期和督办工单，附图表。",
				"month, YYYY-MM / 月份，例如 2022-09"),
			reportKindCmd(report.Annual, "year", "2022",
				"Annual analysis: the year by month, year on year, recurring problems by region and category, units' performance, recommendations.",
				"年度研判报告：逐月情况、同比变化、区域和类别的反复性问题、承办单位履职情况、意见建议（网页上填写，重新生成时保留）。",
				"year, YYYY / 年份，例如 2022"),
		},
	}
}

func reportKindCmd(kind, flagName, example, en, zh, flagHelp string) *command {
	var arg, out string
	return &command{
		name: kind, args: fmt.Sprintf("--%s %s --out FILE.docx|FILE.xlsx", flagName, example), en: en, zh: zh,
		flags: func(e *env, fs *flag.FlagSet) {
			e.dbFlag(fs)
			fs.StringVar(&arg, flagName, "", flagHelp)
			fs.StringVar(&out, "out", "", "the .docx or .xlsx file to write / 输出文件（.docx 或 .xlsx）")
		},
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
			if len(args) > 0 || arg == "" || out == "" {
				return usagef("--%s and --out are required / 必须提供 --%s 和 --out", flagName, flagName)
			}
			format, err := report.FormatOf(out)
			if err != nil {
				return err
			}
			if _, err := report.Parse(kind, arg); err != nil {
				return err
			}
			return e.withServices(ctx, func(ctx context.Context, s *services, _ config.Config) error {
				d, err := reportService(s).Build(ctx, kind, arg)
				if err != nil {
					return err
				}
				var buf bytes.Buffer
				if err := d.Write(&buf, format); err != nil {
					return err
				}
				if err := writeFileAtomic(out, buf.Bytes()); err != nil {
					return app.Invalid("无法写入文件 %s", out).WithDetail("cannot write %s: %v", out, err)
				}
				fmt.Fprintf(e.stdout, "已生成%s：%s\n", report.KindNames[kind], out)
				return nil
			})
		},
	}
}

// writeFileAtomic writes data to a temporary file beside name and renames it,
// so a failed run never leaves half a document.
func writeFileAtomic(name string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), ".govdesk-*"+filepath.Ext(name))
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}
