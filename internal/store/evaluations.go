package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/evaluation"
)

// Evaluations stores 好差评 evaluations and rectifications (SPEC §7).
type Evaluations struct{ DB *DB }

var _ evaluation.Store = (*Evaluations)(nil)

// UnitKeys maps every unit's code and name to its id.
func (s *Evaluations) UnitKeys(ctx context.Context) (map[string]int64, error) {
	return (&Catalog{DB: s.DB}).UnitKeys(ctx)
}

// UpsertEvaluations creates or updates evaluations by number in one transaction.
func (s *Evaluations) UpsertEvaluations(ctx context.Context, evs []evaluation.Evaluation) (created, updated int, err error) {
	err = s.DB.Tx(ctx, func(tx *sql.Tx) error {
		created, updated = 0, 0
		for _, ev := range evs {
			var id int64
			err := tx.QueryRowContext(ctx, `SELECT id FROM evaluations WHERE no = $1`, ev.No).Scan(&id)
			switch {
			case errors.Is(err, sql.ErrNoRows):
				if id, err = insertEvaluation(ctx, tx, ev); err != nil {
					return err
				}
				created++
				continue
			case err != nil:
				return dbErr(err, "find evaluation")
			}
			if _, err := tx.ExecContext(ctx, `UPDATE evaluations SET evaluated_at = $1, channel = $2, target_kind = $3, target = $4,
				unit_id = $5, level = $6, content = $7 WHERE id = $8`, utc(ev.At), ev.Channel, ev.TargetKind, ev.Target,
				nullInt(ev.UnitID), ev.Score, ev.Content, id); err != nil {
				return dbErr(err, "update evaluation")
			}
			updated++
			var has, closed int
			if err := tx.QueryRowContext(ctx, `SELECT count(*), count(closed_at) FROM rectifications WHERE evaluation_id = $1`,
				id).Scan(&has, &closed); err != nil {
				return dbErr(err, "find rectification")
			}
			switch {
			case ev.Rect == nil:
				if _, err := tx.ExecContext(ctx, `DELETE FROM rectifications WHERE evaluation_id = $1`, id); err != nil {
					return dbErr(err, "delete rectification")
				}
			case has == 0:
				if err := insertRect(ctx, tx, id, ev.Rect); err != nil {
					return err
				}
			case !ev.Rect.ClosedAt.IsZero() && closed == 0: // a closed one keeps its record
				if err := closeRectByImport(ctx, tx, id, ev.Rect); err != nil {
					return err
				}
			}
		}
		return nil
	})
	return created, updated, err
}

