package api

import (
	"net/http"
	"strconv"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/httpx"
	"govdesk/internal/workorder"
)

func (a *API) attachmentRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /api/v1/orders/{id}/attachments", a.listAttachments)
	mux.HandleFunc("POST /api/v1/orders/{id}/attachments", a.addAttachment)
	mux.HandleFunc("GET /api/v1/orders/{id}/attachments/{aid}", a.getAttachment)
}

// attachmentJSON is an order's file as the API shows it (the bytes are fetched separately).
type attachmentJSON struct {
	ID          int64     `json:"id"`
	Name        string    `json:"name"`
	ContentType string    `json:"content_type"`
	Size        int64     `json:"size"`
	SHA256      string    `json:"sha256"`
	UploadedBy  string    `json:"uploaded_by"`
	UploadedAt  time.Time `json:"uploaded_at"`
	URL         string    `json:"url"`
}

func toAttachmentJSON(at workorder.Attachment) attachmentJSON {
	return attachmentJSON{ID: at.ID, Name: at.Name, ContentType: at.ContentType, Size: at.Size, SHA256: at.SHA256,
		UploadedBy: at.UploadedBy, UploadedAt: at.UploadedAt.In(app.Shanghai),
		URL: "/api/v1/orders/" + strconv.FormatInt(at.OrderID, 10) + "/attachments/" + strconv.FormatInt(at.ID, 10)}
}

// attachmentID is the {aid} of a file's path.
func attachmentID(r *http.Request) (int64, error) {
	return httpx.PathID(r, "aid", "附件")
}

func (a *API) listAttachments(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	list, err := a.Orders.Attachments(r.Context(), id)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	out := make([]attachmentJSON, 0, len(list))
	for _, at := range list {
		out = append(out, toAttachmentJSON(at))
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]any{"attachments": out})
}

// addAttachment takes a multipart form with the file in the field "file".
func (a *API) addAttachment(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	name, data, err := httpx.ReadUpload(w, r, "file", workorder.MaxAttachmentBytes)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	at, err := a.Orders.Attach(r.Context(), id, name, data)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusCreated, toAttachmentJSON(at))
}

func (a *API) getAttachment(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	aid, err := attachmentID(r)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	at, data, err := a.Orders.AttachmentFile(r.Context(), id, aid)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.ServeDownload(w, at.Name, at.ContentType, data)
}
