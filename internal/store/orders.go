package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/workorder"
)

// Orders implements workorder.Store.
type Orders struct{ DB *DB }

var _ workorder.Store = (*Orders)(nil)

// orderCols are the stored columns of an order, in the order of orderArgs.
const orderCols = `no, source, type, urgent, category_id, title, content, citizen_name, citizen_phone, anonymous,
	town_id, village_id, address, lat, lng, sensitive, received_at, unit_id, co_units, status,
	first_dispatched_at, dispatched_at, limit_days, deadline_at, sign_deadline_at, accepted_at, sign_late, final_assigned,
	ext_pending_days, ext_pending_reason, reply_text, replied_at, reply_approved, callback_result, callback_resolved,
	callback_tries, callback_note, closed_at, close_reason, returns, extensions, reminders, reopens, supervised,
	duplicate_of, kb_article_id, first_call_resolved, version, created_at, updated_at`

func nullFloat(ok bool, v float64) any {
	if !ok {
		return nil
	}
	return v
}

func orderArgs(o *workorder.Order) []any {
	return []any{o.No, o.Source, o.Type, o.Urgent, nullInt(o.CategoryID), o.Title, o.Content, o.CitizenName, o.CitizenPhone, o.Anonymous,
		nullInt(o.TownID), nullInt(o.VillageID), o.Address, nullFloat(o.HasLocation, o.Lat), nullFloat(o.HasLocation, o.Lng),
		strings.Join(o.Sensitive, ","), utc(o.ReceivedAt), nullInt(o.UnitID), strings.Join(o.CoUnits, ","), string(o.Status),
		nullTime(o.FirstDispatchedAt), nullTime(o.DispatchedAt), o.LimitDays, nullTime(o.DeadlineAt), nullTime(o.SignDeadlineAt),
		nullTime(o.AcceptedAt), o.SignLate, o.FinalAssigned, o.ExtPendingDays, o.ExtPendingReason, o.ReplyText, nullTime(o.RepliedAt),
		o.ReplyApproved, o.CallbackResult, o.CallbackResolved, o.CallbackTries, o.CallbackNote, nullTime(o.ClosedAt), o.CloseReason,
		o.Returns, o.Extensions, o.Reminders, o.Reopens, o.Supervised, nullInt(o.DuplicateOf), nullInt(o.KBArticleID),
		o.FirstCallResolved, o.Version, utc(o.CreatedAt), utc(o.UpdatedAt)}
}

// placeholders returns "$from, …, $to".
func placeholders(from, to int) string {
	var b strings.Builder
	for i := from; i <= to; i++ {
		if i > from {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "$%d", i)
	}
	return b.String()
}

var (
	nOrderCols     = len(strings.Split(orderCols, ","))
	insertOrderSQL = `INSERT INTO orders (` + orderCols + `) VALUES (` + placeholders(1, nOrderCols) + `) RETURNING id`
	updateOrderSQL = func() string {
		cols := strings.Split(orderCols, ",")
		sets := make([]string, len(cols))
		for i, c := range cols {
			sets[i] = fmt.Sprintf("%s = $%d", strings.TrimSpace(c), i+1)
		}
		return `UPDATE orders SET ` + strings.Join(sets, ", ") + fmt.Sprintf(` WHERE id = $%d`, len(cols)+1)
	}()
)

// selectOrder reads an order with its unit, region and category names.
const selectOrder = `SELECT o.id, o.no, o.source, o.type, o.urgent, COALESCE(o.category_id, 0), COALESCE(c.path, ''), o.title, o.content,
	o.citizen_name, o.citizen_phone, o.anonymous, COALESCE(o.town_id, 0), COALESCE(o.village_id, 0), COALESCE(t.name, ''),
	COALESCE(v.name, ''), o.address, o.lat, o.lng, o.sensitive, o.received_at, COALESCE(o.unit_id, 0), COALESCE(u.code, ''),
	COALESCE(u.name, ''), o.co_units, o.status, o.first_dispatched_at, o.dispatched_at, o.limit_days, o.deadline_at,
	o.sign_deadline_at, o.accepted_at, o.sign_late, o.final_assigned, o.ext_pending_days, o.ext_pending_reason, o.reply_text,
	o.replied_at, o.reply_approved, o.callback_result, o.callback_resolved, o.callback_tries, o.callback_note, o.closed_at,
	o.close_reason, o.returns, o.extensions, o.reminders, o.reopens, o.supervised, COALESCE(o.duplicate_of, 0),
	COALESCE(o.kb_article_id, 0), o.first_call_resolved, o.version, o.created_at, o.updated_at
	FROM orders o LEFT JOIN units u ON u.id = o.unit_id LEFT JOIN regions t ON t.id = o.town_id
	LEFT JOIN regions v ON v.id = o.village_id LEFT JOIN categories c ON c.id = o.category_id`