func insertEvaluation(ctx context.Context, tx *sql.Tx, ev evaluation.Evaluation) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO evaluations (no, evaluated_at, channel, target_kind, target, unit_id, level,
		content, contact) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`, ev.No, utc(ev.At), ev.Channel,
		ev.TargetKind, ev.Target, nullInt(ev.UnitID), ev.Score, ev.Content, ev.Contact).Scan(&id)
	if err != nil {
		return 0, dbErr(err, "insert evaluation")
	}
	if ev.Rect != nil {
		return id, insertRect(ctx, tx, id, ev.Rect)
	}
	return id, nil
}

func insertRect(ctx context.Context, tx *sql.Tx, evID int64, r *evaluation.Rectification) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO rectifications (evaluation_id, unit_id, opened_at, verify_deadline,
		rectify_deadline, verified_at, verified_by, verification, verify_note, action, feedback, rectified_at, rectified_by,
		closed_at, closed_by, overdue) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
		evID, nullInt(r.UnitID), utc(r.OpenedAt), utc(r.VerifyDeadline), utc(r.RectifyDeadline), nullTime(r.VerifiedAt),
		r.VerifiedBy, r.Verification, r.VerifyNote, r.Action, r.Feedback, nullTime(r.RectifiedAt), r.RectifiedBy,
		nullTime(r.ClosedAt), r.ClosedBy, r.Overdue)
	return dbErr(err, "insert rectification")
}

// saveRect writes every step's record of r with its version raised, if r.Version
// is still the stored one (conflict otherwise).
func saveRect(ctx context.Context, tx *sql.Tx, evID int64, r *evaluation.Rectification) error {
	res, err := tx.ExecContext(ctx, `UPDATE rectifications SET verified_at = $1, verified_by = $2, verification = $3,
		verify_note = $4, action = $5, feedback = $6, rectified_at = $7, rectified_by = $8, closed_at = $9, closed_by = $10,
		overdue = $11, version = version + 1 WHERE evaluation_id = $12 AND version = $13`,
		nullTime(r.VerifiedAt), r.VerifiedBy, r.Verification, r.VerifyNote, r.Action, r.Feedback, nullTime(r.RectifiedAt),
		r.RectifiedBy, nullTime(r.ClosedAt), r.ClosedBy, r.Overdue, evID, r.Version)
	if err != nil {
		return dbErr(err, "save rectification")
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return app.Conflict("整改记录已被他人修改，请刷新后重试")
	}
	r.Version++
	return nil
}

// closeRectByImport closes an open rectification as a file says it was: the
// steps it already recorded keep their records, the others take the file's times.
func closeRectByImport(ctx context.Context, tx *sql.Tx, evID int64, r *evaluation.Rectification) error {
	_, err := tx.ExecContext(ctx, `UPDATE rectifications SET verified_at = COALESCE(verified_at, $1),
		rectified_at = COALESCE(rectified_at, $2), closed_at = $3, closed_by = $4, version = version + 1
		WHERE evaluation_id = $5`, nullTime(r.VerifiedAt), nullTime(r.RectifiedAt), nullTime(r.ClosedAt), r.ClosedBy, evID)
	return dbErr(err, "close rectification by import")
}

// CreateEvaluation stores one new evaluation and its rectification.
func (s *Evaluations) CreateEvaluation(ctx context.Context, ev evaluation.Evaluation) (id int64, err error) {
	err = s.DB.Tx(ctx, func(tx *sql.Tx) error {
		id, err = insertEvaluation(ctx, tx, ev)
		return err
	})
	return id, err
}

const evalQuery = `SELECT e.id, e.no, e.evaluated_at, e.channel, e.target_kind, e.target, e.unit_id, u.code, u.name, e.level,
	e.content, e.contact, r.id, r.opened_at, r.verify_deadline, r.rectify_deadline, r.verified_at, r.verified_by,
	r.verification, r.verify_note, r.action, r.feedback, r.rectified_at, r.rectified_by, r.closed_at, r.closed_by, r.overdue,
	r.version
	FROM evaluations e LEFT JOIN units u ON u.id = e.unit_id LEFT JOIN rectifications r ON r.evaluation_id = e.id `

func scanEvaluation(row rowScanner) (evaluation.Evaluation, error) {
	var ev evaluation.Evaluation
	var unitID, rid, version sql.NullInt64
	var ucode, uname, verifiedBy, verification, verifyNote, action, feedback, rectifiedBy, closedBy sql.NullString
	var opened, vdl, rdl, verified, rectified, closed sql.NullTime
	var overdue sql.NullBool
	err := row.Scan(&ev.ID, &ev.No, &ev.At, &ev.Channel, &ev.TargetKind, &ev.Target, &unitID, &ucode, &uname, &ev.Score,
		&ev.Content, &ev.Contact, &rid, &opened, &vdl, &rdl, &verified, &verifiedBy, &verification, &verifyNote, &action,
		&feedback, &rectified, &rectifiedBy, &closed, &closedBy, &overdue, &version)
	ev.UnitID, ev.UnitCode, ev.UnitName = unitID.Int64, ucode.String, uname.String
	if rid.Valid {
		ev.Rect = &evaluation.Rectification{ID: rid.Int64, UnitID: unitID.Int64, UnitName: uname.String, OpenedAt: opened.Time,
			VerifyDeadline: vdl.Time, RectifyDeadline: rdl.Time, VerifiedAt: verified.Time, VerifiedBy: verifiedBy.String,
			Verification: verification.String, VerifyNote: verifyNote.String, Action: action.String, Feedback: feedback.String,
			RectifiedAt: rectified.Time, RectifiedBy: rectifiedBy.String, ClosedAt: closed.Time, ClosedBy: closedBy.String,
			Overdue: overdue.Bool, Version: int(version.Int64)}
	}
	return ev, err
}

// FindEvaluations returns the evaluations of the filter, newest first.
func (s *Evaluations) FindEvaluations(ctx context.Context, f evaluation.Filter) ([]evaluation.Evaluation, error) {
	q, args := evalQuery+`WHERE 1 = 1`, []any{}
	if !f.From.IsZero() {
		args = append(args, utc(f.From))
		q += fmt.Sprintf(` AND e.evaluated_at >= $%d`, len(args))
	}
	if !f.To.IsZero() {
		args = append(args, utc(f.To))
		q += fmt.Sprintf(` AND e.evaluated_at < $%d`, len(args))
	}
	if f.BadOnly || f.OpenOnly {
		q += ` AND r.id IS NOT NULL`
	}
	if f.OpenOnly {
		q += ` AND r.closed_at IS NULL`
	}
	return queryAll(ctx, s.DB, "find evaluations", scanEvaluation, q+` ORDER BY e.evaluated_at DESC, e.id DESC`, args...)
}

// FindEvaluation returns one evaluation with its rectification.
func (s *Evaluations) FindEvaluation(ctx context.Context, id int64) (evaluation.Evaluation, error) {
	ev, err := scanEvaluation(s.DB.QueryRowContext(ctx, evalQuery+`WHERE e.id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return ev, app.NotFound("评价不存在")
	}
	return ev, dbErr(err, "find evaluation")
}

