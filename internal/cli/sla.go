package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"

	"govdesk/internal/app"
	"govdesk/internal/config"
	"govdesk/internal/workorder"
)

func slaCmd() *command {
	var format, from, types, note string
	var consult, other, urgent, signfor, reopen, extDays float64
	var maxReturns, maxExt int
	return &command{
		name: "sla", en: "SLA policies (time limits), versioned by effective date.", zh: "办理时限策略（按生效日期分版本）。",
		sub: []*command{
			{
				name: "list", args: "[--format text|json]",
				en: "List every policy version.", zh: "列出全部时限策略版本。",
				flags: func(e *env, fs *flag.FlagSet) {
					e.dbFlag(fs)
					fs.StringVar(&format, "format", "text", "text or json / 输出格式")
				},
				run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
					return e.withServices(ctx, func(ctx context.Context, s *services, _ config.Config) error {
						ps, err := s.policies.List(ctx)
						if err != nil {
							return err
						}
						if format == "json" {
							return json.NewEncoder(e.stdout).Encode(ps)
						}
						w := tabwriter.NewWriter(e.stdout, 2, 4, 2, ' ', 0)
						fmt.Fprintln(w, "生效日期\t咨询\t其他类型\t紧急\t签收(小时)\t重办\t退单上限\t延期次数\t说明")
						for _, p := range ps {
							fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%d\t%d\t%s\n", p.EffectiveFrom, num(p.Limits["咨询"]), otherLimits(p),
								num(p.UrgentDays), num(p.SignForHours), num(p.ReopenDays), p.MaxReturns, p.MaxExtensions, p.Note)
						}
						return w.Flush()
					})
				},
			},
			{
				name: "set", args: "--from YYYY-MM-DD [--consult D] [--other D] [--types 投诉=10,举报=5] [--urgent D] [--signfor H] …",
				en: "Add (or replace) the policy version effective from a date; unspecified values are taken from the version in force at that date.",
				zh: "新增（或替换）自某日起生效的时限策略；未指定的值沿用该日期原有的策略。",
				flags: func(e *env, fs *flag.FlagSet) {
					e.dbFlag(fs)
					fs.StringVar(&from, "from", "", "effective date / 生效日期")
					fs.Float64Var(&consult, "consult", 0, "limit of 咨询 in working days / 咨询时限（工作日）")
					fs.Float64Var(&other, "other", 0, "limit of every other type / 其他类型时限（工作日）")
					fs.StringVar(&types, "types", "", "limits of single types, e.g. 投诉=10,举报=5 / 单独设置某类型时限")
					fs.Float64Var(&urgent, "urgent", 0, "limit of urgent orders / 紧急件时限（工作日）")
					fs.Float64Var(&signfor, "signfor", 0, "sign-for limit in working hours / 签收时限（工作小时）")
					fs.Float64Var(&reopen, "reopen", 0, "limit after a reopening / 重办时限（工作日）")
					fs.IntVar(&maxReturns, "max-returns", -1, "returns before final assignment / 退单次数上限")
					fs.IntVar(&maxExt, "max-extensions", -1, "extensions an order may get / 延期次数上限")
					fs.Float64Var(&extDays, "max-extension-days", 0, "working days one extension may add / 单次延期天数上限")
					fs.StringVar(&note, "note", "", "note / 说明")
				},
				run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
					if len(args) > 0 || from == "" {
						return usagef("--from is required / 必须提供 --from")
					}
					day, err := app.ParseDate(from)
					if err != nil {
						return err
					}
					return e.withServices(ctx, func(ctx context.Context, s *services, _ config.Config) error {
						p, err := s.policies.At(ctx, day)
						if err != nil && app.ErrorCode(err) != app.ENotFound {
							return err
						}
						p = applyPolicyFlags(p, from, consult, other, urgent, signfor, reopen, extDays, maxReturns, maxExt, note)
						if types != "" {
							if err := applyTypeLimits(&p, types); err != nil {
								return err
							}
						}
						if err := s.policies.Set(ctx, p); err != nil {
							return err
						}
						fmt.Fprintf(e.stdout, "已保存自 %s 起生效的办理时限策略\n", p.EffectiveFrom)
						return nil
					})
				},
			},
		},
	}
}

func applyPolicyFlags(p workorder.Policy, from string, consult, other, urgent, signfor, reopen, extDays float64, maxReturns, maxExt int, note string) workorder.Policy {
	limits := map[string]float64{}
	for k, v := range p.Limits {
		limits[k] = v
	}
	for _, t := range workorder.Types {
		if t == "咨询" && consult > 0 {
			limits[t] = consult
		} else if t != "咨询" && other > 0 {
			limits[t] = other
		}
	}
	p.ID, p.EffectiveFrom, p.Limits = 0, from, limits
	set := func(dst *float64, v float64) {
		if v > 0 {
			*dst = v
		}
	}
	set(&p.UrgentDays, urgent)
	set(&p.SignForHours, signfor)
	set(&p.ReopenDays, reopen)
	set(&p.MaxExtensionDays, extDays)
	if maxReturns >= 0 {
		p.MaxReturns = maxReturns
	}
	if maxExt >= 0 {
		p.MaxExtensions = maxExt
	}
	p.Note = note
	return p
}

func applyTypeLimits(p *workorder.Policy, spec string) error {
	for _, pair := range strings.FieldsFunc(spec, func(r rune) bool { return r == ',' || r == '，' }) {
		k, v, ok := strings.Cut(strings.ReplaceAll(pair, "＝", "="), "=")
		d, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if !ok || err != nil || !workorder.ValidType(strings.TrimSpace(k)) {
			return app.Invalid("--types 的写法错误：%q，应为 类型=工作日数，如 投诉=10", pair).WithDetail("--types: bad entry %q, want TYPE=WORKDAYS such as 投诉=10", pair)
		}
		p.Limits[strings.TrimSpace(k)] = d
	}
	return nil
}

func num(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// otherLimits shows the limit shared by the non-咨询 types, or each one when they differ.
func otherLimits(p workorder.Policy) string {
	var parts []string
	same := true
	first := p.Limits[workorder.Types[1]]
	for _, t := range workorder.Types[1:] {
		parts = append(parts, t+"="+num(p.Limits[t]))
		same = same && p.Limits[t] == first
	}
	if same {
		return num(first)
	}
	return strings.Join(parts, ",")
}
