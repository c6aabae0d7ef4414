package api

import (
	"time"

	"govdesk/internal/app"
	"govdesk/internal/workorder"
)

// orderJSON is an order as the API shows it (SPEC §4.4): times in RFC3339 +08:00,
// absent times null, the time-dependent flags computed at the time of the request.
type orderJSON struct {
	ID                int64           `json:"id"`
	No                string          `json:"no"`
	Source            string          `json:"source"`
	Type              string          `json:"type"`
	Urgent            bool            `json:"urgent"`
	Category          string          `json:"category"`
	Title             string          `json:"title"`
	Content           string          `json:"content"`
	CitizenName       string          `json:"citizen_name"`
	CitizenPhone      string          `json:"citizen_phone"`
	Anonymous         bool            `json:"anonymous"`
	Town              string          `json:"town"`
	Village           string          `json:"village"`
	Address           string          `json:"address"`
	Sensitive         []string        `json:"sensitive"`
	ReceivedAt        *string         `json:"received_at"`
	UnitCode          string          `json:"unit_code"`
	UnitName          string          `json:"unit_name"`
	CoUnits           []string        `json:"co_units"`
	Status            string          `json:"status"`
	StatusName        string          `json:"status_name"`
	FirstDispatchedAt *string         `json:"first_dispatched_at"`
	DispatchedAt      *string         `json:"dispatched_at"`
	LimitDays         float64         `json:"limit_days"`
	DeadlineAt        *string         `json:"deadline_at"`
	SignDeadlineAt    *string         `json:"sign_deadline_at"`
	AcceptedAt        *string         `json:"accepted_at"`
	FinalAssigned     bool            `json:"final_assigned"`
	ExtensionPending  *extensionJSON  `json:"extension_pending"`
	ReplyText         string          `json:"reply_text"`
	RepliedAt         *string         `json:"replied_at"`
	ReplyApproved     bool            `json:"reply_approved"`
	CallbackResult    string          `json:"callback_result"`
	CallbackResolved  bool            `json:"callback_resolved"`
	ClosedAt          *string         `json:"closed_at"`
	CloseReason       string          `json:"close_reason"`
	Returns           int             `json:"returns"`
	Extensions        int             `json:"extensions"`
	Reminders         int             `json:"reminders"`
	Reopens           int             `json:"reopens"`
	Supervised        bool            `json:"supervised"`
	DuplicateOf       int64           `json:"duplicate_of,omitempty"`
	KBArticleID       int64           `json:"kb_article_id,omitempty"`
	FirstCallResolved bool            `json:"first_call_resolved"`
	workorder.Flags                   // overdue, warning, sign_late, elapsed_days
	Version           int             `json:"version"`
	CreatedAt         *string         `json:"created_at"`
	UpdatedAt         *string         `json:"updated_at"`
	DuplicateHints    []orderBriefRef `json:"duplicate_hints,omitempty"`
}

type extensionJSON struct {
	Days   float64 `json:"days"`
	Reason string  `json:"reason"`
}

// orderBriefRef points at a similar open order (the duplicate hint of SPEC §4.3).
type orderBriefRef struct {
	ID         int64   `json:"id"`
	No         string  `json:"no"`
	Title      string  `json:"title"`
	Status     string  `json:"status"`
	ReceivedAt *string `json:"received_at"`
}

// ts formats a time in +08:00, nil for the zero time.
func ts(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := t.In(app.Shanghai).Format(time.RFC3339)
	return &s
}

func toOrderJSON(o workorder.Order, f workorder.Flags) orderJSON {
	j := orderJSON{ID: o.ID, No: o.No, Source: o.Source, Type: o.Type, Urgent: o.Urgent, Category: o.Category, Title: o.Title,
		Content: o.Content, CitizenName: o.CitizenName, CitizenPhone: o.CitizenPhone, Anonymous: o.Anonymous, Town: o.Town,
		Village: o.Village, Address: o.Address, Sensitive: nonNil(o.Sensitive), ReceivedAt: ts(o.ReceivedAt), UnitCode: o.UnitCode,
		UnitName: o.UnitName, CoUnits: nonNil(o.CoUnits), Status: string(o.Status), StatusName: workorder.StatusNames[o.Status],
		FirstDispatchedAt: ts(o.FirstDispatchedAt), DispatchedAt: ts(o.DispatchedAt), LimitDays: o.LimitDays,
		DeadlineAt: ts(o.DeadlineAt), SignDeadlineAt: ts(o.SignDeadlineAt), AcceptedAt: ts(o.AcceptedAt), FinalAssigned: o.FinalAssigned,
		ReplyText: o.ReplyText, RepliedAt: ts(o.RepliedAt), ReplyApproved: o.ReplyApproved, CallbackResult: o.CallbackResult,
		CallbackResolved: o.CallbackResolved, ClosedAt: ts(o.ClosedAt), CloseReason: o.CloseReason, Returns: o.Returns,
		Extensions: o.Extensions, Reminders: o.Reminders, Reopens: o.Reopens, Supervised: o.Supervised, DuplicateOf: o.DuplicateOf,
		KBArticleID: o.KBArticleID, FirstCallResolved: o.FirstCallResolved, Flags: f, Version: o.Version,
		CreatedAt: ts(o.CreatedAt), UpdatedAt: ts(o.UpdatedAt)}
	if o.ExtPendingDays > 0 {
		j.ExtensionPending = &extensionJSON{Days: o.ExtPendingDays, Reason: o.ExtPendingReason}
	}
	return j
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// eventJSON is one entry of an order's timeline.
type eventJSON struct {
	Action string            `json:"action"`
	At     *string           `json:"at"`
	Actor  string            `json:"actor"`
	From   string            `json:"from"`
	To     string            `json:"to"`
	Note   string            `json:"note"`
	Data   map[string]string `json:"data,omitempty"`
}
