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
	rows, err := s.DB.QueryContext(ctx, `SELECT id, effective_from, limits, urgent_days, signfor_hours, reopen_days,
		max_returns, max_extensions, max_extension_days, note, created_at FROM sla_policies ORDER BY effective_from`)
	if err != nil {
		return nil, dbErr(err, "find policies")
	}
	defer rows.Close()
	var out []workorder.Policy
	for rows.Next() {
		var p workorder.Policy
		var limits string
		if err := rows.Scan(&p.ID, &p.EffectiveFrom, &limits, &p.UrgentDays, &p.SignForHours, &p.ReopenDays,
			&p.MaxReturns, &p.MaxExtensions, &p.MaxExtensionDays, &p.Note, &p.CreatedAt); err != nil {
			return nil, dbErr(err, "scan policy")
		}
		if err := json.Unmarshal([]byte(limits), &p.Limits); err != nil {
			return nil, dbErr(err, "decode policy limits")
		}
		out = append(out, p)
	}
	return out, dbErr(rows.Err(), "find policies")
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
