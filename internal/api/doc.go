// Package api is govdesk's JSON REST API under /api/v1 (SPEC §4.4), authenticated
// by a session cookie (with the X-CSRF-Token header for changes) or a bearer
// token. Handlers parse, call one service and write JSON; errors go through httpx's
// one status table as {"error":{"code","message"}}.
package api
