// Package selfeval owns the performance self-evaluation of SPEC §10 (部门整体支出绩效自评):
// the YAML shape a report can be written in, the consistency checks (校验) that recompute
// every stated figure, and the scoring of the indicator table (rules, total, grade).
//
// It is plain Go over values: it imports app (and may import stats) and never net/http,
// database/sql or store. Numbers are exact (math/big.Rat) and read with the decimals they
// are written with, so that a stated 20.00 and a stated 20 are checked to their own precision.
package selfeval
