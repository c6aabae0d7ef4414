package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"

	"time"

	"govdesk/internal/project"
	"govdesk/internal/sheet"
	"govdesk/internal/stats"
	"govdesk/internal/store"
)

// importPolicies imports support policies (headers: project.PolicyHeaders) by 政策编码.
func importPolicies(ctx context.Context, s *services, tab *sheet.Table, skip bool) (importResult, []sheet.RowError, error) {
	pols, errs := project.ParsePolicies(tab)
	var r importResult
	if errs.Len() > 0 && !skip {
		return r, errs.List, errs.Err()
	}
	now := time.Now()
	for i := range pols {
		pols[i].CreatedAt = now
	}
	created, updated, err := (&store.SupportPolicies{DB: s.db}).UpsertPolicies(ctx, pols)
	r.Imported, r.Updated, r.Skipped = created, updated, errs.Rows()
	return r, errs.List, err
}

func projectStatsCmd() *command {
	return periodStatsCmd("projects",
		"Construction-project assistance figures (SPEC §6.1): projects served, stages finished and on time, "+
			"average working days per stage, from --from to --to (both dates included, Asia/Shanghai).",
		"工程建设项目帮办代办统计：服务项目数、办结阶段数、按时办结数、按时办结率、阶段平均用时（工作日）。",
		func(ctx context.Context, e *env, s *services, p stats.Period, asJSON bool) error {
			ps, err := (&store.ProjectRecords{DB: s.db}).Projects(ctx)
			if err != nil {
				return err
			}
			sch, err := s.schedule(ctx)
			if err != nil {
				return err
			}
			r := stats.ProjectFigures(ps, p, sch)
			if asJSON {
				return json.NewEncoder(e.stdout).Encode(r)
			}
			fmt.Fprintf(e.stdout, "工程建设项目帮办代办统计：%s 至 %s\n\n", p.First(), p.Last())
			writeRows(e.stdout, [][2]string{{"projects", "服务项目数"}, {"stages_finished", "办结阶段数"},
				{"stages_on_time", "按时办结阶段数"}, {"on_time_rate", "按时办结率（%）"}, {"avg_stage_workdays", "阶段平均用时（工作日）"}},
				r, stats.ProjectDefinitions)
			return nil
		})
}

func policyStatsCmd() *command {
	return periodStatsCmd("policies",
		"Policy fulfilment figures (SPEC §6.1): policies, applications, approved, rejected, amount paid and "+
			"average working days to a decision, from --from to --to (both dates included, Asia/Shanghai).",
		"政策兑现统计：政策数、申请数、通过数、未通过数、兑付金额、平均审核用时（工作日）。",
		func(ctx context.Context, e *env, s *services, p stats.Period, asJSON bool) error {
			st := &store.SupportPolicies{DB: s.db}
			pols, err := st.Policies(ctx)
			if err != nil {
				return err
			}
			apps, err := st.Applications(ctx)
			if err != nil {
				return err
			}
			sch, err := s.schedule(ctx)
			if err != nil {
				return err
			}
			r := stats.PolicyFigures(pols, apps, p, sch)
			if asJSON {
				return json.NewEncoder(e.stdout).Encode(r)
			}
			fmt.Fprintf(e.stdout, "政策兑现统计：%s 至 %s\n\n", p.First(), p.Last())
			writeRows(e.stdout, [][2]string{{"policies", "政策数"}, {"applications", "申请数"}, {"approved", "通过数"},
				{"rejected", "未通过数"}, {"amount_paid", "兑付金额（元）"}, {"avg_workdays", "平均审核用时（工作日）"}},
				r, stats.PolicyDefinitions)
			return nil
		})
}

// writeRows prints the figures of v (through its JSON keys) as a Chinese table
// followed by their definitions; a null figure is “—”.
func writeRows(w io.Writer, rows [][2]string, v any, defs map[string]string) {
	b, _ := json.Marshal(v)
	var m map[string]any
	_ = json.Unmarshal(b, &m)
	width := 0
	for _, r := range rows {
		width = max(width, displayWidth(r[1]))
	}
	for _, r := range rows {
		val := "—"
		if x, ok := m[r[0]].(float64); ok {
			val = strconv.FormatFloat(x, 'f', -1, 64) // 5031866, not 5.031866e+06
		}
		fmt.Fprintf(w, "%s  %s\n", padRight(r[1], width), val)
	}
	fmt.Fprintln(w, "\n统计口径：")
	for _, r := range rows {
		fmt.Fprintf(w, "  %s：%s\n", r[1], defs[r[0]])
	}
	fmt.Fprintln(w, "  “—”表示分母为 0，无法计算。")
}
