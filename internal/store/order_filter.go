package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"govdesk/internal/workorder"
)

// overdueSQL is the 超期 condition at $now (SPEC §4.2, §9): an approved or pending
// reply after the deadline, or no reply, still being handled, past the deadline.
// It is workorder.FlagsAt's Overdue in SQL; TestOverdue_SQLAndFlagsAgree keeps the two
// picking the same orders on both engines.
const overdueSQL = `(o.deadline_at IS NOT NULL AND ((o.replied_at IS NOT NULL AND o.replied_at > o.deadline_at)
	OR (o.replied_at IS NULL AND o.status IN ('dispatched', 'accepted') AND o.deadline_at < %s)))`

// Conditions shared by the list filter and the statistics (stats.go), so that a
// figure and its drill-down count the same orders.
const (
	urgentSQL       = `o.urgent`
	closedSQL       = `o.status = 'closed'`
	withDeadlineSQL = `o.deadline_at IS NOT NULL`
	approvedSQL     = `o.reply_approved`
	onTimeSQL       = `(o.reply_approved AND o.deadline_at IS NOT NULL AND o.replied_at <= o.deadline_at)`
	ratedSQL        = `o.callback_result IN ('满意', '基本满意', '不满意')`
	satisfiedSQL    = `o.callback_result IN ('满意', '基本满意')`
	firstCallSQL    = `o.first_call_resolved`
	supervisedSQL   = `o.supervised`
	dispatchedSQL   = `o.first_dispatched_at IS NOT NULL`
)

// where builds the WHERE clause of a filter; args are numbered from 1.
type where struct {
	conds []string
	args  []any
	joins bool // the clause refers to region or category names
}

func (w *where) arg(v any) string {
	w.args = append(w.args, v)
	return fmt.Sprintf("$%d", len(w.args))
}

func (w *where) add(format string, vals ...any) {
	ph := make([]any, len(vals))
	for i, v := range vals {
		ph[i] = w.arg(v)
	}
	w.conds = append(w.conds, fmt.Sprintf(format, ph...))
}

func (w *where) flag(b *bool, cond string) {
	if b == nil {
		return
	}
	if *b {
		w.conds = append(w.conds, cond)
	} else {
		w.conds = append(w.conds, "NOT "+cond)
	}
}

func (w *where) String() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// likeLiteral escapes LIKE's wildcards (% and _) and the escape character, so that
// s matches only itself in a pattern written with ESCAPE '\' (SQLite and
// PostgreSQL alike). A unit code, a category or a search text is never a pattern.
func likeLiteral(s string) string {
	return strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(s)
}

