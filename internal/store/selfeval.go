package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/selfeval"
)

// SelfEval stores the inputs of the yearly self-evaluation (SPEC §10): budgets and staffing,
// projects and performance targets, the indicator table, a person's indicator entries and
// the findings accepted with a reason. Every edit of a year names the version it was made
// on; an edit on an older version is a conflict (someone else saved the year meanwhile).
type SelfEval struct{ DB *DB }

func numText(n *selfeval.Num) any {
	if n == nil {
		return nil
	}
	return n.Text
}

func numOf(s sql.NullString) (*selfeval.Num, error) {
	if !s.Valid {
		return nil, nil
	}
	n, err := selfeval.ParseNum(s.String)
	if err != nil {
		return nil, app.Internal(err, "stored number "+s.String)
	}
	return &n, nil
}

func intPtr(n sql.NullInt64) *int {
	if !n.Valid {
		return nil
	}
	v := int(n.Int64)
	return &v
}

func intArg(p *int) any {
	if p == nil {
		return nil
	}
	return *p
}

// bump moves the year's version from `version` to version+1 inside tx; another version is a conflict.
func bump(ctx context.Context, tx *sql.Tx, year, version int, actor string) (int, error) {
	now := utc(time.Now())
	if version == 0 {
		_, err := tx.ExecContext(ctx, `INSERT INTO selfeval_years (year, version, updated_by, updated_at) VALUES ($1, 0, $2, $3)
			ON CONFLICT (year) DO NOTHING`, year, actor, now)
		if err != nil {
			return 0, dbErr(err, "insert selfeval year")
		}
	}
	res, err := tx.ExecContext(ctx, `UPDATE selfeval_years SET version = version + 1, updated_by = $1, updated_at = $2
		WHERE year = $3 AND version = $4`, actor, now, year, version)
	if err != nil {
		return 0, dbErr(err, "bump selfeval version")
	}
	if n, _ := res.RowsAffected(); n == 0 {
		var by string
		tx.QueryRowContext(ctx, `SELECT updated_by FROM selfeval_years WHERE year = $1`, year).Scan(&by)
		return 0, app.Conflict("%d 年度自评已被%s修改，请刷新后在最新内容上重新编辑", year, orSomeone(by))
	}
	return version + 1, nil
}

func orSomeone(by string) string {
	if by == "" {
		return "他人"
	}
	return " " + by + " "
}

// edit runs fn in a transaction that first moves the year's version on; it returns the new version.
func (s *SelfEval) edit(ctx context.Context, year, version int, actor string, fn func(tx *sql.Tx) error) (int, error) {
	var v int
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		var err error
		if v, err = bump(ctx, tx, year, version, actor); err != nil {
			return err
		}
		return fn(tx)
	})
	return v, err
}

// Version returns the year's current version (0 before the first edit).
func (s *SelfEval) Version(ctx context.Context, year int) (int, error) {
	var v int
	err := s.DB.QueryRowContext(ctx, `SELECT version FROM selfeval_years WHERE year = $1`, year).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return v, dbErr(err, "selfeval version")
}

// SaveBudget stores the year's budget, final accounts and staffing.
func (s *SelfEval) SaveBudget(ctx context.Context, b selfeval.Budget, version int, actor string) (int, error) {
	if err := b.Validate(); err != nil {
		return 0, err
	}
	return s.edit(ctx, b.Year, version, actor, func(tx *sql.Tx) error { return upsertBudget(ctx, tx, b) })
}

