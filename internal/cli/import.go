package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"

	"govdesk/internal/account"
	"govdesk/internal/app"
	"govdesk/internal/asset"
	"govdesk/internal/catalog"
	"govdesk/internal/config"
	"govdesk/internal/evaluation"
	"govdesk/internal/project"
	"govdesk/internal/selfeval"
	"govdesk/internal/sheet"
	"govdesk/internal/workorder"
)

// importer is one kind of `govdesk import`: the file's headers and what to do with its rows.
type importer struct {
	spec sheet.Spec
	run  func(ctx context.Context, s *services, tab *sheet.Table, skipInvalid bool) (importResult, []sheet.RowError, error)
}

// importResult is what an import reports: the counts of SPEC §13 and, for stderr, the
// regions and categories it created.
type importResult struct {
	account.ImportSummary
	CreatedRegions, CreatedCategories []string
}

// importers lists the kinds of import; later modules add theirs here.
func importers() map[string]importer {
	return map[string]importer{
		"units": {spec: account.UnitSpec, run: func(ctx context.Context, s *services, tab *sheet.Table, skip bool) (importResult, []sheet.RowError, error) {
			sum, bad, err := s.accounts.ImportUnits(ctx, tab, skip)
			return importResult{ImportSummary: sum}, bad, err
		}},
		"orders": {spec: workorder.OrderSpec, run: importOrders},
		"items":  {spec: catalog.ItemSpec, run: importItems},
		"cases":  {spec: catalog.CaseSpec, run: importCases},

		// assets and devices (SPEC §8)
		"assets":  {spec: asset.AssetSpec, run: importAssets},
		"devices": {spec: asset.DeviceSpec, run: importDevices},
		"faults":  {spec: asset.FaultSpec, run: importFaults},

		// 好差评 (SPEC §7)
		"evaluations": {spec: evaluation.Spec, run: importEvaluations},

		// knowledge base (SPEC §5)
		"articles": articlesImporter(),

		// support policies (SPEC §6.1)
		"policies": {spec: project.PolicySpec, run: importPolicies},

		// self-evaluation inputs (SPEC §10)
		"budgets": {spec: selfeval.BudgetSpec, run: importBudgets},
		"targets": {spec: selfeval.TargetSpec, run: importTargets},
	}
}

func importCmd() *command {
	var skip bool
	var mapping, errFile string
	kinds := importers()
	var names []string
	for k := range kinds {
		names = append(names, k)
	}
	sort.Strings(names)
	return &command{
		name: "import", args: "KIND FILE [--skip-invalid] [--map 源列=目标列,…] [--errors FILE]",
		en: "Import a .xlsx or .csv file (UTF-8, UTF-8 with BOM or GB18030). All-or-nothing unless --skip-invalid. Kinds: " + strings.Join(names, ", ") + ".",
		zh: "导入 .xlsx 或 .csv 文件（UTF-8、带 BOM 的 UTF-8 或 GB18030）。默认全部成功才写入；--skip-invalid 时导入正确的行，错误行写入错误文件。类型：" + strings.Join(names, "、") + "。",
		flags: func(e *env, fs *flag.FlagSet) {
			e.dbFlag(fs)
			fs.BoolVar(&skip, "skip-invalid", false, "import the good rows and write the bad ones to an error file / 跳过错误行")
			fs.StringVar(&mapping, "map", "", "header mapping for other files, e.g. 留言主题=诉求标题,留言详情=诉求内容 / 表头映射")
			fs.StringVar(&errFile, "errors", "", "where --skip-invalid writes the bad rows (default FILE.errors.csv) / 错误行输出文件")
		},
		run: func(ctx context.Context, e *env, fs *flag.FlagSet, args []string) error {
			if err := requireArgs(args, 2, "KIND FILE / 类型 文件"); err != nil {
				return err
			}
			imp, ok := kinds[args[0]]
			if !ok {
				return usagef("unknown import kind %q (one of %s) / 未知的导入类型 %q", args[0], strings.Join(names, ", "), args[0])
			}
			spec := imp.spec
			if mapping != "" {
				m, err := sheet.ParseMap(mapping)
				if err != nil {
					return err
				}
				spec.Map = m
			}
			tab, err := sheet.ReadFile(args[1], spec)
			if err != nil {
				return err
			}
			return e.withServices(ctx, func(ctx context.Context, s *services, _ config.Config) error {
				sum, bad, err := imp.run(ctx, s, tab, skip)
				if err != nil {
					if len(bad) == 0 {
						return err
					}
					fmt.Fprintln(e.stderr, (&sheet.Errors{List: bad}).Text())
					return &app.Error{Code: app.ErrorCode(err), Message: app.ErrorMessage(err),
						Detail: fmt.Sprintf("%s: %d problem(s), nothing imported", args[1], len(bad))}
				}
				if len(tab.Unknown) > 0 {
					fmt.Fprintf(e.stderr, "提示：以下列未识别，已忽略：%s\n", strings.Join(tab.Unknown, "、"))
				}
				if len(sum.CreatedRegions) > 0 {
					fmt.Fprintf(e.stderr, "提示：新建了 %d 个镇街/村居：%s\n", len(sum.CreatedRegions), strings.Join(sum.CreatedRegions, "、"))
				}
				if len(sum.CreatedCategories) > 0 {
					fmt.Fprintf(e.stderr, "提示：新建了 %d 个诉求分类：%s\n", len(sum.CreatedCategories), strings.Join(sum.CreatedCategories, "、"))
				}
				if len(bad) > 0 {
					path := errFile
					if path == "" {
						path = args[1] + ".errors.csv"
					}
					if err := writeErrorFile(path, bad); err != nil {
						return err
					}
					fmt.Fprintf(e.stderr, "提示：%d 行有错误未导入，明细已写入 %s\n", len(bad), path)
				}
				return json.NewEncoder(e.stdout).Encode(map[string]int{"imported": sum.Imported, "updated": sum.Updated, "skipped": sum.Skipped})
			})
		},
	}
}

func writeErrorFile(path string, bad []sheet.RowError) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("create error file: %w", err)
	}
	if err := sheet.WriteErrorsCSV(f, bad); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