func orderWhere(f workorder.Filter) *where {
	w := &where{}
	if len(f.Statuses) > 0 {
		ph := make([]string, len(f.Statuses))
		for i, s := range f.Statuses {
			ph[i] = w.arg(string(s))
		}
		w.conds = append(w.conds, "o.status IN ("+strings.Join(ph, ", ")+")")
	}
	if f.ScopeUnitID != 0 {
		w.add(`(o.unit_id = %s OR ',' || o.co_units || ',' LIKE %s ESCAPE '\')`, f.ScopeUnitID, "%,"+likeLiteral(f.ScopeUnitCode)+",%")
	}
	if f.UnitCode != "" {
		w.add("o.unit_id = (SELECT id FROM units WHERE code = %s)", f.UnitCode)
	}
	if f.Type != "" {
		w.add("o.type = %s", f.Type)
	}
	if f.NonConsult {
		w.conds = append(w.conds, "o.type <> '咨询'")
	}
	w.flag(f.Urgent, urgentSQL)
	if !f.From.IsZero() {
		w.add("o.received_at >= %s", utc(f.From))
	}
	if !f.To.IsZero() {
		w.add("o.received_at < %s", utc(f.To))
	}
	if q := strings.TrimSpace(f.Q); q != "" {
		like := "%" + likeLiteral(q) + "%"
		switch {
		case f.QNumberOnly:
			w.add(`o.no LIKE %s ESCAPE '\'`, like)
		case f.QNumberOnlyAnonymous:
			w.add(`(o.no LIKE %s ESCAPE '\' OR (NOT o.anonymous AND (o.title LIKE %s ESCAPE '\' OR o.content LIKE %s ESCAPE '\'
				OR o.address LIKE %s ESCAPE '\')))`, like, like, like, like)
		default:
			w.add(`(o.no LIKE %s ESCAPE '\' OR o.title LIKE %s ESCAPE '\' OR o.content LIKE %s ESCAPE '\' OR o.address LIKE %s ESCAPE '\')`, like, like, like, like)
		}
	}
	if f.Overdue != nil {
		w.flag(f.Overdue, fmt.Sprintf(overdueSQL, w.arg(utc(f.Now))))
	}
	w.flag(f.Supervised, supervisedSQL)
	if f.Source != "" {
		w.add("o.source = %s", f.Source)
	}
	if f.Sensitive {
		w.conds = append(w.conds, "o.sensitive <> ''")
	}
	if f.Phone != "" {
		w.add("o.citizen_phone = %s", f.Phone)
		if f.QNumberOnlyAnonymous { // the phone would name an anonymous citizen
			w.conds = append(w.conds, "NOT o.anonymous")
		}
	}
	if f.Town != "" {
		w.add("t.name = %s", f.Town)
		w.joins = true
	}
	if f.Category != "" {
		w.add(`(c.path = %s OR c.path LIKE %s ESCAPE '\')`, f.Category, likeLiteral(f.Category)+"/%")
		w.joins = true
	}
	w.flag(f.Closed, closedSQL)
	w.flag(f.FirstCall, firstCallSQL)
	w.flag(f.Approved, approvedSQL)
	if f.WithDeadline {
		w.conds = append(w.conds, withDeadlineSQL)
	}
	if f.Dispatched {
		w.conds = append(w.conds, dispatchedSQL)
	}
	w.flag(f.OnTime, onTimeSQL)
	if f.Rated {
		w.conds = append(w.conds, ratedSQL)
	}
	if f.Satisfied {
		w.conds = append(w.conds, satisfiedSQL)
	}
	for col, min := range map[string]int{"returns": f.MinReturns, "extensions": f.MinExtensions, "reopens": f.MinReopens, "reminders": f.MinReminders} {
		if min > 0 {
			w.add("o."+col+" >= %s", min)
		}
	}
	return w
}

// FindOrders returns one page of the orders matching f and the total count.
func (s *Orders) FindOrders(ctx context.Context, f workorder.Filter) ([]workorder.Order, int, error) {
	w := orderWhere(f)
	from := ` FROM orders o`
	if w.joins {
		from += ` LEFT JOIN regions t ON t.id = o.town_id LEFT JOIN categories c ON c.id = o.category_id`
	}
	var total int
	if err := s.DB.QueryRowContext(ctx, `SELECT count(*)`+from+w.String(), w.args...).Scan(&total); err != nil {
		return nil, 0, dbErr(err, "count orders")
	}
	p := f.Page.Normalize()
	order := ` ORDER BY o.received_at DESC, o.id DESC`
	if f.Order == "deadline" {
		order = ` ORDER BY o.deadline_at ASC NULLS LAST, o.id`
	}
	q := selectOrder + w.String() + order + fmt.Sprintf(` LIMIT %d OFFSET %d`, p.PerPage, p.Offset())
	list, err := queryAll(ctx, s.DB, "find orders", scanOrder, q, w.args...)
	return list, total, err
}

// FindRecentOpen returns the candidates of a duplicate hint: open orders received
// since the time with the phone, or in the town, newest first; only the fields a
// hint shows are read.
func (s *Orders) FindRecentOpen(ctx context.Context, phone string, townID int64, since time.Time, limit int) ([]workorder.Order, error) {
	cond, arg := `citizen_phone = $1`, any(phone)
	if phone == "" {
		cond, arg = `town_id = $1`, townID
	}
	return queryAll(ctx, s.DB, "find recent open orders", func(sc rowScanner) (o workorder.Order, err error) {
		var st string
		err = sc.Scan(&o.ID, &o.No, &o.Title, &o.Content, &st, &o.ReceivedAt)
		o.Status = workorder.Status(st)
		return o, err
	}, `SELECT id, no, title, content, status, received_at FROM orders WHERE `+cond+
		` AND received_at >= $2 AND status <> 'closed' ORDER BY received_at DESC LIMIT `+strconv.Itoa(limit), arg, utc(since))
}
