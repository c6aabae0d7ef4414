// Package stats computes the figures of SPEC §9 (the 12345 hotline figures; later
// the §6 rates), one definition each: every figure carries the Chinese text a
// person reads beside it and the workorder.Filter that lists exactly the orders it
// counts (its drill-down).
//
// It is plain Go over values and a clock: it imports app, workday and workorder and
// never net/http, database/sql or store. The counting SQL lives in store behind the
// Source interface declared here; cli wires the two.
package stats