// UpdateRectification loads the evaluation and its rectification in a
// transaction (the rectification locked on PostgreSQL), refuses a stale version
// (0: unchecked), applies fn and saves every step's record with the version raised.
func (s *Evaluations) UpdateRectification(ctx context.Context, id int64, version int,
	fn func(evaluation.Evaluation, *evaluation.Rectification) error) (evaluation.Evaluation, error) {
	var out evaluation.Evaluation
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := s.DB.lockRow(ctx, tx, "rectification", `SELECT id FROM rectifications WHERE evaluation_id = $1 FOR UPDATE`, id); err != nil {
			return err
		}
		ev, err := scanEvaluation(tx.QueryRowContext(ctx, evalQuery+`WHERE e.id = $1`, id))
		if errors.Is(err, sql.ErrNoRows) {
			return app.NotFound("评价不存在").WithDetail("no evaluation %d", id)
		} else if err != nil {
			return dbErr(err, "find evaluation")
		}
		if ev.Rect == nil {
			return app.Errorf(app.EIllegalTransition, "该评价不是差评，无需整改").WithDetail("evaluation %d is not a 差评 and has no rectification", id)
		}
		if version > 0 && version != ev.Rect.Version {
			return &app.Error{Code: app.EConflict, Message: "整改记录已被他人修改，请刷新后重试",
				Detail: fmt.Sprintf("rectification of evaluation %d: stale version %d, current %d", id, version, ev.Rect.Version)}
		}
		if err := fn(ev, ev.Rect); err != nil {
			return err
		}
		if err := saveRect(ctx, tx, id, ev.Rect); err != nil {
			return err
		}
		out = ev
		return nil
	})
	return out, err
}

// FlagOverdue marks open rectifications past a deadline at now as overdue.
func (s *Evaluations) FlagOverdue(ctx context.Context, now time.Time) (int, error) {
	n := utc(now)
	res, err := s.DB.ExecContext(ctx, `UPDATE rectifications SET overdue = TRUE WHERE overdue = FALSE AND closed_at IS NULL
		AND ((verified_at IS NULL AND verify_deadline < $1) OR (rectified_at IS NULL AND rectify_deadline < $1))`, n)
	if err != nil {
		return 0, dbErr(err, "flag overdue rectifications")
	}
	k, err := res.RowsAffected()
	return int(k), dbErr(err, "flag overdue rectifications")
}
