package web

import (
	"math"
	"net/http"
	"strconv"
	"strings"

	"govdesk/internal/httpx"
	"govdesk/internal/knowledge"
	"govdesk/internal/workorder"
)

// orderSuggestions is the dispatch suggestion (SPEC §4.3) shown on the new-order form.
type orderSuggestions struct {
	On    bool // suggestions are available at all (kb.js refreshes them as the form is filled in)
	List  []knowledge.Suggestion
	Error string
}

// Percent shows a confidence as a percentage with one decimal.
func (orderSuggestions) Percent(c float64) string {
	return strconv.FormatFloat(math.Round(c*1000)/10, 'f', -1, 64) + "%"
}

// prefilledOrder reads the new-order form's fields from the query string (the
// call screen links here with the caller's question and the article's category).
func prefilledOrder(r *http.Request) workorder.NewOrder {
	q := r.URL.Query()
	return workorder.NewOrder{Type: q.Get("type"), Title: q.Get("title"), Content: q.Get("content"), Category: q.Get("category"),
		Town: q.Get("town")}
}

// orderSuggestions ranks the units most likely to own the order being written.
func (ui *UI) orderSuggestions(r *http.Request, in workorder.NewOrder) orderSuggestions {
	s := orderSuggestions{On: ui.Suggester != nil}
	if !s.On || strings.TrimSpace(in.Title+in.Content+in.Category) == "" {
		return s
	}
	list, err := ui.Suggester.SuggestTown(r.Context(), in.Title, in.Content, strings.Trim(strings.TrimSpace(in.Category), "/"), in.Town)
	if err != nil {
		httpx.LogError(r, err)
		s.Error = "暂时无法给出派单推荐"
		return s
	}
	s.List = list
	return s
}

// Top is the code of the most likely unit ("" none), preselected in the dispatch form.
func (s orderSuggestions) Top() string {
	if len(s.List) == 0 {
		return ""
	}
	return s.List[0].UnitCode
}

// dispatchSuggestions ranks the units for an order the dispatcher is about to
// dispatch, never one that returned it (SPEC §4.3).
func (ui *UI) dispatchSuggestions(r *http.Request, o workorder.Detail) orderSuggestions {
	s := orderSuggestions{On: ui.Suggester != nil}
	if !s.On {
		return s
	}
	list, err := ui.Suggester.SuggestOrder(r.Context(), o.ID)
	if err != nil {
		httpx.LogError(r, err)
		s.Error = "暂时无法给出派单推荐"
		return s
	}
	s.List = list
	return s
}
