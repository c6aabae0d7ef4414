package api

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"

	"govdesk/internal/httpx"
	"govdesk/internal/workorder"
)

type commandFunc = func(ctx context.Context, id int64, w http.ResponseWriter, r *http.Request) (workorder.Order, error)

// decode reads a command body; an empty body is an empty object.
func decode(w http.ResponseWriter, r *http.Request, v any) error {
	if r.ContentLength == 0 {
		return nil
	}
	return httpx.DecodeJSON(w, r, v)
}

// versioned is embedded in every command body: the optimistic version (0 = unchecked).
type versioned struct {
	Version int `json:"version"`
}

// commands maps each command path of SPEC §4.4 to its handler.
func (a *API) commands() map[string]commandFunc {
	s := a.Orders
	return map[string]commandFunc{
		"dispatch": func(ctx context.Context, id int64, w http.ResponseWriter, r *http.Request) (workorder.Order, error) {
			var in struct {
				versioned
				UnitCode string   `json:"unit_code"`
				CoUnits  []string `json:"co_units"`
				Final    bool     `json:"final"`
			}
			if err := decode(w, r, &in); err != nil {
				return workorder.Order{}, err
			}
			return s.Dispatch(ctx, id, in.Version, workorder.DispatchInput{UnitCode: in.UnitCode, CoUnits: in.CoUnits, Final: in.Final})
		},
		"accept": func(ctx context.Context, id int64, w http.ResponseWriter, r *http.Request) (workorder.Order, error) {
			var in versioned
			if err := decode(w, r, &in); err != nil {
				return workorder.Order{}, err
			}
			return s.Accept(ctx, id, in.Version)
		},
		"return": withText(s.Return, "reason"),
		"extension": func(ctx context.Context, id int64, w http.ResponseWriter, r *http.Request) (workorder.Order, error) {
			var in struct {
				versioned
				Days   float64 `json:"days"`
				Reason string  `json:"reason"`
			}
			if err := decode(w, r, &in); err != nil {
				return workorder.Order{}, err
			}
			return s.RequestExtension(ctx, id, in.Version, in.Days, in.Reason)
		},
		"extension/decide": withDecision(s.DecideExtension, "note"),
		"reply":            withText(s.Reply, "text"),
		"review":           withDecision(s.Review, "reason"),
		"callback": func(ctx context.Context, id int64, w http.ResponseWriter, r *http.Request) (workorder.Order, error) {
			var in struct {
				versioned
				Result   string `json:"result"`
				Resolved *bool  `json:"resolved"` // not asked for 无法回访
				Note     string `json:"note"`
			}
			if err := decode(w, r, &in); err != nil {
				return workorder.Order{}, err
			}
			return s.Callback(ctx, id, in.Version, in.Result, in.Resolved, in.Note)
		},
		"remind":    withText(s.Remind, "note"),
		"supervise": withText(s.Supervise, "note"),
		"duplicate": func(ctx context.Context, id int64, w http.ResponseWriter, r *http.Request) (workorder.Order, error) {
			var in struct {
				versioned
				Of json.RawMessage `json:"of"`
			}
			if err := decode(w, r, &in); err != nil {
				return workorder.Order{}, err
			}
			return s.MarkDuplicate(ctx, id, in.Version, strings.Trim(string(in.Of), `"`))
		},
		"resolve": func(ctx context.Context, id int64, w http.ResponseWriter, r *http.Request) (workorder.Order, error) {
			var in struct {
				versioned
				Answer      string `json:"answer"`
				KBArticleID int64  `json:"kb_article_id"`
			}
			if err := decode(w, r, &in); err != nil {
				return workorder.Order{}, err
			}
			return s.Resolve(ctx, id, in.Version, in.Answer, in.KBArticleID)
		},
	}
}

// withText adapts a command taking one text field (reason, text or note).
func withText(fn func(ctx context.Context, id int64, version int, text string) (workorder.Order, error), field string) commandFunc {
	return func(ctx context.Context, id int64, w http.ResponseWriter, r *http.Request) (workorder.Order, error) {
		var in map[string]any
		if err := decode(w, r, &in); err != nil {
			return workorder.Order{}, err
		}
		text, _ := in[field].(string)
		return fn(ctx, id, version(in), text)
	}
}

// withDecision adapts a command taking {approve, <field>}.
func withDecision(fn func(ctx context.Context, id int64, version int, approve bool, text string) (workorder.Order, error), field string) commandFunc {
	return func(ctx context.Context, id int64, w http.ResponseWriter, r *http.Request) (workorder.Order, error) {
		var in map[string]any
		if err := decode(w, r, &in); err != nil {
			return workorder.Order{}, err
		}
		approve, _ := in["approve"].(bool)
		text, _ := in[field].(string)
		return fn(ctx, id, version(in), approve, text)
	}
}

func version(in map[string]any) int {
	v, _ := in["version"].(float64)
	return int(v)
}
