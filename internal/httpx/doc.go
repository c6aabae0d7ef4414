// Package httpx holds what every HTTP surface shares: the one table from app error
// codes to HTTP statuses, JSON reading and writing, client addresses, the
// authentication middleware (session cookie or bearer token), CSRF checks and
// logging/recovery middleware.
//
// It imports app and account (for authentication) and the standard library.
package httpx
