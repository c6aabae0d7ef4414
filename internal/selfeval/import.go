package selfeval

import (
	"math/big"
	"strconv"
	"strings"

	"govdesk/internal/sheet"
)

// Budget import headers.
const (
	colYear       = "年度"
	colUnit       = "部门名称"
	colAuthorized = "编制数"
	colStaff      = "实有人数"
)

// budgetColumns are the amount columns of a budget file, in the order of Budget.Amounts.
var budgetColumns = []string{"年初预算", "调整预算", "决算收入", "决算支出", "公用经费预算", "公用经费决算", "三公经费预算", "三公经费决算"}

// BudgetSpec is the header specification of a budgets file (one row per year, amounts in 元
// or with a 万元 suffix; an empty cell keeps what is stored).
var BudgetSpec = sheet.Spec{Required: []string{colYear}, Optional: append([]string{colUnit, colAuthorized, colStaff}, budgetColumns...)}

// Target import headers.
const (
	colProject    = "项目"
	colIndicator  = "指标名称"
	colComparator = "比较方式"
	colTarget     = "目标值"
	colActual     = "实际值"
	colTargetUnit = "单位"
	colSource     = "数据来源"
	colAchieved   = "是否完成"
)

// TargetSpec is the header specification of a targets file; the key is 年度 + 项目 + 指标名称.
var TargetSpec = sheet.Spec{Required: []string{colYear, colIndicator, colTarget},
	Optional: []string{colProject, colComparator, colActual, colTargetUnit, colSource, colAchieved}}

// ParseAmount reads an amount cell exactly: "3432300.00", "3,432,300.00", "¥18.63万" or
// "343.23万元" (converted to 元).
func ParseAmount(s string) (Num, bool) {
	if _, err := sheet.ParseNumber(strings.TrimSuffix(strings.TrimSuffix(strings.TrimSpace(s), "元"), "万")); err != nil {
		return Num{}, false
	}
	t := strings.TrimSpace(s)
	t = strings.TrimSuffix(t, "元")
	wan := strings.HasSuffix(t, "万")
	t = strings.TrimSuffix(t, "万")
	t = strings.NewReplacer(",", "", "¥", "", "￥", "", "，", "").Replace(strings.TrimSpace(t))
	n, err := ParseNum(t)
	if err != nil {
		return Num{}, false
	}
	if wan {
		r := new(big.Rat).Mul(n.Rat, big.NewRat(10000, 1))
		return NumOf(r, minDecimals(r)), true
	}
	return n, true
}

func parseYear(errs *sheet.Errors, r sheet.Row) int {
	v := r.Get(colYear)
	y, err := strconv.Atoi(strings.TrimSuffix(v, "年"))
	if err != nil || y < 2000 || y > 2100 {
		errs.Add(r.Num, colYear, v, "年度应为 2000 至 2100 之间的年份，如 2022")
		return 0
	}
	return y
}

// ParseBudgets reads every row of a budgets table; rows with errors are reported, not returned.
func ParseBudgets(tab *sheet.Table) ([]Budget, []sheet.RowError) {
	var errs sheet.Errors
	var out []Budget
	seen := sheet.Unique{}
	for _, r := range tab.Rows {
		n := errs.Len()
		b := Budget{Year: parseYear(&errs, r), Unit: r.Get(colUnit)}
		if b.Year != 0 {
			seen.Check(&errs, r.Num, colYear, colYear, strconv.Itoa(b.Year), r.Get(colYear))
		}
		for i, a := range b.Amounts() {
			col := budgetColumns[i]
			if v := r.Get(col); v != "" {
				amt, ok := ParseAmount(v)
				if !ok || amt.Rat.Sign() < 0 {
					errs.Add(r.Num, col, v, "金额应为不小于 0 的数字（元，或带“万元”）")
					continue
				}
				*a.Value = &amt
			}
		}
		for _, c := range []struct {
			col string
			dst **int
		}{{colAuthorized, &b.Authorized}, {colStaff, &b.Staff}} {
			if v := r.Get(c.col); v != "" {
				k, err := strconv.Atoi(strings.TrimSuffix(v, "人"))
				if err != nil || k < 0 {
					errs.Add(r.Num, c.col, v, "人数应为不小于 0 的整数")
					continue
				}
				*c.dst = &k
			}
		}
		if errs.Len() == n {
			out = append(out, b)
		}
	}
	return out, errs.List
}

// metricOf finds a metric by key or Chinese name.
func metricOf(s string) (string, bool) {
	if s == "" || s == ModuleManual {
		return "", true
	}
	for _, m := range Metrics {
		if m.Key == s || m.Name == s {
			return m.Key, true
		}
	}
	return "", false
}

// ParseTargets reads every row of a targets table.
func ParseTargets(tab *sheet.Table) ([]PerfTarget, []sheet.RowError) {
	var errs sheet.Errors
	var out []PerfTarget
	seen := map[string]int{}
	for _, r := range tab.Rows {
		n := errs.Len()
		t := PerfTarget{Year: parseYear(&errs, r), Project: r.Get(colProject), Name: r.Get(colIndicator),
			Comparator: r.Get(colComparator), Unit: r.Get(colTargetUnit)}
		if t.Comparator == "" {
			t.Comparator = ">="
		}
		t.Comparator = strings.NewReplacer("≥", ">=", "≤", "<=", "＞", ">", "＜", "<", "＝", "=").Replace(t.Comparator)
		if t.Name == "" {
			errs.Add(r.Num, colIndicator, "", "指标名称不能为空")
		}
		key := strconv.Itoa(t.Year) + "|" + t.Project + "|" + t.Name
		if first, dup := seen[key]; dup {
			errs.Add(r.Num, colIndicator, t.Name, "与第"+strconv.Itoa(first)+"行的年度、项目和指标名称重复")
		}
		seen[key] = r.Num
		if !validRelation(t.Comparator) {
			errs.Add(r.Num, colComparator, r.Get(colComparator), "比较方式应为 >=、<=、>、<、= 之一")
		}
		if v, err := ParseNum(r.Get(colTarget)); err != nil {
			errs.Add(r.Num, colTarget, r.Get(colTarget), "目标值应为数字")
		} else {
			t.Target = v
		}
		if v := r.Get(colActual); v != "" {
			if a, err := ParseNum(v); err != nil {
				errs.Add(r.Num, colActual, v, "实际值应为数字")
			} else {
				t.Actual = &a
			}
		}
		if m, ok := metricOf(r.Get(colSource)); ok {
			t.Metric = m
		} else {
			errs.Add(r.Num, colSource, r.Get(colSource), "数据来源未知（应为系统指标名称，或留空表示手工填报）")
		}
		if v := r.Get(colAchieved); v != "" {
			b, err := sheet.ParseBool(v)
			if err != nil {
				errs.Add(r.Num, colAchieved, v, "是否完成应填“是”或“否”")
			} else {
				t.Achieved = &b
			}
		}
		if errs.Len() == n {
			out = append(out, t)
		}
	}
	return out, errs.List
}
