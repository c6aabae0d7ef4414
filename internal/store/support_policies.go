package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

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
				materials = $5, channels = $6, limit_fen = $7 WHERE code = $8`, p.Name, p.Department, p.Conditions, p.Amount,
				jsonList(p.Materials), jsonList(p.Channels), p.LimitFen, p.Code)
			if err != nil {
				return dbErr(err, "update policy")
			}
			if n, _ := res.RowsAffected(); n > 0 {
				updated++
				continue
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO policies (code, name, department, conditions, amount, materials,
				channels, limit_fen, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, p.Code, p.Name, p.Department,
				p.Conditions, p.Amount, jsonList(p.Materials), jsonList(p.Channels), p.LimitFen, utc(p.CreatedAt)); err != nil {
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
	if err := r.Scan(&p.ID, &p.Code, &p.Name, &p.Department, &p.Conditions, &p.Amount, &mats, &chans, &p.LimitFen,
		&p.CreatedAt); err != nil {
		return p, err
	}
	p.CreatedAt = p.CreatedAt.In(app.Shanghai)
	if err := json.Unmarshal([]byte(mats), &p.Materials); err != nil {
		return p, err
	}
	return p, json.Unmarshal([]byte(chans), &p.Channels)
}

const policyCols = `id, code, name, department, conditions, amount, materials, channels, limit_fen, created_at`

// Policies returns every policy by code.
func (s *SupportPolicies) Policies(ctx context.Context) ([]project.Policy, error) {
	return queryAll(ctx, s.DB, "list policies", scanPolicy, `SELECT `+policyCols+` FROM policies ORDER BY code`)
}

// Policy returns a policy by code, or nil when there is none.
func (s *SupportPolicies) Policy(ctx context.Context, code string) (*project.Policy, error) {
	return findPolicy(ctx, s.DB, `code = $1`, code)
}

func findPolicy(ctx context.Context, q queryer, where string, arg any) (*project.Policy, error) {
	p, err := scanPolicy(q.QueryRowContext(ctx, `SELECT `+policyCols+` FROM policies WHERE `+where, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, dbErr(err, "find policy")
	}
	return &p, nil
}

// CreateApplication loads the application's policy, lets check decide (it is
// given nil for an unknown policy) and stores the application, in one transaction.
func (s *SupportPolicies) CreateApplication(ctx context.Context, a *project.Application,
	check func(*project.Application, *project.Policy) error) error {
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		pol, err := findPolicy(ctx, tx, `code = $1`, a.PolicyCode)
		if err != nil {
			return err
		}
		if err := check(a, pol); err != nil {
			return err
		}
		a.Version = 1
		err = tx.QueryRowContext(ctx, `INSERT INTO policy_applications (no, policy_id, applicant, channel, materials, amount_fen,
			status, submitted_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`, a.No, a.PolicyID, a.Applicant,
			a.Channel, jsonList(a.Materials), a.AmountFen, a.Status, utc(a.SubmittedAt), a.Version).Scan(&a.ID)
		if err = dbErr(err, "insert application"); app.ErrorCode(err) == app.EConflict {
			return app.Conflict("申请编号 %s 已存在", a.No)
		}
		return err
	})
}

const appCols = `a.id, a.no, a.policy_id, p.code, a.applicant, a.channel, a.materials, a.amount_fen, a.status, a.submitted_at,
	a.decided_at, a.decided_by, a.reason, a.approved_fen, a.paid_fen, a.paid_at, a.paid_by, a.version`

func scanApplication(r rowScanner) (project.Application, error) {
	var a project.Application
	var mats string
	var decided, paid sql.NullTime
	if err := r.Scan(&a.ID, &a.No, &a.PolicyID, &a.PolicyCode, &a.Applicant, &a.Channel, &mats, &a.AmountFen, &a.Status,
		&a.SubmittedAt, &decided, &a.DecidedBy, &a.Reason, &a.ApprovedFen, &a.PaidFen, &paid, &a.PaidBy, &a.Version); err != nil {
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
	return findApplication(ctx, s.DB, no)
}

func findApplication(ctx context.Context, q queryer, no string) (project.Application, error) {
	a, err := scanApplication(q.QueryRowContext(ctx, `SELECT `+appCols+`
		FROM policy_applications a JOIN policies p ON p.id = a.policy_id WHERE a.no = $1`, no))
	if errors.Is(err, sql.ErrNoRows) {
		return a, app.NotFound("申请 %s 不存在", no)
	}
	return a, dbErr(err, "find application")
}

// UpdateApplication loads the application and its policy in a transaction (the
// application locked on PostgreSQL), refuses a stale version (0: unchecked),
// applies fn and writes the decision and payout fields with the version raised.
func (s *SupportPolicies) UpdateApplication(ctx context.Context, no string, version int,
	fn func(*project.Application, project.Policy) error) (project.Application, error) {
	var out project.Application
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := s.DB.lockRow(ctx, tx, "application", `SELECT id FROM policy_applications WHERE no = $1 FOR UPDATE`, no); err != nil {
			return err
		}
		a, err := findApplication(ctx, tx, no)
		if err != nil {
			return err
		}
		if version > 0 && version != a.Version {
			return &app.Error{Code: app.EConflict, Message: "申请已被他人修改，请刷新后重试",
				Detail: fmt.Sprintf("application %s: stale version %d, current %d", no, version, a.Version)}
		}
		pol, err := findPolicy(ctx, tx, `id = $1`, a.PolicyID)
		if err != nil {
			return err
		}
		if pol == nil {
			return app.Internal(nil, "application "+no+" without its policy")
		}
		if err := fn(&a, *pol); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE policy_applications SET status = $1, reason = $2, decided_at = $3, decided_by = $4,
			approved_fen = $5, paid_fen = $6, paid_at = $7, paid_by = $8, version = version + 1 WHERE id = $9 AND version = $10`,
			a.Status, a.Reason, nullTime(a.DecidedAt), a.DecidedBy, a.ApprovedFen, a.PaidFen, nullTime(a.PaidAt), a.PaidBy,
			a.ID, a.Version)
		if err != nil {
			return dbErr(err, "update application")
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return app.Conflict("申请已被他人修改，请刷新后重试")
		}
		a.Version++
		out = a
		return nil
	})
	return out, err
}
