package store_test

import (
	"bytes"
	"context"
	"fmt"
	"sync"
	"testing"

	"govdesk/internal/app"
	"govdesk/internal/store"
	"govdesk/internal/store/storetest"
	"govdesk/internal/workorder"
)

var (
	jpegBytes = append([]byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00"), bytes.Repeat([]byte{7}, 100)...)
	pdfBytes  = []byte("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n")
)

func TestOrderAttachments(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		c := storetest.NewCentre(t, db, storetest.At("2022-09-28T10:00:00+08:00"))
		o, _, err := c.Orders.Create(c.Operator, workorder.NewOrder{Type: "投诉", Content: "路灯不亮", CitizenPhone: "13800138000"})
		if err != nil {
			t.Fatal(err)
		}
		if o, err = c.Orders.Dispatch(c.Dispatcher, o.ID, o.Version, workorder.DispatchInput{UnitCode: "U001"}); err != nil {
			t.Fatal(err)
		}
		photo, err := c.Orders.Attach(c.Handler1, o.ID, `C:\照片\现场 照片.JPG`, jpegBytes)
		if err != nil {
			t.Fatalf("attach photo: %v", err)
		}
		if photo.ID == 0 || photo.Name != "现场 照片.JPG" || photo.ContentType != "image/jpeg" || photo.Size != int64(len(jpegBytes)) || len(photo.SHA256) != 64 {
			t.Fatalf("attachment %+v", photo)
		}
		if _, err := c.Orders.Attach(c.Operator, o.ID, "来信.pdf", pdfBytes); err != nil {
			t.Fatalf("attach pdf: %v", err)
		}

		// Refusals, each with a Chinese reason, nothing stored.
		for name, tc := range map[string]struct {
			ctx  context.Context
			file string
			data []byte
			code string
		}{
			"program renamed as photo": {c.Handler1, "photo.jpg", []byte("MZ\x90\x00program"), app.EInvalid},
			"unknown type":             {c.Handler1, "setup.exe", []byte("MZ\x90\x00"), app.EInvalid},
			"empty":                    {c.Handler1, "空.pdf", nil, app.EInvalid},
			"too large":                {c.Handler1, "big.pdf", append([]byte("%PDF-"), make([]byte, workorder.MaxAttachmentBytes)...), app.EInvalid},
			"other unit":               {c.Handler2, "x.pdf", pdfBytes, app.ENotFound},
			"leader only reads":        {c.Leader, "x.pdf", pdfBytes, app.EForbidden},
		} {
			_, err := c.Orders.Attach(tc.ctx, o.ID, tc.file, tc.data)
			if app.ErrorCode(err) != tc.code || app.ErrorMessage(err) == "" {
				t.Errorf("%s: %v, want %s", name, err, tc.code)
			}
		}

		list, err := c.Orders.Attachments(c.Leader, o.ID)
		if err != nil || len(list) != 2 || list[0].Name != "现场 照片.JPG" || list[1].ContentType != "application/pdf" {
			t.Fatalf("list: %+v %v", list, err)
		}
		if _, err := c.Orders.Attachments(c.Handler2, o.ID); app.ErrorCode(err) != app.ENotFound {
			t.Fatalf("another unit lists files: %v", err)
		}
		at, data, err := c.Orders.AttachmentFile(c.Handler1, o.ID, photo.ID)
		if err != nil || !bytes.Equal(data, jpegBytes) || at.Name != photo.Name {
			t.Fatalf("download: %v", err)
		}
		var logged int
		if err := db.QueryRowContext(ctx, `SELECT count(*) FROM access_log WHERE action = 'attachment_read' AND order_id = $1 AND username = 'h1'`, o.ID).Scan(&logged); err != nil || logged != 1 {
			t.Fatalf("access log: %d %v", logged, err)
		}
		if _, _, err := c.Orders.AttachmentFile(c.Handler1, o.ID, photo.ID+100); app.ErrorCode(err) != app.ENotFound {
			t.Fatalf("missing file: %v", err)
		}

		// At most MaxAttachmentsPerOrder files.
		for i := 2; i < workorder.MaxAttachmentsPerOrder; i++ {
			if _, err := c.Orders.Attach(c.Handler1, o.ID, fmt.Sprintf("说明%d.txt", i), []byte("情况说明")); err != nil {
				t.Fatalf("attach %d: %v", i, err)
			}
		}
		if _, err := c.Orders.Attach(c.Handler1, o.ID, "多余.txt", []byte("多余")); app.ErrorCode(err) != app.EConflict {
			t.Fatalf("one file too many: %v", err)
		}

		// A closed order takes no more files.
		q, _, err := c.Orders.Create(c.Operator, workorder.NewOrder{Type: "咨询", Content: "公积金怎么提取", CitizenPhone: "13800138001"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.Orders.Resolve(c.Operator, q.ID, q.Version, "按政策答复", 0); err != nil {
			t.Fatal(err)
		}
		if _, err := c.Orders.Attach(c.Operator, q.ID, "x.pdf", pdfBytes); app.ErrorCode(err) != app.EIllegalTransition {
			t.Fatalf("attach to a closed order: %v", err)
		}
	})
}

// TestOrderAttachments_ParallelLimit: 30 uploads at once to one order store exactly
// the limit; the rest are refused with conflict.
func TestOrderAttachments_ParallelLimit(t *testing.T) {
	storetest.Run(t, func(t *testing.T, db *store.DB) {
		c := storetest.NewCentre(t, db, storetest.At("2022-09-28T10:00:00+08:00"))
		o, _, err := c.Orders.Create(c.Operator, workorder.NewOrder{Type: "投诉", Content: "路灯不亮", CitizenPhone: "13800138000"})
		if err != nil {
			t.Fatal(err)
		}
		const n = 30
		errs := make(chan error, n)
		var wg sync.WaitGroup
		for i := 0; i < n; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				_, err := c.Orders.Attach(c.Operator, o.ID, fmt.Sprintf("来信%02d.pdf", i), pdfBytes)
				errs <- err
			}(i)
		}
		wg.Wait()
		close(errs)
		stored, refused := 0, 0
		for err := range errs {
			switch {
			case err == nil:
				stored++
			case app.ErrorCode(err) == app.EConflict:
				refused++
			default:
				t.Errorf("upload: %v", err)
			}
		}
		list, err := (&store.Orders{DB: db}).FindAttachments(context.Background(), o.ID)
		if err != nil {
			t.Fatal(err)
		}
		if max := workorder.MaxAttachmentsPerOrder; stored != max || refused != n-max || len(list) != max {
			t.Fatalf("%d uploads: %d stored, %d refused, %d in the database; want %d stored", n, stored, refused, len(list), max)
		}
	})
}
