package web

import (
	"net/http"
	"strconv"
	"strings"

	"govdesk/internal/app"
	"govdesk/internal/httpx"
	"govdesk/internal/workorder"
)

// attachmentsView is the files card of the order page.
type attachmentsView struct {
	List    []workorder.Attachment
	CanAdd  bool   // the actor may upload and the order is open
	Accept  string // the file input's accept list
	MaxMB   int
	OrderID int64
}

// orderAttachments loads the order's files for its page.
func (ui *UI) orderAttachments(r *http.Request, det workorder.Detail) (attachmentsView, error) {
	list, err := ui.Orders.Attachments(r.Context(), det.ID)
	if err != nil {
		return attachmentsView{}, err
	}
	a, _ := actor(r)
	return attachmentsView{List: list, OrderID: det.ID, MaxMB: workorder.MaxAttachmentBytes >> 20,
		CanAdd: workorder.MayAttach(a, det.Status) && len(list) < workorder.MaxAttachmentsPerOrder,
		Accept: strings.Join(workorder.AttachmentExtensions(), ",")}, nil
}

// addAttachment uploads a file to an order (POST /orders/{id}/attachments).
func (ui *UI) addAttachment(w http.ResponseWriter, r *http.Request) {
	id, err := httpx.PathID(r, "id", "工单")
	if err != nil {
		ui.fail(w, r, err)
		return
	}
	back := "/orders/" + strconv.FormatInt(id, 10) + "#attachments"
	name, data, err := httpx.ReadUpload(w, r, "file", workorder.MaxAttachmentBytes)
	if err == nil {
		_, err = ui.Orders.Attach(r.Context(), id, name, data)
	}
	switch app.ErrorCode(err) {
	case "":
		ui.redirectWith(w, r, back, "ok", "附件已上传："+name)
	case app.EInvalid, app.EConflict, app.EIllegalTransition, app.EForbidden:
		ui.redirectWith(w, r, back, "error", app.ErrorMessage(err))
	default:
		ui.fail(w, r, err)
	}
}

// attachment downloads one file of an order (GET /orders/{id}/attachments/{aid}).
func (ui *UI) attachment(w http.ResponseWriter, r *http.Request) {
	id, err1 := httpx.PathID(r, "id", "附件")
	aid, err2 := httpx.PathID(r, "aid", "附件")
	if err1 != nil || err2 != nil {
		ui.fail(w, r, app.NotFound("附件不存在"))
		return
	}
	at, data, err := ui.Orders.AttachmentFile(r.Context(), id, aid)
	if err != nil {
		ui.fail(w, r, err)
		return
	}
	httpx.ServeDownload(w, at.Name, at.ContentType, data)
}

// fmtFileSize shows a file size in KB or MB.
func fmtFileSize(n int64) string {
	if n < 1<<20 {
		return strconv.FormatFloat(float64(n)/1024, 'f', 1, 64) + " KB"
	}
	return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MB"
}