// upsertBudget writes a year's budget inside tx.
func upsertBudget(ctx context.Context, tx *sql.Tx, b selfeval.Budget) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO selfeval_budgets (year, unit, initial, adjusted, final_income, final_expense,
			public_budget, public_final, three_budget, three_final, authorized, staff)
			VALUES ($1, $12, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
			ON CONFLICT (year) DO UPDATE SET unit = excluded.unit, initial = excluded.initial, adjusted = excluded.adjusted,
			final_income = excluded.final_income, final_expense = excluded.final_expense,
			public_budget = excluded.public_budget, public_final = excluded.public_final,
			three_budget = excluded.three_budget, three_final = excluded.three_final,
			authorized = excluded.authorized, staff = excluded.staff`,
		b.Year, numText(b.Initial), numText(b.Adjusted), numText(b.FinalIncome), numText(b.FinalExpense),
		numText(b.PublicBudget), numText(b.PublicFinal), numText(b.ThreeBudget), numText(b.ThreeFinal),
		intArg(b.Authorized), intArg(b.Staff), b.Unit)
	return dbErr(err, "save budget")
}

const budgetQuery = `SELECT unit, initial, adjusted, final_income, final_expense, public_budget, public_final,
		three_budget, three_final, authorized, staff FROM selfeval_budgets WHERE year = $1`

// Budget returns a year's budget (every amount nil when none was entered).
func (s *SelfEval) Budget(ctx context.Context, year int) (selfeval.Budget, error) {
	b, err := scanBudget(s.DB.QueryRowContext(ctx, budgetQuery, year), year)
	if errors.Is(err, sql.ErrNoRows) {
		return selfeval.Budget{Year: year}, nil
	}
	return b, err
}

func scanBudget(row rowScanner, year int) (selfeval.Budget, error) {
	b := selfeval.Budget{Year: year}
	var ns [8]sql.NullString
	var auth, staff sql.NullInt64
	err := row.Scan(&b.Unit, &ns[0], &ns[1], &ns[2], &ns[3], &ns[4], &ns[5], &ns[6], &ns[7], &auth, &staff)
	if errors.Is(err, sql.ErrNoRows) {
		return b, err
	} else if err != nil {
		return b, dbErr(err, "load budget")
	}
	for i, a := range b.Amounts() {
		if *a.Value, err = numOf(ns[i]); err != nil {
			return b, err
		}
	}
	b.Authorized, b.Staff = intPtr(auth), intPtr(staff)
	return b, nil
}

// SetProjects replaces the year's list of projects (the denominator of 绩效目标覆盖率).
func (s *SelfEval) SetProjects(ctx context.Context, year int, names []string, version int, actor string) (int, error) {
	return s.edit(ctx, year, version, actor, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM selfeval_projects WHERE year = $1`, year); err != nil {
			return dbErr(err, "clear projects")
		}
		seen := map[string]bool{}
		for _, n := range names {
			if n == "" || seen[n] {
				continue
			}
			seen[n] = true
			if _, err := tx.ExecContext(ctx, `INSERT INTO selfeval_projects (year, name) VALUES ($1, $2)`, year, n); err != nil {
				return dbErr(err, "insert project")
			}
		}
		return nil
	})
}

func boolArg(b *bool) any {
	if b == nil {
		return nil
	}
	if *b {
		return 1
	}
	return 0
}

// saveTarget upserts one target by (year, project, name) inside tx, and enters its
// project in the year's list of projects when it is not there yet.
func saveTarget(ctx context.Context, tx *sql.Tx, t selfeval.PerfTarget) (inserted bool, err error) {
	if t.Project != "" {
		if _, err := tx.ExecContext(ctx, `INSERT INTO selfeval_projects (year, name) VALUES ($1, $2)
			ON CONFLICT (year, name) DO NOTHING`, t.Year, t.Project); err != nil {
			return false, dbErr(err, "insert project")
		}
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM selfeval_targets WHERE year = $1 AND project = $2 AND name = $3`,
		t.Year, t.Project, t.Name).Scan(&n); err != nil {
		return false, dbErr(err, "find target")
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO selfeval_targets (year, project, name, comparator, target, actual, unit, metric, achieved)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
		ON CONFLICT (year, project, name) DO UPDATE SET comparator = excluded.comparator, target = excluded.target,
		actual = excluded.actual, unit = excluded.unit, metric = excluded.metric, achieved = excluded.achieved`,
		t.Year, t.Project, t.Name, t.Comparator, t.Target.Text, numText(t.Actual), t.Unit, t.Metric, boolArg(t.Achieved))
	return n == 0, dbErr(err, "save target")
}

