// Package arch holds no code: its test holds govdesk's layering rule (DESIGN.md).
// Domain packages are plain Go: they never import net/http, database/sql or the
// store and HTTP packages; only cli (and tests) import store; app imports only the
// standard library.
package arch
