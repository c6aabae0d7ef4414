package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"strings"

	"govdesk/internal/config"
	"govdesk/internal/knowledge"
	"govdesk/internal/stats"
	"govdesk/internal/store"
)

func kbFirstCallCmd() *command {
	var format, from, to string
	var threshold float64
	return &command{
		name: "first-call", args: "--from YYYY-MM-DD --to YYYY-MM-DD [--threshold 70] [--format json|table]",
		en: "First-call resolution rate of 咨询 orders per unit (owner of their category); units under the threshold flagged with their most-asked unanswered categories.",
		zh: "各单位咨询类工单一次性解答率（按诉求分类的默认承办单位归属），低于阈值的单位标出，并列出未能当场解答最多的分类。",
		flags: func(e *env, fs *flag.FlagSet) {
			e.dbFlag(fs)
			formatFlag(fs, &format)
			fs.StringVar(&from, "from", "", "first date received (included) / 开始日期")
			fs.StringVar(&to, "to", "", "last date received (included) / 结束日期")
			fs.Float64Var(&threshold, "threshold", knowledge.DefaultFirstCallThreshold, "flag units under this percent / 预警阈值（百分比）")
		},
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
			if len(args) > 0 {
				return usagef("unexpected arguments / 多余的参数")
			}
			if err := checkFormat(format); err != nil {
				return err
			}
			if from == "" || to == "" {
				return usagef("--from and --to are required / 请提供 --from 和 --to")
			}
			p, err := stats.DatePeriod(from, to)
			if err != nil {
				return err
			}
			return e.withServices(ctx, func(ctx context.Context, s *services, _ config.Config) error {
				rates, err := knowledge.FirstCall(ctx, &store.Knowledge{DB: s.db}, p.From, p.To, threshold)
				if err != nil {
					return err
				}
				if format == "json" {
					return json.NewEncoder(e.stdout).Encode(map[string]any{"threshold": threshold, "units": rates})
				}
				fmt.Fprintf(e.stdout, "咨询类工单一次性解答率（%s 至 %s，阈值 %.0f%%）\n", from, to, threshold)
				for _, r := range rates {
					mark := ""
					if r.Flagged {
						var t []string
						for _, c := range r.Categories {
							t = append(t, fmt.Sprintf("%s（%d）", c.Category, c.Unanswered))
						}
						mark = "  ⚠ 低于阈值；未解答较多：" + strings.Join(t, "、")
					}
					fmt.Fprintf(e.stdout, "%s\t%s\t%d/%d\t%s%s\n", r.UnitCode, r.UnitName, r.Resolved, r.Consults, pct(r.Percent), mark)
				}
				return nil
			})
		},
	}
}