// SaveTargets validates and upserts targets of one year (all or nothing); it returns how many
// were new and how many updated, and the new version.
func (s *SelfEval) SaveTargets(ctx context.Context, year int, ts []selfeval.PerfTarget, version int, actor string) (added, updated, v int, err error) {
	for i := range ts {
		ts[i].Year = year
		if err := ts[i].Validate(); err != nil {
			return 0, 0, 0, err
		}
	}
	v, err = s.edit(ctx, year, version, actor, func(tx *sql.Tx) error {
		for _, t := range ts {
			ins, err := saveTarget(ctx, tx, t)
			if err != nil {
				return err
			}
			if ins {
				added++
			} else {
				updated++
			}
		}
		return nil
	})
	return added, updated, v, err
}

// DeleteTarget removes a target of the year.
func (s *SelfEval) DeleteTarget(ctx context.Context, year int, id int64, version int, actor string) (int, error) {
	return s.edit(ctx, year, version, actor, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM selfeval_targets WHERE year = $1 AND id = $2`, year, id)
		if err != nil {
			return dbErr(err, "delete target")
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return app.NotFound("绩效目标不存在")
		}
		return nil
	})
}

func scanTarget(r rowScanner) (selfeval.PerfTarget, error) {
	var t selfeval.PerfTarget
	var target string
	var actual sql.NullString
	var achieved sql.NullInt64
	if err := r.Scan(&t.ID, &t.Year, &t.Project, &t.Name, &t.Comparator, &target, &actual, &t.Unit, &t.Metric, &achieved); err != nil {
		return t, err
	}
	var err error
	if t.Target, err = selfeval.ParseNum(target); err != nil {
		return t, err
	}
	if t.Actual, err = numOf(actual); err != nil {
		return t, err
	}
	if achieved.Valid {
		b := achieved.Int64 == 1
		t.Achieved = &b
	}
	return t, nil
}

// Targets lists the year's performance targets by project and name.
func (s *SelfEval) Targets(ctx context.Context, year int) ([]selfeval.PerfTarget, error) {
	return queryAll(ctx, s.DB, "list targets", scanTarget, `SELECT id, year, project, name, comparator, target, actual, unit,
		metric, achieved FROM selfeval_targets WHERE year = $1 ORDER BY project, id`, year)
}

// SaveEntry stores what a person recorded for one indicator of the year.
func (s *SelfEval) SaveEntry(ctx context.Context, year int, e selfeval.Entry, version int, actor string) (int, error) {
	findings, _ := json.Marshal(nonNil(e.Findings))
	return s.edit(ctx, year, version, actor, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO selfeval_entries (year, code, value, band, score, findings, evidence,
			updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
			ON CONFLICT (year, code) DO UPDATE SET value = excluded.value, band = excluded.band, score = excluded.score,
			findings = excluded.findings, evidence = excluded.evidence, updated_by = excluded.updated_by,
			updated_at = excluded.updated_at`,
			year, e.Code, numText(e.Value), e.Band, numText(e.Score), string(findings), e.Evidence, actor, utc(time.Now()))
		return dbErr(err, "save indicator entry")
	})
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func scanEntry(r rowScanner) (selfeval.Entry, error) {
	var e selfeval.Entry
	var value, score sql.NullString
	var findings string
	var at sql.NullTime
	if err := r.Scan(&e.Code, &value, &e.Band, &score, &findings, &e.Evidence, &e.By, &at); err != nil {
		return e, err
	}
	var err error
	if e.Value, err = numOf(value); err != nil {
		return e, err
	}
	if e.Score, err = numOf(score); err != nil {
		return e, err
	}
	e.At = timeOf(at)
	return e, json.Unmarshal([]byte(findings), &e.Findings)
}

// Entries returns the year's indicator entries by code.
func (s *SelfEval) Entries(ctx context.Context, year int) (map[string]selfeval.Entry, error) {
	es, err := queryAll(ctx, s.DB, "list entries", scanEntry, `SELECT code, value, band, score, findings, evidence,
		updated_by, updated_at FROM selfeval_entries WHERE year = $1`, year)
	m := map[string]selfeval.Entry{}
	for _, e := range es {
		m[e.Code] = e
	}
	return m, err
}

