package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"govdesk/internal/account"
	"govdesk/internal/catalog"
)

// UpsertCases creates or updates cases by number in one transaction, creating the
// towns and villages they name.
func (s *Catalog) UpsertCases(ctx context.Context, cases []catalog.Case) (created, updated int, regions []string, err error) {
	err = s.DB.Tx(ctx, func(tx *sql.Tx) error {
		created, updated, regions = 0, 0, nil
		type key struct{ town, village string }
		ids := map[key][2]int64{}
		for _, c := range cases {
			k := key{c.Town, c.Village}
			r, ok := ids[k]
			if !ok {
				town, made, err := ensureNode(ctx, tx, "regions", 0, c.Town, account.LevelTown)
				if err != nil {
					return err
				}
				if made {
					regions = append(regions, c.Town)
				}
				r[0] = town
				if c.Village != "" {
					v, made, err := ensureNode(ctx, tx, "regions", town, c.Village, account.LevelVillage)
					if err != nil {
						return err
					}
					if made {
						regions = append(regions, c.Town+"/"+c.Village)
					}
					r[1] = v
				}
				ids[k] = r
			}
			args := []any{c.ItemID, c.Applicant, c.Channel, r[0], nullInt(r[1]), utc(c.AcceptedAt), nullTime(c.FinishedAt),
				c.Result, c.PromisedDays, nullTime(c.Deadline), c.No}
			var id int64
			err := tx.QueryRowContext(ctx, `SELECT id FROM cases WHERE no = $1`, c.No).Scan(&id)
			switch {
			case errors.Is(err, sql.ErrNoRows):
				if _, err := tx.ExecContext(ctx, `INSERT INTO cases (item_id, applicant, channel, town_id, village_id, accepted_at,
					finished_at, result, promised_days, deadline_at, no) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
					args...); err != nil {
					return dbErr(err, "insert case")
				}
				created++
			case err != nil:
				return dbErr(err, "find case")
			default:
				if _, err := tx.ExecContext(ctx, `UPDATE cases SET item_id = $1, applicant = $2, channel = $3, town_id = $4,
					village_id = $5, accepted_at = $6, finished_at = $7, result = $8, promised_days = $9, deadline_at = $10
					WHERE no = $11`, args...); err != nil {
					return dbErr(err, "update case")
				}
				updated++
			}
		}
		return nil
	})
	return created, updated, regions, err
}

// FindCases returns the cases accepted in [from, to), newest first.
func (s *Catalog) FindCases(ctx context.Context, from, to time.Time) ([]catalog.Case, error) {
	return queryAll(ctx, s.DB, "find cases", func(r rowScanner) (catalog.Case, error) {
		var c catalog.Case
		var village sql.NullString
		var finished, deadline sql.NullTime
		err := r.Scan(&c.ID, &c.No, &c.ItemID, &c.ItemCode, &c.ItemName, &c.Applicant, &c.Channel, &c.Town, &village,
			&c.AcceptedAt, &finished, &c.Result, &c.PromisedDays, &deadline)
		c.Village, c.FinishedAt, c.Deadline = village.String, finished.Time, deadline.Time
		return c, err
	}, `SELECT c.id, c.no, c.item_id, i.code, i.name, c.applicant, c.channel, t.name, v.name, c.accepted_at, c.finished_at,
		c.result, c.promised_days, c.deadline_at
		FROM cases c JOIN items i ON i.id = c.item_id JOIN regions t ON t.id = c.town_id LEFT JOIN regions v ON v.id = c.village_id
		WHERE c.accepted_at >= $1 AND c.accepted_at < $2 ORDER BY c.accepted_at DESC, c.id DESC`, utc(from), utc(to))
}
