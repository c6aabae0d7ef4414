// Package selfeval owns the performance self-evaluation of SPEC §10 (部门整体支出绩效自评):
// the YAML shape a report can be written in, the consistency checks (校验) that recompute
// every stated figure, and the scoring of the indicator table (rules, total, grade).
//
// It is plain Go over values: besides app it imports stats and asset (the figures the
// modules report), and document and sheet (writing the report and its table); never
// net/http, database/sql or store. Numbers are exact (math/big.Rat) and read with the decimals they
// are written with, so that a stated 20.00 and a stated 20 are checked to their own precision.
package selfeval
