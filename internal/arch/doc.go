// Package arch holds no code: its test holds govdesk's layering rule (DESIGN.md,
// docs/architecture.md). Packages sit in rings — domain and kernel, store, the HTTP
// doors, server, cli, tests — and depend only inwards. Domain packages are plain
// Go: they never import net/http or database/sql; only cli (and tests) import
// store; app imports only the standard library.
package arch
