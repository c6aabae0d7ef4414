package cli

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"strconv"
	"sync"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/asset"
	"govdesk/internal/config"
	"govdesk/internal/evaluation"
	"govdesk/internal/selfeval"
	"govdesk/internal/sheet"
	"govdesk/internal/stats"
)

// moduleCache keeps each year's module figures for ttl.
type moduleCache struct {
	s    *services
	ttl  time.Duration
	mu   sync.Mutex
	at   map[int]time.Time
	mods map[int]selfeval.Modules
}

func (c *moduleCache) get(ctx context.Context, year int) (selfeval.Modules, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if m, ok := c.mods[year]; ok && time.Since(c.at[year]) < c.ttl {
		return m, nil
	}
	m, err := selfevalModules(ctx, c.s, year)
	if err != nil {
		return nil, err
	}
	c.mods[year], c.at[year] = m, time.Now()
	return m, nil
}

// selfevalModules gathers the year's figures from the other modules through their own
// statistics (the definitions live there): the catalogue as it stands, the year's hotline
// orders, 好差评, cases and terminals, and the asset register.
func selfevalModules(ctx context.Context, s *services, year int) (selfeval.Modules, error) {
	p, err := stats.DatePeriod(fmt.Sprintf("%d-01-01", year), fmt.Sprintf("%d-12-31", year))
	if err != nil {
		return nil, err
	}
	m := selfeval.Modules{}
	items, err := catalogService(s).Items(ctx)
	if err != nil {
		return nil, err
	}
	m.AddCatalog(stats.CatalogFigures(items))
	h, err := statsService(s).Hotline(ctx, p)
	if err != nil {
		return nil, err
	}
	m.AddHotline(&h)
	evs, err := evaluationService(s).Evaluations(ctx, evaluation.Filter{From: p.From, To: p.To})
	if err != nil {
		return nil, err
	}
	m.AddEvaluations(stats.EvaluationFigures(evs))
	cases, err := catalogService(s).Cases(ctx, p.From, p.To)
	if err != nil {
		return nil, err
	}
	m.AddCases(stats.CaseFigures(cases))
	av, err := s.assets.Availability(ctx, asset.Period{From: p.From, To: p.To})
	if err != nil {
		return nil, err
	}
	m.AddDevices(av.Total)
	reg, err := s.assets.Register(ctx)
	if err != nil {
		return nil, err
	}
	m.AddRegister(reg)
	return m, nil
}

// selfevalReportCmd is `govdesk selfeval report --input FILE | --year YYYY --out FILE.docx [--table FILE.xlsx] [--draft]`.
func selfevalReportCmd() *command {
	var input, year, out, table string
	var draft bool
	return &command{
		name: "report", args: "--input FILE | --year YYYY --out FILE.docx [--table FILE.xlsx] [--draft]",
		en: "Write the self-evaluation report (.docx, sections 一 to 六) and the scored table (.xlsx), from a YAML file or from " +
			"the year's data in the database. Refused (exit 1, listing them) while findings are neither fixed nor accepted with a " +
			"reason; --draft writes a report marked as a draft anyway.",
		zh: "生成绩效自评报告（.docx，一至六部分）和自评表（.xlsx），数据来自 YAML 文件或数据库中该年度的数据。" +
			"存在既未修正、也未说明理由接受的问题时拒绝生成（返回 1 并列出问题）；--draft 仍生成标明“草稿”的报告。",
		flags: func(e *env, fs *flag.FlagSet) {
			e.dbFlag(fs)
			fs.StringVar(&input, "input", "", "self-evaluation YAML file (SPEC §10) / 自评 YAML 文件")
			fs.StringVar(&year, "year", "", "year of the self-evaluation in the database / 数据库中的自评年度")
			fs.StringVar(&out, "out", "", "report file to write (.docx) / 报告文件（.docx）")
			fs.StringVar(&table, "table", "", "scored table to write (.xlsx) / 自评表文件（.xlsx）")
			fs.BoolVar(&draft, "draft", false, "write a report marked as a draft despite open findings / 存在未处理问题时仍生成草稿")
		},
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
			if len(args) > 0 || (input == "") == (year == "") || out == "" {
				return usagef("give --input FILE or --year YYYY, and --out FILE.docx / 须提供 --input 或 --year 之一，以及 --out")
			}
			opt := selfeval.ReportOptions{Draft: draft}
			var doc, book bytes.Buffer
			var tab *bytes.Buffer
			if table != "" {
				tab = &book
			}
			var ev *selfeval.Evaluation
			if input != "" {
				f, err := os.Open(input)
				if err != nil {
					return app.Invalid("无法打开自评文件 %s", input).WithDetail("cannot open the self-evaluation file %s: %v", input, err)
				}
				in, err := selfeval.Parse(f)
				f.Close()
				if err != nil {
					return err
				}
				ev = selfeval.FromInput(in)
				if err := selfeval.WriteReport(&doc, ev, nil, opt); err != nil {
					return err
				}
				if tab != nil {
					if err := selfeval.WriteTable(tab, ev); err != nil {
						return err
					}
				}
			} else {
				y, err := strconv.Atoi(year)
				if err != nil || y < 2000 || y > 2100 {
					return usagef("--year must be a year such as 2022 / --year 应为年份，如 2022")
				}
				opt.Filled = time.Now().In(app.Shanghai).Format("2006年1月2日")
				err = e.withServices(ctx, func(ctx context.Context, s *services, _ config.Config) error {
					var werr error
					if tab != nil {
						ev, werr = selfevalService(s).Report(ctx, y, &doc, tab, opt)
					} else {
						ev, werr = selfevalService(s).Report(ctx, y, &doc, nil, opt)
					}
					return werr
				})
				if err != nil {
					return err
				}
			}
			if err := os.WriteFile(out, doc.Bytes(), 0o644); err != nil {
				return app.Invalid("无法写入 %s", out).WithDetail("cannot write %s: %v", out, err)
			}
			if tab != nil {
				if err := os.WriteFile(table, book.Bytes(), 0o644); err != nil {
					return app.Invalid("无法写入 %s", table).WithDetail("cannot write %s: %v", table, err)
				}
			}
			status := "可报送"
			if n := len(ev.Open()); n > 0 {
				status = fmt.Sprintf("草稿：尚有 %d 个未处理的问题", n)
			}
			fmt.Fprintf(e.stdout, "已生成 %s（总分 %s，等级 %s，%s）\n", out, ev.Total, ev.Grade, status)
			if tab != nil {
				fmt.Fprintf(e.stdout, "已生成 %s\n", table)
			}
			return nil
		},
	}
}

