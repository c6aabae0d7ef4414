// Package workday owns govdesk's Chinese working-day calendar and the
// time-limit arithmetic built on it (SPEC §3).
//
// In China working days are not simply Monday to Friday: statutory holidays
// (放假) remove weekdays and adjusted working days (调休补班) turn some Saturdays
// and Sundays into working days. A Calendar combines the built-in official
// schedules (see builtin.go) with operator overrides (see ParseOverrides) into
// a dense per-day table; a Schedule adds the working periods of the day and the
// clock rule (workhours or workdays) and computes deadlines and elapsed
// working time.
//
// Every date boundary is in Asia/Shanghai (app.Shanghai, UTC+8). Everything here
// is a pure function of its arguments: no I/O beyond the data compiled into the
// binary, and no time.Now (callers pass instants in).
//
// Imports: the standard library, govdesk/internal/app and
// github.com/6tail/lunar-go only — never net/http, database/sql or any store.
package workday
