package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

	"govdesk/internal/app"
	"govdesk/internal/config"
	"govdesk/internal/stats"
	"govdesk/internal/workday"
)

func statsCmd() *command {
	return &command{
		name: "stats", en: "Statistics (SPEC §9): each figure with its definition.", zh: "统计：各项指标及其统计口径。",
		sub: []*command{periodStatsCmd("hotline",
			"Hotline figures of the orders received from --from to --to (both dates included, Asia/Shanghai), "+
				"with the same period one year earlier and the growth rates.",
			"热线工单统计：受理日期在 --from 至 --to 之间（含两端，按北京时间）的工单各项指标，以及上年同期数和同比增长率。",
			func(ctx context.Context, e *env, s *services, p stats.Period, asJSON bool) error {
				h, err := statsService(s).Hotline(ctx, p)
				if err != nil {
					return err
				}
				if asJSON {
					return json.NewEncoder(e.stdout).Encode(h.Report())
				}
				writeHotline(e.stdout, &h)
				return nil
			}), catalogStatsCmd(), caseStatsCmd(), deviceStatsCmd(), evaluationStatsCmd(),
			projectStatsCmd(), policyStatsCmd()},
	}
}

// periodStatsCmd is a `stats` subcommand over the whole dates --from … --to (both
// included, Asia/Shanghai) with --format json|table; run gets the period and
// whether JSON was asked for.
func periodStatsCmd(name, en, zh string, run func(ctx context.Context, e *env, s *services, p stats.Period, asJSON bool) error) *command {
	var from, to, format string
	return &command{
		name: name, args: "--from YYYY-MM-DD --to YYYY-MM-DD [--format json|table]", en: en, zh: zh,
		flags: func(e *env, fs *flag.FlagSet) {
			e.dbFlag(fs)
			fs.StringVar(&from, "from", "", "first date, YYYY-MM-DD / 开始日期")
			fs.StringVar(&to, "to", "", "last date, included, YYYY-MM-DD / 结束日期（含当天）")
			formatFlag(fs, &format)
		},
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
			p, err := periodArgs(args, from, to, format)
			if err != nil {
				return err
			}
			return e.withServices(ctx, func(ctx context.Context, s *services, _ config.Config) error {
				return run(ctx, e, s, p, format == "json")
			})
		},
	}
}

var clockNames = map[workday.Clock]string{workday.WorkHours: "按工作时长计", workday.WorkDays: "按工作日整日计"}

// writeHotline prints the figures as a Chinese table followed by their definitions.
func writeHotline(w io.Writer, h *stats.Hotline) {
	last := h.Previous.Period
	fmt.Fprintf(w, "热线工单统计：%s 至 %s（上年同期 %s 至 %s）\n", h.Period.First(), h.Period.Last(), last.First(), last.Last())
	fmt.Fprintf(w, "统计时刻：%s；计时方式：%s\n\n", h.Now.In(app.Shanghai).Format("2006-01-02 15:04"), clockNames[h.Clock])
	figs := h.Figures()
	rows := [][]string{{"指标", "本期", "上年同期", "同比"}}
	for _, f := range figs {
		cur := f.Format(f.Value)
		if f.Unit == "%" {
			cur += fmt.Sprintf("（%d/%d）", f.Numerator, f.Denominator)
		} else if strings.HasPrefix(f.Key, "avg_workdays.") {
			cur += fmt.Sprintf("（%d 件）", f.Denominator)
		}
		growth := ""
		if f.Key == "received" || f.Key == "urgent" {
			growth = stats.Figure{Unit: "%"}.Format(f.Growth)
		}
		name := f.Name
		if strings.HasPrefix(f.Key, "by_type.") {
			name = "  其中：" + name
		}
		if f.Unit == "个工作日" {
			name += "（工作日）"
		}
		rows = append(rows, []string{name, cur, f.Format(f.Previous), growth})
	}
	widths := make([]int, 4)
	for _, r := range rows {
		for i, c := range r {
			widths[i] = max(widths[i], displayWidth(c))
		}
	}
	for _, r := range rows {
		line := padRight(r[0], widths[0])
		for i := 1; i < len(r); i++ {
			line += "  " + padLeft(r[i], widths[i])
		}
		fmt.Fprintln(w, strings.TrimRight(line, " "))
	}
	fmt.Fprintln(w, "\n统计口径：")
	for _, f := range figs {
		if !strings.HasPrefix(f.Key, "by_type.") || f.Key == "by_type.咨询" {
			name := f.Name
			if f.Key == "by_type.咨询" {
				name, f.Definition = "各类型受理量", "统计期内受理的各诉求类型工单数。"
			}
			fmt.Fprintf(w, "  %s：%s\n", name, f.Definition)
		}
	}
	fmt.Fprintf(w, "  同比：%s\n", stats.GrowthDefinition)
	fmt.Fprintln(w, "  “—”表示分母为 0，无法计算。")
}

// displayWidth counts East Asian wide characters as two columns.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x1100 && (r <= 0x115f || (r >= 0x2e80 && r <= 0xa4cf) || (r >= 0xac00 && r <= 0xd7a3) || (r >= 0xf900 && r <= 0xfaff) || (r >= 0xfe30 && r <= 0xfe4f) || (r >= 0xff00 && r <= 0xff60) || (r >= 0xffe0 && r <= 0xffe6)) {
			n += 2
		} else {
			n++
		}
	}
	return n
}

func padRight(s string, w int) string { return s + strings.Repeat(" ", max(0, w-displayWidth(s))) }

func padLeft(s string, w int) string { return strings.Repeat(" ", max(0, w-displayWidth(s))) + s }
