// Package cli is govdesk's command line: one file per subcommand, the wiring of
// stores to services (the only package besides tests that calls store.Open), and
// the scheduler loops of serve.
//
// Exit status: 0 on success, 1 on a user error (message in Chinese and English on
// stderr), 2 on a usage error. Every command answers --help in English and Chinese.
package cli
