// Package workorder owns the 12345 work orders (工单): their fields, states and
// transition table, and the SLA policies (办理时限) that give each order its limits.
//
// It is plain Go over values and a clock: it imports app and workday and never
// net/http, database/sql or store; persistence goes through interfaces that store implements.
package workorder
