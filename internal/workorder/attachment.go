package workorder

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"path"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"govdesk/internal/app"
)

// Attachment limits (SPEC §12.3: uploads size-limited and type-checked).
const (
	MaxAttachmentBytes     = 10 << 20 // one file
	MaxAttachmentsPerOrder = 20
	maxAttachmentNameRunes = 100
)

// Attachment is a file kept with an order: a photo of the problem, a scanned
// letter, a call recording, a unit's written reply.
type Attachment struct {
	ID          int64
	OrderID     int64
	Name        string
	ContentType string
	Size        int64
	SHA256      string
	UploadedBy  string
	UploadedAt  time.Time
}

// attachRoles may add files to the orders they can see (leaders and centre staff read them).
var attachRoles = []string{app.RoleOperator, app.RoleDispatcher, app.RoleAdmin, app.RoleHandler, app.RoleUnitAdmin}

// MayAttach reports whether the actor may add a file to a visible order in the
// status: one of attachRoles, while the order is open.
func MayAttach(a app.Actor, status Status) bool { return a.Is(attachRoles...) && status != Closed }

// Attach checks and stores a file for an order the actor may see and act on.
func (s *Service) Attach(ctx context.Context, orderID int64, name string, data []byte) (Attachment, error) {
	a, err := app.RequireRole(ctx, attachRoles...)
	if err != nil {
		return Attachment{}, err
	}
	o, err := s.visibleOrder(ctx, a, orderID)
	if err != nil {
		return Attachment{}, err
	}
	if o.Status == Closed {
		return Attachment{}, app.Errorf(app.EIllegalTransition, "工单已办结，不能再添加附件")
	}
	name, err = cleanAttachmentName(name)
	if err != nil {
		return Attachment{}, err
	}
	if len(data) == 0 {
		return Attachment{}, app.Invalid("附件 %s 是空文件", name)
	}
	if len(data) > MaxAttachmentBytes {
		return Attachment{}, app.Invalid("附件 %s 大小 %.1f MB，超过 %d MB 的上限", name, float64(len(data))/(1<<20), MaxAttachmentBytes>>20)
	}
	ctype, err := sniffAttachment(name, data)
	if err != nil {
		return Attachment{}, err
	}
	sum := sha256.Sum256(data)
	at := Attachment{OrderID: o.ID, Name: name, ContentType: ctype, Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:]),
		UploadedBy: a.Username, UploadedAt: s.Clock.Now()}
	if err := s.Store.AddAttachment(ctx, &at, data, MaxAttachmentsPerOrder); err != nil {
		return Attachment{}, err
	}
	return at, nil
}

// Attachments lists the files of an order the actor may see.
func (s *Service) Attachments(ctx context.Context, orderID int64) ([]Attachment, error) {
	a, err := app.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := s.visibleOrder(ctx, a, orderID); err != nil {
		return nil, err
	}
	return s.Store.FindAttachments(ctx, orderID)
}

// AttachmentFile returns one file of an order the actor may see; files may carry
// personal data, so every read is written to the access log.
func (s *Service) AttachmentFile(ctx context.Context, orderID, id int64) (Attachment, []byte, error) {
	a, err := app.RequireActor(ctx)
	if err != nil {
		return Attachment{}, nil, err
	}
	if _, err := s.visibleOrder(ctx, a, orderID); err != nil {
		return Attachment{}, nil, err
	}
	at, data, err := s.Store.FindAttachment(ctx, orderID, id)
	if err != nil {
		return Attachment{}, nil, err
	}
	if err := s.Store.LogAccess(ctx, AccessEntry{At: s.Clock.Now(), Username: a.Username, Action: "attachment_read",
		OrderID: orderID, Detail: at.Name}); err != nil {
		return Attachment{}, nil, err
	}
	return at, data, nil
}

// cleanAttachmentName keeps the file's own name (no directories, no control
// characters) at a length the page can show.
func cleanAttachmentName(name string) (string, error) {
	name = path.Base(strings.ReplaceAll(name, `\`, "/"))
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '"' {
			return -1
		}
		return r
	}, strings.TrimSpace(name))
	if name == "" || name == "." || name == "/" || !utf8.ValidString(name) {
		return "", app.Invalid("附件缺少文件名")
	}
	if utf8.RuneCountInString(name) > maxAttachmentNameRunes {
		ext := path.Ext(name)
		r := []rune(strings.TrimSuffix(name, ext))
		name = string(r[:maxAttachmentNameRunes-utf8.RuneCountInString(ext)]) + ext
	}
	return name, nil
}
