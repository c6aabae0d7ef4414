// Package config holds govdesk's typed configuration and the order in which it is
// assembled: defaults → optional govdesk.toml → GOVDESK_* environment → command-line
// flags (applied by cli), then Validate.
//
// It may import the standard library, the TOML decoder, app and workday (for the
// formats of working periods and clock modes); nothing else.
package config
