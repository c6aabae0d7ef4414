package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"strconv"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/config"
	"govdesk/internal/evaluation"
	"govdesk/internal/sheet"
	"govdesk/internal/stats"
)

func importEvaluations(ctx context.Context, s *services, tab *sheet.Table, skip bool) (importResult, []sheet.RowError, error) {
	sum, bad, err := evaluationService(s).ImportEvaluations(ctx, tab, skip)
	var r importResult
	r.Imported, r.Updated, r.Skipped = sum.Imported, sum.Updated, sum.Skipped
	return r, bad, err
}

// flagOverdueRectifications is the scheduler job that flags overdue rectifications.
func flagOverdueRectifications(ctx context.Context, s *services) (string, error) {
	n, err := evaluationService(s).FlagOverdue(ctx)
	return fmt.Sprintf("%d rectifications flagged overdue", n), err
}

func evaluationStatsCmd() *command {
	return periodStatsCmd("evaluations",
		"好差评 figures of the evaluations made from --from to --to (both included); the table adds the monthly composite and rankings.",
		"好差评统计：评价日期在 --from 至 --to 之间（含两端）的评价数、好评率、差评数、整改情况、平均分；表格另列月度综合评分及单位、窗口排名。",
		func(ctx context.Context, e *env, s *services, p stats.Period, asJSON bool) error {
			evs, err := evaluationService(s).Evaluations(ctx, evaluation.Filter{From: p.From, To: p.To})
			if err != nil {
				return err
			}
			f := stats.EvaluationFigures(evs)
			if asJSON {
				return json.NewEncoder(e.stdout).Encode(f)
			}
			w := e.stdout
			fmt.Fprintf(w, "好差评统计：%s 至 %s\n评价总数\t%d\n好评率\t%s\n差评数\t%d\n差评整改率\t%s\n按时整改\t%d\n平均分\t%s\n\n",
				p.First(), p.Last(), f.Total, pct(f.GoodRate), f.Bad, pct(f.RectificationRate), f.RectifiedOnTime, decimal2(f.AvgScore))
			fmt.Fprintf(w, "月度综合评分（%s）\n", stats.EvaluationDefinitions["composite"])
			for _, m := range stats.MonthlyComposite(evs) {
				fmt.Fprintf(w, "%s\t%s 分\t（%d 条，平均分 %s）\n", m.Name, decimal2(m.Composite), m.Total, decimal2(m.AvgScore))
			}
			for _, g := range []struct {
				title string
				list  []stats.Score
			}{{"单位排名", stats.RankByUnit(evs)}, {"窗口排名", stats.RankByWindow(evs)}} {
				fmt.Fprintf(w, "\n%s\n", g.title)
				for i, sc := range g.list {
					fmt.Fprintf(w, "%d\t%s\t%s 分\t%d 条\t好评率 %s\t差评 %d\n", i+1, sc.Name, decimal2(sc.Composite), sc.Total, pct(sc.GoodRate), sc.Bad)
				}
			}
			return nil
		})
}

func decimal2(v *float64) string {
	if v == nil {
		return "—"
	}
	return strconv.FormatFloat(*v, 'f', 2, 64)
}

// rectificationCmd is `govdesk rectification list|verify|rectify|close`.
func rectificationCmd() *command {
	var open bool
	var result, note, action, feedback, as string
	step := func(name, args, en, zh string, flags func(fs *flag.FlagSet), do func(ctx context.Context, svc *evaluation.Service, id int64) error) *command {
		return &command{name: name, args: args + " [--as USER]", en: en, zh: zh,
			flags: func(e *env, fs *flag.FlagSet) {
				e.dbFlag(fs)
				fs.StringVar(&as, "as", "", "the user who does the step (default: system admin, who may only close) / 办理人用户名")
				flags(fs)
			},
			run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
				if err := requireArgs(args, 1, "EVALUATION-ID / 评价ID"); err != nil {
					return err
				}
				id, err := strconv.ParseInt(args[0], 10, 64)
				if err != nil {
					return usagef("EVALUATION-ID must be a number / 评价ID应为数字")
				}
				return e.withServices(ctx, func(ctx context.Context, s *services, _ config.Config) error {
					ctx, err := actAs(ctx, s, as)
					if err != nil {
						return err
					}
					if err := do(ctx, evaluationService(s), id); err != nil {
						return err
					}
					fmt.Fprintln(e.stdout, "已保存")
					return nil
				})
			}}
	}
	return &command{
		name: "rectification", en: "差评 rectifications: list, verify, rectify, close.", zh: "差评整改：列表、核实、整改、办结（仅中心）。",
		sub: []*command{
			{name: "list", args: "[--open]", en: "List the rectifications with their deadlines.", zh: "列出差评整改及其期限。",
				flags: func(e *env, fs *flag.FlagSet) {
					e.dbFlag(fs)
					fs.BoolVar(&open, "open", false, "only those not closed / 仅未办结")
				},
				run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
					return e.withServices(ctx, func(ctx context.Context, s *services, _ config.Config) error {
						evs, err := evaluationService(s).Evaluations(ctx, evaluation.Filter{BadOnly: true, OpenOnly: open})
						if err != nil {
							return err
						}
						for _, ev := range evs {
							r := ev.Rect
							late := ""
							if r.Late(time.Now()) || r.Overdue {
								late = "\t逾期"
							}
							fmt.Fprintf(e.stdout, "%d\t%s\t%s\t%s\t核实期限 %s\t整改期限 %s\t%s%s\n", ev.ID, ev.No, ev.UnitName,
								evaluation.LevelName(ev.Score), r.VerifyDeadline.In(app.Shanghai).Format("2006-01-02 15:04"),
								r.RectifyDeadline.In(app.Shanghai).Format("2006-01-02 15:04"), r.Status(), late)
						}
						return nil
					})
				}},
			step("verify", "EVALUATION-ID --result 属实|不属实 [--note TEXT]", "Record the verification (the owner unit's handler or unit admin, --as).", "登记核实结果（责任单位承办人或单位管理员，用 --as 指定）。",
				func(fs *flag.FlagSet) {
					fs.StringVar(&result, "result", "", "属实 or 不属实 / 核实结果")
					fs.StringVar(&note, "note", "", "contact with the evaluator / 联系评价人情况")
				}, func(ctx context.Context, svc *evaluation.Service, id int64) error {
					_, err := svc.Verify(ctx, id, 0, result, note)
					return err
				}),
			step("rectify", "EVALUATION-ID --action TEXT --feedback TEXT", "Record the action and feedback (the owner unit's handler or unit admin, --as).", "登记整改措施和反馈情况（责任单位承办人或单位管理员，用 --as 指定）。",
				func(fs *flag.FlagSet) {
					fs.StringVar(&action, "action", "", "action taken / 整改措施")
					fs.StringVar(&feedback, "feedback", "", "feedback given / 反馈情况")
				}, func(ctx context.Context, svc *evaluation.Service, id int64) error {
					_, err := svc.Rectify(ctx, id, 0, action, feedback)
					return err
				}),
			step("close", "EVALUATION-ID", "Close a rectified 差评 (the centre only).", "办结整改（仅服务中心）。",
				func(*flag.FlagSet) {}, func(ctx context.Context, svc *evaluation.Service, id int64) error {
					_, err := svc.Close(ctx, id, 0)
					return err
				}),
		},
	}
}
