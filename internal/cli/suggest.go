package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"

	"govdesk/internal/app"
	"govdesk/internal/config"
	"govdesk/internal/knowledge"
	"govdesk/internal/store"
	"govdesk/internal/workorder"
)

func suggester(s *services) *knowledge.Suggester {
	kb := &store.Knowledge{DB: s.db}
	return &knowledge.Suggester{Source: kb, Models: kb, Clock: app.SystemClock{}, Orders: orderQueries{s.orders}}
}

// orderQueries reads an order already received for the dispatch suggestion: its
// own text, category and town, and the units that returned it, which are never
// suggested for it again (SPEC §4.3).
type orderQueries struct{ orders *workorder.Service }

var _ knowledge.OrderSource = orderQueries{}

// SuggestQuery implements knowledge.OrderSource.
func (q orderQueries) SuggestQuery(ctx context.Context, id int64) (knowledge.Query, error) {
	o, returns, err := q.orders.OrderReturns(ctx, id)
	if err != nil {
		return knowledge.Query{}, err
	}
	return knowledge.Query{Title: o.Title, Content: o.Content, Category: o.Category, Town: o.Town,
		Exclude: workorder.ReturnedUnits(returns)}, nil
}

func suggestCmd() *command {
	var title, content, category, town, format string
	var evaluate, retrain bool
	var orderID int64
	var holdout float64
	return &command{
		name: "suggest", args: "--title … --content … [--category PATH] [--town TOWN] | --order ID [--format json|table] | --evaluate [--holdout 0.2] | --retrain",
		en: "Suggest the three units most likely to own an order, learned from closed orders (--order: an order already received, never a unit that returned it); --evaluate prints top-1/top-3 accuracy on held-out history; --retrain trains the shared model now (the scheduler does it daily).",
		zh: "根据历史已办结工单学习，推荐最可能承办该诉求的三个单位（--order：已受理的工单，不推荐退过该单的单位）；--evaluate 用最近一部分历史工单检验，输出首选与前三命中率；--retrain 立即重新训练共用的推荐模型（调度器每天自动训练）。",
		flags: func(e *env, fs *flag.FlagSet) {
			e.dbFlag(fs)
			formatFlag(fs, &format)
			fs.StringVar(&title, "title", "", "order title / 诉求标题")
			fs.StringVar(&content, "content", "", "order content / 诉求内容")
			fs.StringVar(&category, "category", "", "category path / 诉求分类")
			fs.StringVar(&town, "town", "", "the order's town (optional) / 所属镇街（可选）")
			fs.Int64Var(&orderID, "order", 0, "id of an order already received: its own text, category and town, without the units that returned it / 已受理工单的 ID")
			fs.BoolVar(&evaluate, "evaluate", false, "measure accuracy on the newest closed orders / 检验推荐准确率")
			fs.Float64Var(&holdout, "holdout", 0.2, "share of history held out by --evaluate / 检验所用的最近历史比例")
			fs.BoolVar(&retrain, "retrain", false, "retrain the shared model now / 立即重新训练推荐模型")
		},
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
			if len(args) > 0 {
				return usagef("unexpected arguments / 多余的参数")
			}
			if err := checkFormat(format); err != nil {
				return err
			}
			if evaluate && (holdout <= 0 || holdout >= 1) {
				return usagef("--holdout must be between 0 and 1 / --holdout 应在 0 与 1 之间")
			}
			return e.withServices(ctx, func(ctx context.Context, s *services, _ config.Config) error {
				if evaluate {
					return runEvaluate(ctx, e, s, holdout, format)
				}
				if retrain {
					n, err := suggester(s).RetrainNow(ctx)
					if err != nil {
						return err
					}
					if format == "json" {
						return json.NewEncoder(e.stdout).Encode(map[string]any{"trained_on": n})
					}
					fmt.Fprintf(e.stdout, "推荐模型已重新训练，学习了 %d 件已办结工单。\n", n)
					return nil
				}
				var list []knowledge.Suggestion
				var err error
				if orderID != 0 {
					list, err = suggester(s).SuggestOrder(ctx, orderID)
				} else {
					list, err = suggester(s).SuggestTown(ctx, title, content, category, town)
				}
				if err != nil {
					return err
				}
				if format == "json" {
					return json.NewEncoder(e.stdout).Encode(map[string]any{"suggestions": list})
				}
				if len(list) == 0 {
					fmt.Fprintln(e.stdout, "暂无可推荐的单位（没有已办结的历史工单，分类也未设默认承办单位）。")
				}
				for i, sg := range list {
					fmt.Fprintf(e.stdout, "%d\t%s\t%s\t%.1f%%\n", i+1, sg.UnitCode, sg.UnitName, sg.Confidence*100)
				}
				return nil
			})
		},
	}
}

func runEvaluate(ctx context.Context, e *env, s *services, holdout float64, format string) error {
	src := &store.Knowledge{DB: s.db}
	ex, err := src.TrainingExamples(ctx, 1<<30)
	if err != nil {
		return err
	}
	defs, err := src.CategoryDefaults(ctx)
	if err != nil {
		return err
	}
	if len(ex) < 10 {
		return app.Invalid("已办结且有承办单位的历史工单只有 %d 件，不足以检验（至少 10 件）", len(ex)).
			WithDetail("only %d closed orders with a unit, at least 10 are needed to evaluate", len(ex))
	}
	acc := knowledge.Evaluate(ex, defs, holdout)
	if format == "json" {
		return json.NewEncoder(e.stdout).Encode(acc)
	}
	fmt.Fprintf(e.stdout, "用较早的 %d 件工单训练，检验最近的 %d 件：首选命中率 %.1f%%，前三命中率 %.1f%%\n", acc.Train, acc.Test, acc.Top1, acc.Top3)
	return nil
}

// retrainSuggestions is the scheduler's daily job: it trains the dispatch
// suggestion model once and stores it, and every process loads it from there.
func retrainSuggestions(ctx context.Context, s *services) (string, error) {
	n, err := suggester(s).RetrainNow(ctx)
	return fmt.Sprintf("suggestion model trained on %d closed orders", n), err
}
