package open311

import (
	"context"
	"strconv"
	"strings"

	"govdesk/internal/georeport"
	"govdesk/internal/privacy"
	"govdesk/internal/workorder"
)

// View is an order as the public may see it: the standard's fields, no personal data.
type View struct {
	ID           string // the order number (工单编号), the service_request_id
	Status       string // open | closed
	StatusName   string // the workflow state in Chinese
	StatusNotes  string // the approved reply once closed, else the state's name
	ServiceName  string
	ServiceCode  string
	Description  string
	Agency       string // 承办单位
	Requested    string
	Updated      string
	Expected     string
	Address      string
	Lat, Long    float64
	HasLocation  bool
	MediaURL     string
	Reply        string // the approved reply, whatever the state
	Notice       string // the time limit of the current dispatch
	ClosedReason string
}

// closeNotes explains closings without an approved reply.
var closeNotes = map[string]string{
	workorder.CloseDuplicate: "重复诉求，已并入原诉求办理",
	workorder.CloseNoContact: "已办结（回访时无法联系）",
}

// project maps an order onto the standard's fields (SPEC §11).
func project(o workorder.Order, c catalog, m georeport.Meta) View {
	v := View{ID: o.No, Status: "open", StatusName: workorder.StatusNames[o.Status], Description: o.Content,
		Agency: o.UnitName, Requested: w3(o.ReceivedAt), Updated: w3(o.UpdatedAt), Address: o.Address, MediaURL: m.MediaURL,
		Lat: m.Lat, Long: m.Long, HasLocation: m.HasLocation}
	if s, ok := c.byID[o.CategoryID]; ok {
		v.ServiceName, v.ServiceCode = s.Name, s.Code
	} else if o.CategoryID != 0 {
		v.ServiceCode = strconv.FormatInt(o.CategoryID, 10)
	}
	if !o.DeadlineAt.IsZero() {
		v.Expected = w3(o.DeadlineAt)
	}
	if o.LimitDays > 0 && o.Open() {
		v.Notice = "承办单位应在 " + strconv.FormatFloat(o.LimitDays, 'f', -1, 64) + " 个工作日内办理"
	}
	if o.ReplyApproved || o.CloseReason == workorder.CloseIntake {
		v.Reply = scrub(o.ReplyText, o.CitizenName)
	}
	v.Description = scrub(v.Description, o.CitizenName)
	v.StatusNotes = v.StatusName
	if o.Status == workorder.Closed {
		v.Status = "closed"
		if !o.ClosedAt.IsZero() {
			v.Updated = w3(o.ClosedAt)
		}
		switch {
		case v.Reply != "":
			v.StatusNotes = v.Reply
		case closeNotes[o.CloseReason] != "":
			v.StatusNotes = closeNotes[o.CloseReason]
		}
	}
	return v
}

func (v View) object() object {
	var lat, long any
	if v.HasLocation {
		lat, long = v.Lat, v.Long
	}
	return object{{"service_request_id", v.ID}, {"status", v.Status}, {"status_notes", nullable(v.StatusNotes)},
		{"service_name", nullable(v.ServiceName)}, {"service_code", v.ServiceCode}, {"description", nullable(v.Description)},
		{"agency_responsible", nullable(v.Agency)}, {"service_notice", nullable(v.Notice)}, {"requested_datetime", v.Requested},
		{"updated_datetime", nullable(v.Updated)}, {"expected_datetime", nullable(v.Expected)},
		{"address", nullable(v.Address)}, {"address_id", nil}, {"zipcode", nil}, {"lat", lat}, {"long", long},
		{"media_url", nullable(v.MediaURL)}}
}

// views projects orders with their Open311 fields.
func (h *Handler) views(ctx context.Context, orders []workorder.Order) ([]View, error) {
	c, err := loadCatalog(ctx, h.Store)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, len(orders))
	for i, o := range orders {
		ids[i] = o.ID
	}
	meta, err := h.Store.FindMeta(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]View, len(orders))
	for i, o := range orders {
		out[i] = project(o, c, meta[o.ID])
	}
	return out, nil
}

// published reports whether an order may be shown: only requests filed through
// Open311 or the public page (the hotline's orders hold what citizens said in confidence).
func published(o workorder.Order) bool { return o.Source == georeport.Source }

// scrub hides what personal data a text may still hold once the order is presented
// to the public reader (workorder.Present scrubs it already): phones, identity numbers,
// e-mail addresses and the reporter's own name (the standard's texts are public).
func scrub(s, name string) string { return privacy.MaskName(privacy.Scrub(s), name) }

// trimID accepts ids with surrounding spaces, as clients send them in comma lists.
func trimID(s string) string { return strings.TrimSpace(s) }
