package store

import (
	"database/sql"
	"fmt"
	"strings"

	"govdesk/internal/workorder"
)

// importUpdateCols are the columns a re-import rewrites from the row; the others (source,
// anonymity, sensitivity, location, reminders, supervision, duplicate and knowledge-base
// links, created_at) stay as they are.
var importUpdateCols = []string{"type", "urgent", "category_id", "title", "content", "citizen_name", "town_id",
	"village_id", "address", "received_at", "unit_id", "co_units", "status", "first_dispatched_at", "dispatched_at",
	"limit_days", "deadline_at", "sign_deadline_at", "accepted_at", "sign_late", "final_assigned", "ext_pending_days",
	"ext_pending_reason", "reply_text", "replied_at", "reply_approved", "callback_result", "callback_resolved",
	"callback_tries", "callback_note", "closed_at", "close_reason", "returns", "extensions", "reopens",
	"first_call_resolved", "updated_at"}

// importKeepable are the columns an export may show masked; a NULL keeps the stored value.
var importKeepable = map[string]bool{"title": true, "content": true, "citizen_name": true, "reply_text": true}

// importUpdateSQL rewrites an order from its row; a NULL phone (the file's was masked)
// and a NULL personal text (the file's was a masked rendering) keep the stored ones.
var importUpdateSQL = func() string {
	sets := make([]string, len(importUpdateCols))
	for i, c := range importUpdateCols {
		sets[i] = fmt.Sprintf("%s = $%d", c, i+1)
		if importKeepable[c] {
			sets[i] = fmt.Sprintf("%s = COALESCE($%d, %s)", c, i+1, c)
		}
	}
	n := len(importUpdateCols)
	return `UPDATE orders SET ` + strings.Join(sets, ", ") +
		fmt.Sprintf(`, citizen_phone = COALESCE($%d, citizen_phone), version = version + 1 WHERE id = $%d`, n+1, n+2)
}()

func importUpdateArgs(o *workorder.Order, item *workorder.ImportedOrder) []any {
	keep := func(v string, f workorder.MaskedFields) any {
		if item.Masked&f != 0 {
			return nil
		}
		return v
	}
	var phone any = o.CitizenPhone
	if item.PhoneMasked || item.Masked&workorder.MaskedCitizen != 0 {
		phone = nil
	}
	return []any{o.Type, o.Urgent, nullInt(o.CategoryID), keep(o.Title, workorder.MaskedTitle), keep(o.Content, workorder.MaskedContent),
		keep(o.CitizenName, workorder.MaskedCitizen), nullInt(o.TownID),
		nullInt(o.VillageID), o.Address, utc(o.ReceivedAt), nullInt(o.UnitID), strings.Join(o.CoUnits, ","), string(o.Status),
		nullTime(o.FirstDispatchedAt), nullTime(o.DispatchedAt), o.LimitDays, nullTime(o.DeadlineAt), nullTime(o.SignDeadlineAt),
		nullTime(o.AcceptedAt), o.SignLate, o.FinalAssigned, o.ExtPendingDays, o.ExtPendingReason, keep(o.ReplyText, workorder.MaskedReply),
		nullTime(o.RepliedAt), o.ReplyApproved, o.CallbackResult, o.CallbackResolved, o.CallbackTries, o.CallbackNote,
		nullTime(o.ClosedAt), o.CloseReason, o.Returns, o.Extensions, o.Reopens, o.FirstCallResolved, utc(o.UpdatedAt),
		phone, o.ID}
}

// importInsertCols are the columns of a new imported order. The others keep their
// schema defaults, which is what an import sets them to (checked by importInsertArgs):
// binding 17 constant values a million times is worth leaving out.
const importInsertCols = `id, no, source, type, urgent, category_id, title, content, citizen_name, citizen_phone,
	town_id, village_id, address, received_at, unit_id, status, first_dispatched_at, dispatched_at, limit_days,
	deadline_at, sign_deadline_at, accepted_at, reply_text, replied_at, reply_approved, callback_result,
	callback_resolved, closed_at, close_reason, reopens, first_call_resolved, version, created_at, updated_at`

var nImportInsertCols = len(strings.Split(importInsertCols, ","))