// selfevalAcceptCmd is `govdesk selfeval accept --year YYYY --code CODE --figure NAME --reason TEXT`.
func selfevalAcceptCmd() *command {
	var year int
	var code, figure, reason string
	return &command{
		name: "accept", args: "--year YYYY --code CODE --figure NAME --reason TEXT",
		en: "Accept a finding of the year's self-evaluation with a reason, so that it no longer blocks filing.",
		zh: "说明理由接受本年度自评中的一个问题，使其不再阻止报送。",
		flags: func(e *env, fs *flag.FlagSet) {
			e.dbFlag(fs)
			fs.IntVar(&year, "year", 0, "year / 年度")
			fs.StringVar(&code, "code", "", "finding code, e.g. target_claim_false / 问题代码")
			fs.StringVar(&figure, "figure", "", "the finding's figure, as `selfeval report` lists it / 问题所涉数字")
			fs.StringVar(&reason, "reason", "", "why it is accepted / 接受理由")
		},
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
			if len(args) > 0 || year == 0 || code == "" || figure == "" {
				return usagef("--year, --code and --figure are required / 必须提供 --year、--code 和 --figure")
			}
			return e.withServices(ctx, func(ctx context.Context, s *services, _ config.Config) error {
				if err := selfevalService(s).AcceptAs(ctx, year, code, figure, reason); err != nil {
					return err
				}
				fmt.Fprintf(e.stdout, "已接受问题 [%s] %s\n", code, figure)
				return nil
			})
		},
	}
}

// selfevalTableCmd is `govdesk selfeval table [--import FILE | --export FILE | --reset]`: the
// indicator table as configuration.
func selfevalTableCmd() *command {
	var imp, exp string
	var reset bool
	return &command{
		name: "table", args: "[--import FILE.xlsx|.csv | --export FILE.xlsx | --reset]",
		en: "Show, export, replace (a city's own table: 编码, 一级指标, 二级指标, 三级指标, 分值, 评分规则, 满分比例, 每项分值, 分档, 数据来源) " +
			"or reset to the province's default the indicator table the self-evaluation is scored by.",
		zh: "查看、导出、替换（本市指标表，表头：编码、一级指标、二级指标、三级指标、分值、评分规则、满分比例、每项分值、分档、数据来源）" +
			"或恢复为省默认的绩效自评指标表。",
		flags: func(e *env, fs *flag.FlagSet) {
			e.dbFlag(fs)
			fs.StringVar(&imp, "import", "", "a city's own indicator table to use / 导入本市指标表")
			fs.StringVar(&exp, "export", "", "write the table in use to FILE.xlsx / 导出当前指标表")
			fs.BoolVar(&reset, "reset", false, "go back to the province's default table / 恢复省默认指标表")
		},
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
			n := 0
			for _, set := range []bool{imp != "", exp != "", reset} {
				if set {
					n++
				}
			}
			if len(args) > 0 || n > 1 {
				return usagef("give at most one of --import, --export, --reset / --import、--export、--reset 只能选一个")
			}
			return e.withServices(ctx, func(ctx context.Context, s *services, _ config.Config) error {
				svc := selfevalService(s)
				switch {
				case imp != "":
					tab, err := sheet.ReadFile(imp, selfeval.TableSpec)
					if err != nil {
						return err
					}
					rows, bad := selfeval.ParseTable(tab)
					if len(bad) > 0 {
						errs := &sheet.Errors{List: bad}
						fmt.Fprintln(e.stderr, errs.Text())
						return errs.Err()
					}
					if err := svc.ReplaceTable(ctx, rows); err != nil {
						return err
					}
				case reset:
					if err := svc.ReplaceTable(ctx, nil); err != nil {
						return err
					}
				}
				rows, custom, err := svc.Store.Table(ctx)
				if err != nil {
					return err
				}
				if exp != "" {
					f, err := os.Create(exp)
					if err != nil {
						return app.Invalid("无法写入 %s", exp).WithDetail("cannot write %s: %v", exp, err)
					}
					defer f.Close()
					if err := sheet.WriteXLSX(f, selfeval.TableHeaders(), selfeval.TableRows(rows)); err != nil {
						return err
					}
				}
				fmt.Fprintln(e.stdout, selfeval.TableSummary(rows, custom))
				return nil
			})
		},
	}
}
