package store

import (
	"context"
	"database/sql"
	"encoding/json"

	"govdesk/internal/workorder"
)

// Policies implements workorder.PolicyStore.
type Policies struct{ DB *DB }

var _ workorder.PolicyStore = (*Policies)(nil)

// FindPolicies returns every SLA policy version ordered by effective date.
func (s *Policies) FindPolicies(ctx context.Context) ([]workorder.Policy, error) {
	return queryAll(ctx, s.DB, "find policies", func(sc rowScanner) (p workorder.Policy, err error) {
		var limits string
		if err = sc.Scan(&p.ID, &p.EffectiveFrom, &limits, &p.UrgentDays, &p.SignForHours, &p.ReopenDays,
			&p.MaxReturns, &p.MaxExtensions, &p.MaxExtensionDays, &p.Note, &p.CreatedAt); err != nil {
			return p, err
		}
		return p, json.Unmarshal([]byte(limits), &p.Limits)
	}, `SELECT id, effective_from, limits, urgent_days, signfor_hours, reopen_days,
		max_returns, max_extensions, max_extension_days, note, created_at FROM sla_policies ORDER BY effective_from`)
}

// SavePolicy creates or replaces the version of the policy's effective date.
func (s *Policies) SavePolicy(ctx context.Context, p workorder.Policy) error {
	limits, err := json.Marshal(p.Limits)
	if err != nil {
		return dbErr(err, "encode policy limits")
	}
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM sla_policies WHERE effective_from = $1`, p.EffectiveFrom); err != nil {
			return dbErr(err, "replace policy")
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO sla_policies (effective_from, limits, urgent_days, signfor_hours, reopen_days,
			max_returns, max_extensions, max_extension_days, note, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
			p.EffectiveFrom, string(limits), p.UrgentDays, p.SignForHours, p.ReopenDays, p.MaxReturns, p.MaxExtensions,
			p.MaxExtensionDays, p.Note, utc(p.CreatedAt))
		return dbErr(err, "insert policy")
	})
}
