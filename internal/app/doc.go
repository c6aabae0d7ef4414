// Package app is govdesk's shared kernel: the one error type with its codes,
// the acting user carried in a context, the clock, paging and small ID helpers.
//
// It imports the standard library only; every other govdesk package may import it.
package app
