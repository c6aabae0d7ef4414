package store

import (
	"context"
	"database/sql"
	"errors"

	"govdesk/internal/app"
	"govdesk/internal/workorder"
)

// AddAttachment stores a file of an order, refusing more than max per order. The
// count and the insert are one transaction holding the order row's lock (SELECT …
// FOR UPDATE on PostgreSQL; SQLite's single writer serialises), so parallel
// uploads, from one process or several, never exceed max.
func (s *Orders) AddAttachment(ctx context.Context, a *workorder.Attachment, data []byte, max int) error {
	return s.DB.Tx(ctx, func(tx *sql.Tx) error {
		if err := s.DB.lockRow(ctx, tx, "order", `SELECT id FROM orders WHERE id = $1 FOR UPDATE`, a.OrderID); err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM order_attachments WHERE order_id = $1`, a.OrderID).Scan(&n); err != nil {
			return dbErr(err, "count attachments")
		}
		if n >= max {
			return app.Conflict("每个工单最多 %d 个附件，本工单已满", max)
		}
		err := tx.QueryRowContext(ctx, `INSERT INTO order_attachments
			(order_id, name, content_type, size, sha256, data, uploaded_by, uploaded_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
			a.OrderID, a.Name, a.ContentType, a.Size, a.SHA256, data, a.UploadedBy, utc(a.UploadedAt)).Scan(&a.ID)
		return dbErr(err, "add attachment")
	})
}

const attachmentCols = `id, order_id, name, content_type, size, sha256, uploaded_by, uploaded_at`

func scanAttachment(sc rowScanner, extra ...any) (workorder.Attachment, error) {
	var a workorder.Attachment
	err := sc.Scan(append([]any{&a.ID, &a.OrderID, &a.Name, &a.ContentType, &a.Size, &a.SHA256, &a.UploadedBy, &a.UploadedAt}, extra...)...)
	return a, err
}

// FindAttachments lists an order's files (without their bytes), oldest first.
func (s *Orders) FindAttachments(ctx context.Context, orderID int64) ([]workorder.Attachment, error) {
	return queryAll(ctx, s.DB, "find attachments", func(sc rowScanner) (workorder.Attachment, error) { return scanAttachment(sc) },
		`SELECT `+attachmentCols+` FROM order_attachments WHERE order_id = $1 ORDER BY id`, orderID)
}

// FindAttachment returns one file of an order with its bytes.
func (s *Orders) FindAttachment(ctx context.Context, orderID, id int64) (workorder.Attachment, []byte, error) {
	var data []byte
	a, err := scanAttachment(s.DB.QueryRowContext(ctx, `SELECT `+attachmentCols+`, data FROM order_attachments WHERE order_id = $1 AND id = $2`,
		orderID, id), &data)
	if errors.Is(err, sql.ErrNoRows) {
		return a, nil, app.NotFound("附件不存在")
	}
	return a, data, dbErr(err, "find attachment")
}
