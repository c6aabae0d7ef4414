package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"strings"

	"govdesk/internal/config"
)

func kbSynonymsCmd() *command {
	var set string
	var reset bool
	return &command{
		name: "synonyms", args: `[--set "饭店 餐馆 餐饮;投诉 举报 反映" | --reset]`,
		en: "Show the search synonym groups, or replace them (groups separated by ';', words by spaces); --reset restores the built-in groups.",
		zh: "查看检索用的同义词组，或整体替换（组之间用分号，词之间用空格）；--reset 恢复内置同义词。",
		flags: func(e *env, fs *flag.FlagSet) {
			e.dbFlag(fs)
			fs.StringVar(&set, "set", "", "new groups / 新的同义词组")
			fs.BoolVar(&reset, "reset", false, "restore the built-in groups / 恢复内置同义词")
		},
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
			if len(args) > 0 {
				return usagef("unexpected arguments / 多余的参数")
			}
			return e.withServices(ctx, func(ctx context.Context, s *services, _ config.Config) error {
				svc := knowledgeService(s)
				if set != "" || reset {
					var groups [][]string
					for _, g := range strings.FieldsFunc(set, func(r rune) bool { return r == ';' || r == '；' }) {
						groups = append(groups, strings.Fields(g))
					}
					if err := svc.SetSynonyms(ctx, groups); err != nil {
						return err
					}
				}
				groups, err := svc.SynonymGroups(ctx)
				if err != nil {
					return err
				}
				for _, g := range groups {
					fmt.Fprintln(e.stdout, strings.Join(g, " ~ "))
				}
				return nil
			})
		},
	}
}

func kbReviewDueCmd() *command {
	var format string
	return &command{
		name: "review-due", args: "[--format json|table]",
		en:    "Published articles past their review-by date, by unit, oldest first.",
		zh:    "已过复核日期、需要所属单位更新的已发布文章。",
		flags: func(e *env, fs *flag.FlagSet) { e.dbFlag(fs); formatFlag(fs, &format) },
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
			if err := checkFormat(format); err != nil {
				return err
			}
			return e.withServices(ctx, func(ctx context.Context, s *services, _ config.Config) error {
				list, err := knowledgeService(s).DueForReview(ctx, 0)
				if err != nil {
					return err
				}
				if format == "json" {
					type item struct {
						ID       int64  `json:"id"`
						Title    string `json:"title"`
						UnitCode string `json:"unit_code"`
						ReviewBy string `json:"review_by"`
					}
					out := []item{}
					for _, a := range list {
						out = append(out, item{a.ID, a.Title, a.UnitCode, a.ReviewBy.Format("2006-01-02")})
					}
					return json.NewEncoder(e.stdout).Encode(map[string]any{"items": out, "total": len(out)})
				}
				if len(list) == 0 {
					fmt.Fprintln(e.stdout, "没有过期待复核的文章。")
				}
				for _, a := range list {
					fmt.Fprintf(e.stdout, "%d\t%s\t%s\t复核日期 %s\n", a.ID, a.UnitName, a.Title, a.ReviewBy.Format("2006-01-02"))
				}
				return nil
			})
		},
	}
}
