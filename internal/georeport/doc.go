// Package georeport is the domain side of Open311 GeoReport v2 (SPEC §11): the source
// every request filed through it carries, the API keys of client applications
// (issued and revoked here, stored as hashes), the request fields the standard carries
// beyond the order (token, coordinates, media, attributes), the category tree as a
// service list, and the Store interface the database implements.
//
// It is plain Go: the HTTP adapter is open311, which imports it; store implements
// Store without depending on any HTTP package.
package georeport
