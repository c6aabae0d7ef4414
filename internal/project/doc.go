// Package project is construction-project assistance (工程建设项目帮办代办) and
// policy fulfilment (政策兑现) of SPEC §6.1: projects walked through configurable
// stages by an agent, with a ledger and promised limits on the workdays clock,
// and support policies with applications, review, decision and payout.
//
// It is plain Go over values: no HTTP, no SQL, no store.
package project
