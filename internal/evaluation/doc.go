// Package evaluation owns the 政务服务“好差评” evaluations of SPEC §7 and the
// rectification (整改) every 差评 opens: the five levels, channels and targets,
// the two deadlines in working days (verify and contact the evaluator within 1,
// rectify within 15 by default, on the workdays clock), the workflow verify →
// rectify → close (only the centre closes), and the overdue rule the scheduler
// applies. The figures over evaluations are defined in package stats.
//
// It is plain Go: it imports app, workday and sheet only, never net/http,
// database/sql or store; storage is the Store interface, wired by cli.
package evaluation
