// Package asset owns the centre's fixed-asset register and its base-level
// terminals (SPEC §8): assets with their yearly stock-takes (资产盘点), the
// utilisation rate (固定资产利用率) and the allocation-limit findings the
// self-evaluation reads; devices, their heartbeats and per-device tokens,
// faults (recorded by people, imported, or opened when heartbeats stop) and
// availability per device, town, month or any period.
//
// Availability and the register figures are pure functions over values and a
// "now"; the Service checks roles, validates imports row by row and calls a
// Store the store package implements.
//
// It imports the standard library, govdesk/internal/app and
// govdesk/internal/sheet only; never net/http, database/sql or store.
package asset
