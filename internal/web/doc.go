// Package web is govdesk's server-rendered user interface in Simplified Chinese:
// one handler file per page or action, templates and static files embedded in the
// binary and parsed once at start-up (a missing or broken template fails the start).
//
// Handlers are thin: parse the request, call one service, render. web imports
// httpx and the domain packages, never database/sql or store.
package web
