// Package server assembles govdesk's HTTP surfaces (web, api) into one root mux
// with health checks and shared middleware, and runs the http.Server with a
// graceful shutdown.
package server
