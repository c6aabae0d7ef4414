package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/project"
)

// SupportPolicies stores support policies and their applications (SPEC §6.1).
type SupportPolicies struct{ DB *DB }

func jsonList(v []string) string {
	if len(v) == 0 {
		return "[]"
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// UpsertPolicies validates and creates or updates policies by code in one transaction.
func (s *SupportPolicies) UpsertPolicies(ctx context.Context, ps []project.Policy) (created, updated int, err error) {
	for i := range ps {
		if err := ps[i].Validate(); err != nil {
			return 0, 0, err
		}
	}
	err = s.DB.Tx(ctx, func(tx *sql.Tx) error {
		created, updated = 0, 0
		for _, p := range ps {
			res, err := tx.ExecContext(ctx, `UPDATE policies SET name = $1, department = $2, conditions = $3, amount = $4,
				materials = $5, channels = $6 WHERE code = $7`, p.Name, p.Department, p.Conditions, p.Amount,
				jsonList(p.Materials), jsonList(p.Channels), p.Code)
			if err != nil {
				return dbErr(err, "update policy")
			}
			if n, _ := res.RowsAffected(); n > 0 {
				updated++
				continue
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO policies (code, name, department, conditions, amount, materials,
				channels, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, p.Code, p.Name, p.Department, p.Conditions,
				p.Amount, jsonList(p.Materials), jsonList(p.Channels), utc(p.CreatedAt)); err != nil {
				return dbErr(err, "insert policy")
			}
			created++
		}
		return nil
	})
	return created, updated, err
}

func scanPolicy(r rowScanner) (project.Policy, error) {
	var p project.Policy
	var mats, chans string
	if err := r.Scan(&p.ID, &p.Code, &p.Name, &p.Department, &p.Conditions, &p.Amount, &mats, &chans, &p.CreatedAt); err != nil {
		return p, err
	}
	p.CreatedAt = p.CreatedAt.In(app.Shanghai)
	if err := json.Unmarshal([]byte(mats), &p.Materials); err != nil {
		return p, err
	}
	return p, json.Unmarshal([]byte(chans), &p.Channels)
}

const policyCols = `id, code, name, department, conditions, amount, materials, channels, created_at`

// Policies returns every policy by code.
func (s *SupportPolicies) Policies(ctx context.Context) ([]project.Policy, error) {
	return queryAll(ctx, s.DB, "list policies", scanPolicy, `SELECT `+policyCols+` FROM policies ORDER BY code`)
}

// Policy returns a policy by code, or nil when there is none.
func (s *SupportPolicies) Policy(ctx context.Context, code string) (*project.Policy, error) {
	p, err := scanPolicy(s.DB.QueryRowContext(ctx, `SELECT `+policyCols+` FROM policies WHERE code = $1`, code))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, dbErr(err, "find policy")
	}
	return &p, nil
}

// Submit checks an application against its policy and stores it.
func (s *SupportPolicies) Submit(ctx context.Context, a *project.Application) error {
	pol, err := s.Policy(ctx, a.PolicyCode)
	if err != nil {
		return err
	}
	if err := project.CheckApplication(a, pol); err != nil {
		return err
	}
	if a.No == "" {
		return app.Invalid("申请编号不能为空")
	}
	err = s.DB.QueryRowContext(ctx, `INSERT INTO policy_applications (no, policy_id, applicant, channel, materials, amount_fen,
		status, submitted_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`, a.No, a.PolicyID, a.Applicant, a.Channel,
		jsonList(a.Materials), a.AmountFen, a.Status, utc(a.SubmittedAt)).Scan(&a.ID)
	if err = dbErr(err, "insert application"); app.ErrorCode(err) == app.EConflict {
		return app.Conflict("申请编号 %s 已存在", a.No)
	}
	return err
}

const appCols = `a.id, a.no, a.policy_id, p.code, a.applicant, a.channel, a.materials, a.amount_fen, a.status, a.submitted_at,
	a.decided_at, a.reason, a.paid_fen, a.paid_at`

func scanApplication(r rowScanner) (project.Application, error) {
	var a project.Application
	var mats string
	var decided, paid sql.NullTime
	if err := r.Scan(&a.ID, &a.No, &a.PolicyID, &a.PolicyCode, &a.Applicant, &a.Channel, &mats, &a.AmountFen, &a.Status,
		&a.SubmittedAt, &decided, &a.Reason, &a.PaidFen, &paid); err != nil {
		return a, err
	}
	a.SubmittedAt, a.DecidedAt, a.PaidAt = a.SubmittedAt.In(app.Shanghai), timeOf(decided), timeOf(paid)
	return a, json.Unmarshal([]byte(mats), &a.Materials)
}

// Applications returns every application, oldest first.
func (s *SupportPolicies) Applications(ctx context.Context) ([]project.Application, error) {
	return queryAll(ctx, s.DB, "list applications", scanApplication, `SELECT `+appCols+`
		FROM policy_applications a JOIN policies p ON p.id = a.policy_id ORDER BY a.submitted_at, a.id`)
}

// Application returns one application by number.
func (s *SupportPolicies) Application(ctx context.Context, no string) (project.Application, error) {
	a, err := scanApplication(s.DB.QueryRowContext(ctx, `SELECT `+appCols+`
		FROM policy_applications a JOIN policies p ON p.id = a.policy_id WHERE a.no = $1`, no))
	if errors.Is(err, sql.ErrNoRows) {
		return a, app.NotFound("申请 %s 不存在", no)
	}
	return a, dbErr(err, "find application")
}

// Decide records the review decision on an application.
func (s *SupportPolicies) Decide(ctx context.Context, no string, approve bool, reason string, at time.Time) error {
	a, err := s.Application(ctx, no)
	if err != nil {
		return err
	}
	if err := project.Decide(&a, approve, reason, at); err != nil {
		return err
	}
	_, err = s.DB.ExecContext(ctx, `UPDATE policy_applications SET status = $1, reason = $2, decided_at = $3 WHERE id = $4`,
		a.Status, a.Reason, utc(at), a.ID)
	return dbErr(err, "decide application")
}

// Pay records the payout of an approved application.
func (s *SupportPolicies) Pay(ctx context.Context, no string, fen int64, at time.Time) error {
	a, err := s.Application(ctx, no)
	if err != nil {
		return err
	}
	if err := project.Pay(&a, fen, at); err != nil {
		return err
	}
	_, err = s.DB.ExecContext(ctx, `UPDATE policy_applications SET status = $1, paid_fen = $2, paid_at = $3 WHERE id = $4`,
		a.Status, fen, utc(at), a.ID)
	return dbErr(err, "pay application")
}
