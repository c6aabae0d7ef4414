package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/project"
)

// ProjectRecords stores construction projects, their stages and ledgers (SPEC §6.1).
type ProjectRecords struct{ DB *DB }

func timeOf(t sql.NullTime) time.Time {
	if !t.Valid {
		return time.Time{}
	}
	return t.Time.In(app.Shanghai)
}

// CreateProject validates and stores a new project with its stages; it returns the id.
func (s *ProjectRecords) CreateProject(ctx context.Context, p *project.Project) (int64, error) {
	if err := p.Validate(); err != nil {
		return 0, err
	}
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `INSERT INTO projects (code, name, enterprise, contact, phone, agent, form, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`, p.Code, p.Name, p.Enterprise, p.Contact, p.Phone, p.Agent,
			p.Form, utc(p.CreatedAt)).Scan(&p.ID); err != nil {
			if err = dbErr(err, "insert project"); app.ErrorCode(err) == app.EConflict {
				return app.Conflict("项目代码 %s 已存在", p.Code)
			}
			return err
		}
		for i := range p.Stages {
			st := &p.Stages[i]
			items, _ := json.Marshal(st.Items)
			if items == nil || string(items) == "null" {
				items = []byte("[]")
			}
			if err := tx.QueryRowContext(ctx, `INSERT INTO project_stages (project_id, seq, name, limit_days, items, started_at,
				finished_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, p.ID, st.Seq, st.Name, st.LimitDays, string(items),
				nullTime(st.Started), nullTime(st.Finished)).Scan(&st.ID); err != nil {
				return dbErr(err, "insert project stage")
			}
			st.ProjectID = p.ID
		}
		p.Version = 1
		return nil
	})
	return p.ID, err
}

const projectCols = `id, code, name, enterprise, contact, phone, agent, form, created_at, version`

func scanProject(r rowScanner) (project.Project, error) {
	var p project.Project
	err := r.Scan(&p.ID, &p.Code, &p.Name, &p.Enterprise, &p.Contact, &p.Phone, &p.Agent, &p.Form, &p.CreatedAt, &p.Version)
	p.CreatedAt = p.CreatedAt.In(app.Shanghai)
	return p, err
}

func scanStage(r rowScanner) (project.Stage, error) {
	var st project.Stage
	var items string
	var started, finished sql.NullTime
	if err := r.Scan(&st.ID, &st.ProjectID, &st.Seq, &st.Name, &st.LimitDays, &items, &started, &finished); err != nil {
		return st, err
	}
	st.Started, st.Finished = timeOf(started), timeOf(finished)
	return st, json.Unmarshal([]byte(items), &st.Items)
}

const stageCols = `id, project_id, seq, name, limit_days, items, started_at, finished_at`

// Projects returns every project with its stages, by code.
func (s *ProjectRecords) Projects(ctx context.Context) ([]project.Project, error) {
	ps, err := queryAll(ctx, s.DB, "list projects", scanProject, `SELECT `+projectCols+` FROM projects ORDER BY code`)
	if err != nil {
		return nil, err
	}
	sts, err := queryAll(ctx, s.DB, "list project stages", scanStage,
		`SELECT `+stageCols+` FROM project_stages ORDER BY project_id, seq`)
	if err != nil {
		return nil, err
	}
	idx := map[int64]int{}
	for i, p := range ps {
		idx[p.ID] = i
	}
	for _, st := range sts {
		if i, ok := idx[st.ProjectID]; ok {
			ps[i].Stages = append(ps[i].Stages, st)
		}
	}
	return ps, nil
}

// Project returns one project by code with its stages.
func (s *ProjectRecords) Project(ctx context.Context, code string) (project.Project, error) {
	return findProject(ctx, s.DB, code)
}

func findProject(ctx context.Context, q queryer, code string) (project.Project, error) {
	p, err := scanProject(q.QueryRowContext(ctx, `SELECT `+projectCols+` FROM projects WHERE code = $1`, code))
	if errors.Is(err, sql.ErrNoRows) {
		return p, app.NotFound("项目 %s 不存在", code)
	} else if err != nil {
		return p, dbErr(err, "find project")
	}
	p.Stages, err = queryAll(ctx, q, "project stages", scanStage,
		`SELECT `+stageCols+` FROM project_stages WHERE project_id = $1 ORDER BY seq`, p.ID)
	return p, err
}

// UpdateProject loads the project in a transaction (locked on PostgreSQL), refuses
// a stale version (0: unchecked), applies fn, and writes the stages' start and
// finish times, the raised version and the ledger entry fn returns (none when its
// note is empty) together.
func (s *ProjectRecords) UpdateProject(ctx context.Context, code string, version int,
	fn func(*project.Project) (project.LedgerEntry, error)) (project.Project, error) {
	var out project.Project
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := s.DB.lockRow(ctx, tx, "project", `SELECT id FROM projects WHERE code = $1 FOR UPDATE`, code); err != nil {
			return err
		}
		p, err := findProject(ctx, tx, code)
		if err != nil {
			return err
		}
		if version > 0 && version != p.Version {
			return &app.Error{Code: app.EConflict, Message: "项目已被他人修改，请刷新后重试",
				Detail: fmt.Sprintf("project %s: stale version %d, current %d", code, version, p.Version)}
		}
		e, err := fn(&p)
		if err != nil {
			return err
		}
		for _, st := range p.Stages {
			if _, err := tx.ExecContext(ctx, `UPDATE project_stages SET started_at = $1, finished_at = $2 WHERE id = $3`,
				nullTime(st.Started), nullTime(st.Finished), st.ID); err != nil {
				return dbErr(err, "update project stage")
			}
		}
		res, err := tx.ExecContext(ctx, `UPDATE projects SET version = version + 1 WHERE id = $1 AND version = $2`, p.ID, p.Version)
		if err != nil {
			return dbErr(err, "update project version")
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return app.Conflict("项目已被他人修改，请刷新后重试")
		}
		p.Version++
		if e.Note != "" {
			e.ProjectID = p.ID
			if err := addLedger(ctx, tx, e); err != nil {
				return err
			}
		}
		out = p
		return nil
	})
	return out, err
}

func addLedger(ctx context.Context, q interface {
	ExecContext(context.Context, string, ...any) (sql.Result, error)
}, e project.LedgerEntry) error {
	_, err := q.ExecContext(ctx, `INSERT INTO project_ledger (project_id, at, kind, actor, note) VALUES ($1, $2, $3, $4, $5)`,
		e.ProjectID, utc(e.At), e.Kind, e.Actor, e.Note)
	return dbErr(err, "insert ledger entry")
}

// AddLedger appends a ledger entry (a contact, a hand-over).
func (s *ProjectRecords) AddLedger(ctx context.Context, e project.LedgerEntry) error {
	if e.Note == "" {
		return app.Invalid("台账内容不能为空")
	}
	return addLedger(ctx, s.DB, e)
}

// Ledger returns a project's ledger in time order.
func (s *ProjectRecords) Ledger(ctx context.Context, projectID int64) ([]project.LedgerEntry, error) {
	return queryAll(ctx, s.DB, "project ledger", func(r rowScanner) (project.LedgerEntry, error) {
		var e project.LedgerEntry
		err := r.Scan(&e.ID, &e.ProjectID, &e.At, &e.Kind, &e.Actor, &e.Note)
		e.At = e.At.In(app.Shanghai)
		return e, err
	}, `SELECT id, project_id, at, kind, actor, note FROM project_ledger WHERE project_id = $1 ORDER BY at, id`, projectID)
}
