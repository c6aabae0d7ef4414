package api

import (
	"net/http"
	"strconv"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/httpx"
	"govdesk/internal/selfeval"
)

// SelfEval serves the year's self-evaluation as built from live data (SPEC §10), read only.
type SelfEval struct{ Service *selfeval.Service }

// Routes registers the endpoints.
func (s *SelfEval) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /api/v1/selfeval/{year}", s.get)
}

type acceptanceJSON struct {
	Reason string    `json:"reason"`
	By     string    `json:"by"`
	At     time.Time `json:"at"`
}

type findingJSON struct {
	selfeval.Finding
	Name     string          `json:"name"`
	Accepted *acceptanceJSON `json:"accepted"`
}

type sourceJSON struct {
	Module     string `json:"module"`
	Definition string `json:"definition"`
	Manual     bool   `json:"manual"`
}

func srcJSON(s *selfeval.Source) *sourceJSON {
	if s == nil {
		return nil
	}
	return &sourceJSON{s.Module, s.Definition, s.Manual}
}

func (s *SelfEval) get(w http.ResponseWriter, r *http.Request) {
	year, err := strconv.Atoi(r.PathValue("year"))
	if err != nil || year < 2000 || year > 2100 {
		httpx.WriteError(w, r, app.Invalid("年度 %q 无效", r.PathValue("year")))
		return
	}
	e, y, err := s.Service.Evaluation(r.Context(), year)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	findings := []findingJSON{}
	for _, f := range e.Findings {
		fj := findingJSON{Finding: f, Name: selfeval.CodeName(f.Code)}
		if a, ok := e.AcceptanceOf(f); ok {
			fj.Accepted = &acceptanceJSON{a.Reason, a.By, a.At.In(app.Shanghai)}
		}
		findings = append(findings, fj)
	}
	indicators := []map[string]any{}
	for _, row := range e.Rows {
		indicators = append(indicators, map[string]any{"code": row.Code, "level1": row.Level1, "level2": row.Level2, "level3": row.Level3,
			"rule": row.Rule, "weight": row.Weight, "score": row.Score, "target": row.Target, "actual": row.Actual,
			"findings": nonNilStrings(row.Findings), "evidence": row.Evidence, "reasoning": row.Reasoning, "source": srcJSON(row.Source)})
	}
	targets := []map[string]any{}
	for _, t := range e.Targets {
		src := t.Source
		targets = append(targets, map[string]any{"project": t.Project, "name": t.Name, "target": t.Target, "actual": t.Actual,
			"unit": t.Unit, "met": t.Met, "source": srcJSON(&src)})
	}
	figures := []map[string]any{}
	for _, f := range e.Sources {
		src := f
		figures = append(figures, map[string]any{"name": f.Name, "stated": f.Value, "source": srcJSON(&src)})
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]any{"year": year, "unit": e.Unit, "version": y.Version,
		"total": e.Total, "grade": e.Grade, "open": len(e.Open()), "findings": findings, "indicators": indicators,
		"targets": targets, "figures": figures, "custom_table": y.CustomTable})
}

func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
