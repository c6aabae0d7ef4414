// Package catalog owns the service-item catalogue (政务服务事项) and the cases
// (办件) handled under its items (SPEC §6): the item fields and their Chinese
// spellings, the import rules of items and cases, and the on-time rule of a case
// (the item's promised limit in whole working days, acceptance day excluded).
//
// It is plain Go: it imports app, workday and sheet only, never net/http,
// database/sql or store; storage is the Store interface, implemented in store and
// wired by cli. The rates over the catalogue are defined once, in package stats.
package catalog