func scanOrder(sc rowScanner) (workorder.Order, error) {
	var o workorder.Order
	var lat, lng sql.NullFloat64
	var sensitive, coUnits, status string
	var firstDisp, disp, deadline, signDeadline, accepted, replied, closed sql.NullTime
	err := sc.Scan(&o.ID, &o.No, &o.Source, &o.Type, &o.Urgent, &o.CategoryID, &o.Category, &o.Title, &o.Content,
		&o.CitizenName, &o.CitizenPhone, &o.Anonymous, &o.TownID, &o.VillageID, &o.Town, &o.Village, &o.Address, &lat, &lng,
		&sensitive, &o.ReceivedAt, &o.UnitID, &o.UnitCode, &o.UnitName, &coUnits, &status, &firstDisp, &disp, &o.LimitDays,
		&deadline, &signDeadline, &accepted, &o.SignLate, &o.FinalAssigned, &o.ExtPendingDays, &o.ExtPendingReason, &o.ReplyText,
		&replied, &o.ReplyApproved, &o.CallbackResult, &o.CallbackResolved, &o.CallbackTries, &o.CallbackNote, &closed,
		&o.CloseReason, &o.Returns, &o.Extensions, &o.Reminders, &o.Reopens, &o.Supervised, &o.DuplicateOf, &o.KBArticleID,
		&o.FirstCallResolved, &o.Version, &o.CreatedAt, &o.UpdatedAt)
	if err != nil {
		return o, err
	}
	o.Status = workorder.Status(status)
	o.Lat, o.Lng, o.HasLocation = lat.Float64, lng.Float64, lat.Valid && lng.Valid
	o.Sensitive, o.CoUnits = splitList(sensitive), splitList(coUnits)
	o.FirstDispatchedAt, o.DispatchedAt, o.DeadlineAt = firstDisp.Time, disp.Time, deadline.Time
	o.SignDeadlineAt, o.AcceptedAt, o.RepliedAt, o.ClosedAt = signDeadline.Time, accepted.Time, replied.Time, closed.Time
	return o, nil
}

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

// CreateOrder inserts an order with its event and notices in one transaction.
func (s *Orders) CreateOrder(ctx context.Context, o *workorder.Order, c workorder.Change) error {
	return s.DB.Tx(ctx, func(tx *sql.Tx) error { return insertOrder(ctx, tx, o, c) })
}

func insertOrder(ctx context.Context, tx *sql.Tx, o *workorder.Order, c workorder.Change) error {
	if o.No == "" {
		no, err := nextOrderNo(ctx, tx, o.ReceivedAt)
		if err != nil {
			return err
		}
		o.No = no
	}
	if err := tx.QueryRowContext(ctx, insertOrderSQL, orderArgs(o)...).Scan(&o.ID); err != nil {
		if app.ErrorCode(dbErr(err, "")) == app.EConflict {
			return app.Conflict("工单编号 %s 已存在", o.No)
		}
		return dbErr(err, "insert order")
	}
	return appendChange(ctx, tx, o, c)
}

// nextOrderNo returns YYYYMMDD + the day's next 6-digit sequence number.
//
// The day's counter row is locked by the increment until the transaction ends, so
// concurrent creators take distinct numbers. Numbers of the same form can also come
// from elsewhere (imports of an upstream platform's export, the demo loader, a
// restore of an older backup): when the counter's candidate is already taken, the
// counter jumps past the day's highest number in use, in this transaction, so a
// collision is never retried with the same number.
func nextOrderNo(ctx context.Context, tx *sql.Tx, received time.Time) (string, error) {
	day := received.In(app.Shanghai).Format("20060102")
	var n int
	err := tx.QueryRowContext(ctx, `INSERT INTO order_seq (day, n) VALUES ($1, 1)
		ON CONFLICT (day) DO UPDATE SET n = order_seq.n + 1 RETURNING n`, day).Scan(&n)
	if err != nil {
		return "", dbErr(err, "next order number")
	}
	no := fmt.Sprintf("%s%06d", day, n)
	var taken int
	err = tx.QueryRowContext(ctx, `SELECT count(*) FROM orders WHERE no = $1`, no).Scan(&taken)
	if err != nil || taken == 0 {
		return no, dbErr(err, "check order number")
	}
	top, err := highestOrderSeq(ctx, tx, day)
	if err != nil {
		return "", err
	}
	if top >= 999999 {
		return "", app.Conflict("%s 的工单编号已用完", day)
	}
	n = max(n, top) + 1
	if _, err := tx.ExecContext(ctx, `UPDATE order_seq SET n = $1 WHERE day = $2`, n, day); err != nil {
		return "", dbErr(err, "advance order number")
	}
	return fmt.Sprintf("%s%06d", day, n), nil
}