// Accept records that a finding of the year was accepted with a reason (a second acceptance
// of the same finding replaces the first). It does not move the year's version: accepting
// is a decision about a finding, not an edit of the inputs.
func (s *SelfEval) Accept(ctx context.Context, year int, a selfeval.Acceptance) error {
	_, err := s.DB.ExecContext(ctx, `INSERT INTO selfeval_acceptances (year, code, figure, message, reason, accepted_by, accepted_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (year, code, figure) DO UPDATE SET message = excluded.message,
		reason = excluded.reason, accepted_by = excluded.accepted_by, accepted_at = excluded.accepted_at`,
		year, a.Code, a.Figure, a.Message, a.Reason, a.By, utc(a.At))
	return dbErr(err, "accept finding")
}

// Acceptances lists the year's accepted findings.
func (s *SelfEval) Acceptances(ctx context.Context, year int) ([]selfeval.Acceptance, error) {
	return queryAll(ctx, s.DB, "list acceptances", func(r rowScanner) (selfeval.Acceptance, error) {
		var a selfeval.Acceptance
		err := r.Scan(&a.Code, &a.Figure, &a.Message, &a.Reason, &a.By, &a.At)
		a.At = a.At.In(app.Shanghai)
		return a, err
	}, `SELECT code, figure, message, reason, accepted_by, accepted_at FROM selfeval_acceptances WHERE year = $1 ORDER BY code, figure`, year)
}

// Table returns the configured indicator table, or DefaultTable (custom false) when none is set.
func (s *SelfEval) Table(ctx context.Context) (rows []selfeval.TableRow, custom bool, err error) {
	rows, err = queryAll(ctx, s.DB, "indicator table", func(r rowScanner) (selfeval.TableRow, error) {
		var t selfeval.TableRow
		var bands string
		if err := r.Scan(&t.Code, &t.Level1, &t.Level2, &t.Level3, &t.Weight, &t.Rule, &t.Full, &t.Per, &bands, &t.Metric); err != nil {
			return t, err
		}
		return t, json.Unmarshal([]byte(bands), &t.Bands)
	}, `SELECT code, level1, level2, level3, weight, rule, full_at, per, bands, metric FROM selfeval_indicators ORDER BY seq`)
	if err != nil || len(rows) > 0 {
		return rows, len(rows) > 0, err
	}
	return selfeval.DefaultTable, false, nil
}

// ReplaceTable replaces the indicator table with a city's own (nil restores the default).
func (s *SelfEval) ReplaceTable(ctx context.Context, rows []selfeval.TableRow) error {
	if err := selfeval.ValidateTable(rows); err != nil && rows != nil {
		return err
	}
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM selfeval_indicators`); err != nil {
			return dbErr(err, "clear indicator table")
		}
		for i, t := range rows {
			bands, _ := json.Marshal(t.Bands)
			if t.Bands == nil {
				bands = []byte("[]")
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO selfeval_indicators (code, seq, level1, level2, level3, weight, rule,
				full_at, per, bands, metric) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
				t.Code, i, t.Level1, t.Level2, t.Level3, t.Weight, t.Rule, t.Full, t.Per, string(bands), t.Metric); err != nil {
				return dbErr(err, "insert indicator")
			}
		}
		return nil
	})
}

// Year loads everything stored for one year, with the year before's budget.
func (s *SelfEval) Year(ctx context.Context, year int) (*selfeval.YearData, error) {
	y := &selfeval.YearData{Year: year}
	var err error
	if y.Version, err = s.Version(ctx, year); err != nil {
		return nil, err
	}
	if y.Budget, err = s.Budget(ctx, year); err != nil {
		return nil, err
	}
	if y.Previous, err = s.Budget(ctx, year-1); err != nil {
		return nil, err
	}
	y.Unit = y.Budget.Unit
	if y.Projects, err = queryAll(ctx, s.DB, "list projects", func(r rowScanner) (string, error) {
		var n string
		return n, r.Scan(&n)
	}, `SELECT name FROM selfeval_projects WHERE year = $1 ORDER BY name`, year); err != nil {
		return nil, err
	}
	if y.Targets, err = s.Targets(ctx, year); err != nil {
		return nil, err
	}
	if y.Entries, err = s.Entries(ctx, year); err != nil {
		return nil, err
	}
	if y.Acceptances, err = s.Acceptances(ctx, year); err != nil {
		return nil, err
	}
	if y.Table, y.CustomTable, err = s.Table(ctx); err != nil {
		return nil, err
	}
	return y, nil
}
