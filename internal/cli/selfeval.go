package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"text/tabwriter"

	"govdesk/internal/app"
	"govdesk/internal/selfeval"
)

// selfevalCmd is `govdesk selfeval check|score` over a YAML file in the shape of SPEC §10.
func selfevalCmd() *command {
	var input, format string
	flags := func(e *env, fs *flag.FlagSet) {
		fs.StringVar(&input, "input", "", "self-evaluation YAML file (SPEC §10) / 自评 YAML 文件")
		fs.StringVar(&format, "format", "table", "json or table / 输出格式：json 或 table（表格）")
	}
	load := func(args []string) (*selfeval.Input, error) {
		if len(args) > 0 || input == "" {
			return nil, usagef("--input FILE is required / 必须提供 --input 文件")
		}
		if format != "json" && format != "table" {
			return nil, usagef("--format must be json or table / --format 应为 json 或 table")
		}
		f, err := os.Open(input)
		if err != nil {
			return nil, app.Invalid("无法打开自评文件 %s", input).WithDetail("cannot open the self-evaluation file %s: %v", input, err)
		}
		defer f.Close()
		return selfeval.Parse(f)
	}
	return &command{
		name: "selfeval", en: "Performance self-evaluation (SPEC §10): consistency checks and scoring.",
		zh: "部门整体支出绩效自评：一致性校验与评分。",
		sub: []*command{{
			name: "check", args: "--input FILE [--format json|table]",
			en:    "Recompute every stated figure of the file and list each contradiction (exit 0 either way).",
			zh:    "重新计算自评文件中的每个数字并列出所有矛盾（无论有无问题均返回 0）。",
			flags: flags,
			run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
				in, err := load(args)
				if err != nil {
					return err
				}
				found := selfeval.Check(in)
				if format == "json" {
					enc := json.NewEncoder(e.stdout)
					enc.SetEscapeHTML(false)
					return enc.Encode(found)
				}
				writeFindings(e.stdout, found)
				return nil
			},
		}, {
			name: "score", args: "--input FILE [--format json|table]",
			en:    "Total the indicator scores of the file out of 100 and grade them.",
			zh:    "汇总自评文件各指标得分（满分 100）并评定等级。",
			flags: flags,
			run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
				in, err := load(args)
				if err != nil {
					return err
				}
				r := selfeval.Score(in)
				if format == "json" {
					enc := json.NewEncoder(e.stdout)
					enc.SetEscapeHTML(false)
					return enc.Encode(r)
				}
				writeScore(e.stdout, r)
				return nil
			},
		}, selfevalReportCmd(), selfevalAcceptCmd(), selfevalTableCmd()},
	}
}

func jsonText(v any) string {
	if v == nil {
		return "—"
	}
	if b, ok := v.(bool); ok {
		if b {
			return "已完成"
		}
		return "未完成"
	}
	return fmt.Sprint(v)
}

// writeFindings prints the findings as a Chinese table.
func writeFindings(w io.Writer, fs []selfeval.Finding) {
	if len(fs) == 0 {
		fmt.Fprintln(w, "校验通过：所有数字一致，未发现问题。")
		return
	}
	fmt.Fprintf(w, "校验发现 %d 个问题：\n\n", len(fs))
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "序号\t代码\t数字\t报告所写\t应为\t说明")
	for i, f := range fs {
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\n", i+1, f.Code, f.Figure, jsonText(f.Stated), jsonText(f.Expected), f.Message)
	}
	tw.Flush()
}

// writeScore prints the scored table, the total and the grade.
func writeScore(w io.Writer, r selfeval.Result) {
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "编码\t指标\t分值\t得分\t评分说明")
	for _, i := range r.Indicators {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", i.Code, i.Name, i.Weight, i.Score, i.Reasoning)
	}
	tw.Flush()
	fmt.Fprintf(w, "\n总分：%s（满分 100）；评价等级：%s\n", r.Total, r.Grade)
	if r.StatedTotal != nil && string(*r.StatedTotal) != string(r.Total) {
		fmt.Fprintf(w, "注意：文件所写总分为 %s，与各指标得分合计不符。\n", *r.StatedTotal)
	}
}