// importInsertArgs returns the values of importInsertCols; false when the order sets a
// column importInsertCols leaves to its default.
func importInsertArgs(args []any, o *workorder.Order) ([]any, bool) {
	if o.Anonymous || o.HasLocation || len(o.Sensitive) > 0 || len(o.CoUnits) > 0 || o.SignLate || o.FinalAssigned ||
		o.ExtPendingDays != 0 || o.ExtPendingReason != "" || o.CallbackTries != 0 || o.CallbackNote != "" || o.Returns != 0 ||
		o.Extensions != 0 || o.Reminders != 0 || o.Supervised || o.DuplicateOf != 0 || o.KBArticleID != 0 {
		return args, false
	}
	return append(args, o.ID, o.No, o.Source, o.Type, o.Urgent, nullInt(o.CategoryID), o.Title, o.Content, o.CitizenName,
		o.CitizenPhone, nullInt(o.TownID), nullInt(o.VillageID), o.Address, utc(o.ReceivedAt), nullInt(o.UnitID),
		string(o.Status), nullTime(o.FirstDispatchedAt), nullTime(o.DispatchedAt), o.LimitDays, nullTime(o.DeadlineAt),
		nullTime(o.SignDeadlineAt), nullTime(o.AcceptedAt), o.ReplyText, nullTime(o.RepliedAt), o.ReplyApproved,
		o.CallbackResult, o.CallbackResolved, nullTime(o.ClosedAt), o.CloseReason, o.Reopens, o.FirstCallResolved,
		o.Version, utc(o.CreatedAt), utc(o.UpdatedAt)), true
}

const eventCols = `order_id, action, at, actor, from_status, to_status, note, data`

// multiInsert is "INSERT INTO table (cols) VALUES (…), (…)" for rows rows.
func multiInsert(table, cols string, ncols, rows int) string {
	var b strings.Builder
	b.WriteString("INSERT INTO " + table + " (" + cols + ") VALUES ")
	for r := 0; r < rows; r++ {
		if r > 0 {
			b.WriteString(", ")
		}
		b.WriteString("(" + placeholders(r*ncols+1, (r+1)*ncols) + ")")
	}
	return b.String()
}

// stmtKey names a bulk statement: what it does and, for a multi-row insert, its rows.
type stmtKey struct {
	kind string
	rows int
}

// stmt returns the prepared statement of key, building and preparing it on first use:
// statements of hundreds of parameters are built and prepared once.
func (w *bulkWriter) stmt(key stmtKey) (*sql.Stmt, error) {
	if st, ok := w.stmts[key]; ok {
		return st, nil
	}
	var query string
	switch key.kind {
	case "orders":
		query = multiInsert("orders", importInsertCols, nImportInsertCols, key.rows)
	case "events":
		query = multiInsert("order_events", eventCols, nEventCols, key.rows)
	case "update":
		query = importUpdateSQL
	case "delete-events":
		query = `DELETE FROM order_events WHERE order_id = $1 AND actor = '` + workorder.ImportActor + `'`
	}
	st, err := w.tx.PrepareContext(w.ctx, w.positional(query))
	if err != nil {
		return nil, dbErr(err, "prepare import statement")
	}
	if w.stmts == nil {
		w.stmts = map[stmtKey]*sql.Stmt{}
	}
	w.stmts[key] = st
	return st, nil
}

func (w *bulkWriter) close() {
	for _, st := range w.stmts {
		st.Close()
	}
}

// positional returns query for the writer's engine. On SQLite every $N becomes a bare ?:
// modernc asks SQLite for each parameter's name when it binds, which SQLite finds by a
// linear search, so a statement of n numbered parameters costs n² per execution. The
// bulk statements number their parameters in the order they appear, which is what ? means.
func (w *bulkWriter) positional(query string) string {
	if w.engine != SQLite {
		return query
	}
	var b strings.Builder
	b.Grow(len(query))
	for i := 0; i < len(query); i++ {
		if query[i] == '$' && i+1 < len(query) && query[i+1] >= '0' && query[i+1] <= '9' {
			b.WriteByte('?')
			for i+1 < len(query) && query[i+1] >= '0' && query[i+1] <= '9' {
				i++
			}
			continue
		}
		b.WriteByte(query[i])
	}
	return b.String()
}