// highestOrderSeq returns the highest sequence among the day's numbers of the
// generated form (the day followed by exactly six digits); 0 when there is none.
func highestOrderSeq(ctx context.Context, tx *sql.Tx, day string) (int, error) {
	rows, err := tx.QueryContext(ctx, `SELECT no FROM orders WHERE no >= $1 AND no <= $2 AND length(no) = 14
		ORDER BY no DESC`, day+"000000", day+"999999")
	if err != nil {
		return 0, dbErr(err, "highest order number")
	}
	defer rows.Close()
	for rows.Next() {
		var no string
		if err := rows.Scan(&no); err != nil {
			return 0, dbErr(err, "highest order number")
		}
		var n int
		if _, err := fmt.Sscanf(no[8:], "%06d", &n); err == nil && fmt.Sprintf("%06d", n) == no[8:] {
			return n, rows.Close()
		}
	}
	return 0, dbErr(rows.Err(), "highest order number")
}

func appendChange(ctx context.Context, tx *sql.Tx, o *workorder.Order, c workorder.Change) error {
	ev := c.Event
	data, _ := json.Marshal(ev.Data)
	if ev.Data == nil {
		data = []byte("{}")
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO order_events (order_id, action, at, actor, from_status, to_status, note, data)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, o.ID, ev.Action, utc(ev.At), ev.Actor, string(ev.From), string(ev.To), ev.Note, string(data)); err != nil {
		return dbErr(err, "insert order event")
	}
	for _, n := range c.Notices {
		n.OrderID = o.ID
		if _, err := insertNotice(ctx, tx, n); err != nil {
			return err
		}
	}
	return nil
}

// FindOrderByID returns an order; not_found when none.
func (s *Orders) FindOrderByID(ctx context.Context, id int64) (workorder.Order, error) {
	return findOrder(ctx, s.DB, `o.id = $1`, id)
}

// FindOrderByNo returns an order by its number; not_found when none.
func (s *Orders) FindOrderByNo(ctx context.Context, no string) (workorder.Order, error) {
	return findOrder(ctx, s.DB, `o.no = $1`, no)
}

func findOrder(ctx context.Context, q queryer, where string, arg any) (workorder.Order, error) {
	o, err := scanOrder(q.QueryRowContext(ctx, selectOrder+` WHERE `+where, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return o, app.NotFound("工单不存在")
	}
	return o, dbErr(err, "find order")
}

// UpdateOrder applies fn to the order under an optimistic version check.
func (s *Orders) UpdateOrder(ctx context.Context, id int64, version int, fn func(*workorder.Order) (workorder.Change, error)) (workorder.Order, error) {
	var out workorder.Order
	err := s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := s.DB.lockRow(ctx, tx, "order", `SELECT id FROM orders WHERE id = $1 FOR UPDATE`, id); err != nil {
			return err
		}
		o, err := findOrder(ctx, tx, `o.id = $1`, id)
		if err != nil {
			return err
		}
		if version > 0 && version != o.Version {
			return &app.Error{Code: app.EConflict, Message: "工单已被他人修改，请刷新后重试",
				Detail: fmt.Sprintf("stale version %d, current %d", version, o.Version)}
		}
		c, err := fn(&o)
		if err != nil {
			return err
		}
		o.Version++
		o.UpdatedAt = c.Event.At
		res, err := tx.ExecContext(ctx, updateOrderSQL, append(orderArgs(&o), o.ID)...)
		if err != nil {
			return dbErr(err, "update order")
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return app.Conflict("工单已被他人修改，请刷新后重试")
		}
		if err := appendChange(ctx, tx, &o, c); err != nil {
			return err
		}
		out = o
		return nil
	})
	return out, err
}

// FindEvents returns an order's events, oldest first.
func (s *Orders) FindEvents(ctx context.Context, orderID int64) ([]workorder.Event, error) {
	return queryAll(ctx, s.DB, "find order events", func(sc rowScanner) (e workorder.Event, err error) {
		var from, to, data string
		if err = sc.Scan(&e.ID, &e.OrderID, &e.Action, &e.At, &e.Actor, &from, &to, &e.Note, &data); err != nil {
			return e, err
		}
		e.From, e.To = workorder.Status(from), workorder.Status(to)
		return e, json.Unmarshal([]byte(data), &e.Data)
	}, `SELECT id, order_id, action, at, actor, from_status, to_status, note, data FROM order_events WHERE order_id = $1 ORDER BY id`, orderID)
}

// LogAccess appends to the personal-data access log.
func (s *Orders) LogAccess(ctx context.Context, e workorder.AccessEntry) error {
	_, err := s.DB.ExecContext(ctx, `INSERT INTO access_log (at, username, action, order_id, detail) VALUES ($1, $2, $3, $4, $5)`,
		utc(e.At), e.Username, e.Action, nullInt(e.OrderID), e.Detail)
	return dbErr(err, "log access")
}
