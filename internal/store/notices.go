package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/workorder"
)

// insertNotice stores a notice; one with a dedup key already raised is skipped (false).
func insertNotice(ctx context.Context, q queryer, n workorder.Notice) (bool, error) {
	var key any
	if n.DedupKey != "" {
		key = n.DedupKey
	}
	res, err := q.ExecContext(ctx, `INSERT INTO notices (kind, order_id, unit_id, role, title, body, dedup_key, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (dedup_key) DO NOTHING`,
		n.Kind, nullInt(n.OrderID), nullInt(n.UnitID), n.Role, n.Title, n.Body, key, utc(n.CreatedAt))
	if err != nil {
		return false, dbErr(err, "insert notice")
	}
	k, _ := res.RowsAffected()
	return k == 1, nil
}

// AddNotices stores notices in one transaction and returns how many were new.
func (s *Orders) AddNotices(ctx context.Context, ns []workorder.Notice) (int, error) {
	added := 0
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		added = 0
		for _, n := range ns {
			ok, err := insertNotice(ctx, tx, n)
			if err != nil {
				return err
			}
			if ok {
				added++
			}
		}
		return nil
	})
	return added, err
}

// noticeScope selects the notices of a user: its unit's and its role's.
const noticeScope = `(n.unit_id = $2 OR n.role = $3)`

// FindNotices returns a page of a user's notices, newest first, with their read state.
func (s *Orders) FindNotices(ctx context.Context, userID, unitID int64, role string, unreadOnly bool, page app.Page) ([]workorder.Notice, int, error) {
	cond := noticeScope
	if unreadOnly {
		cond += ` AND r.notice_id IS NULL`
	}
	from := ` FROM notices n LEFT JOIN notice_reads r ON r.notice_id = n.id AND r.user_id = $1 LEFT JOIN orders o ON o.id = n.order_id WHERE ` + cond
	var total int
	if err := s.DB.QueryRowContext(ctx, `SELECT count(*)`+from, userID, unitID, role).Scan(&total); err != nil {
		return nil, 0, dbErr(err, "count notices")
	}
	p := page.Normalize()
	list, err := queryAll(ctx, s.DB, "find notices", func(sc rowScanner) (n workorder.Notice, err error) {
		err = sc.Scan(&n.ID, &n.Kind, &n.OrderID, &n.OrderNo, &n.UnitID, &n.Role, &n.Title, &n.Body, &n.CreatedAt, &n.Read)
		return n, err
	}, `SELECT n.id, n.kind, COALESCE(n.order_id, 0), COALESCE(o.no, ''), COALESCE(n.unit_id, 0), n.role, n.title, n.body, n.created_at,
		r.notice_id IS NOT NULL`+from+fmt.Sprintf(` ORDER BY n.id DESC LIMIT %d OFFSET %d`, p.PerPage, p.Offset()), userID, unitID, role)
	return list, total, err
}

// UnreadNotices counts a user's unread notices.
func (s *Orders) UnreadNotices(ctx context.Context, userID, unitID int64, role string) (int, error) {
	var n int
	err := s.DB.QueryRowContext(ctx, `SELECT count(*) FROM notices n LEFT JOIN notice_reads r ON r.notice_id = n.id AND r.user_id = $1
		WHERE `+noticeScope+` AND r.notice_id IS NULL`, userID, unitID, role).Scan(&n)
	return n, dbErr(err, "count unread notices")
}

// MarkNoticesRead marks the given notices (all of the user's when ids is empty) as read by the user.
func (s *Orders) MarkNoticesRead(ctx context.Context, userID, unitID int64, role string, ids []int64, at time.Time) error {
	q := `INSERT INTO notice_reads (notice_id, user_id, read_at) SELECT n.id, $1, $4 FROM notices n WHERE ` + noticeScope
	args := []any{userID, unitID, role, utc(at)}
	if len(ids) > 0 {
		ph := make([]string, len(ids))
		for i, id := range ids {
			args = append(args, id)
			ph[i] = fmt.Sprintf("$%d", len(args))
		}
		q += ` AND n.id IN (` + strings.Join(ph, ", ") + `)`
	}
	_, err := s.DB.ExecContext(ctx, q+` ON CONFLICT (notice_id, user_id) DO NOTHING`, args...)
	return dbErr(err, "mark notices read")
}
