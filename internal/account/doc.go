// Package account owns the organisation and the people: units (a tree), regions
// (county → town → village), complaint categories (a tree with default units), users
// with the roles of SPEC §1, password hashing, web sessions, API tokens and login
// rate limiting.
//
// It is plain Go: it imports app, sheet and the standard library (plus
// golang.org/x/crypto for argon2id) and never net/http, database/sql or store.
// Persistence goes through the Store interface, which store implements.
package account
