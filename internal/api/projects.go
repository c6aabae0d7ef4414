package api

import (
	"net/http"
	"time"

	"govdesk/internal/httpx"
	"govdesk/internal/project"
	"govdesk/internal/stats"
)

// Projects serves construction projects, support policies and applications (SPEC §6.1).
type Projects struct{ Service *project.Service }

// Routes registers the endpoints.
func (p *Projects) Routes(mux *http.ServeMux) {
	mux.HandleFunc("GET /api/v1/projects", p.list)
	mux.HandleFunc("POST /api/v1/projects", p.create)
	mux.HandleFunc("GET /api/v1/projects/{code}", p.get)
	mux.HandleFunc("POST /api/v1/projects/{code}/pass", p.pass)
	mux.HandleFunc("POST /api/v1/projects/{code}/ledger", p.note)
	mux.HandleFunc("GET /api/v1/policies", p.policies)
	mux.HandleFunc("GET /api/v1/policy-applications", p.applications)
	mux.HandleFunc("POST /api/v1/policy-applications", p.submit)
	mux.HandleFunc("POST /api/v1/policy-applications/{no}/decide", p.decide)
	mux.HandleFunc("POST /api/v1/policy-applications/{no}/pay", p.pay)
	mux.HandleFunc("GET /api/v1/stats/projects", p.stats)
	mux.HandleFunc("GET /api/v1/stats/policies", p.stats)
}

type stageJSON struct {
	Name      string     `json:"name"`
	LimitDays int        `json:"limit_days"`
	Items     []string   `json:"items"`
	Started   *time.Time `json:"started_at"`
	Finished  *time.Time `json:"finished_at"`
	Deadline  *time.Time `json:"deadline"`
	Workdays  int        `json:"workdays"`
	Status    string     `json:"status"`
}

func opt(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

func (p *Projects) projectJSON(r *http.Request, pr project.Project) (map[string]any, error) {
	sch, err := p.Service.Sched(r.Context())
	if err != nil {
		return nil, err
	}
	now := p.Service.Now()
	stages := make([]stageJSON, 0, len(pr.Stages))
	for _, s := range pr.Stages {
		stages = append(stages, stageJSON{s.Name, s.LimitDays, s.Items, opt(s.Started), opt(s.Finished),
			opt(s.Deadline(sch)), s.Workdays(sch, now), string(s.Status(sch, now))})
	}
	return map[string]any{"code": pr.Code, "name": pr.Name, "enterprise": pr.Enterprise, "contact": pr.Contact,
		"phone": pr.Phone, "agent": pr.Agent, "form": pr.Form, "created_at": pr.CreatedAt, "stages": stages,
		"version": pr.Version}, nil
}

func (p *Projects) list(w http.ResponseWriter, r *http.Request) {
	ps, err := p.Service.Projects(r.Context())
	out := make([]map[string]any, 0, len(ps))
	for _, pr := range ps {
		if err != nil {
			break
		}
		var m map[string]any
		m, err = p.projectJSON(r, pr)
		out = append(out, m)
	}
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]any{"items": out, "total": len(out)})
}

func (p *Projects) get(w http.ResponseWriter, r *http.Request) {
	pr, led, err := p.Service.Project(r.Context(), r.PathValue("code"))
	var m map[string]any
	if err == nil {
		m, err = p.projectJSON(r, pr)
	}
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	ledger := make([]map[string]any, 0, len(led))
	for _, e := range led {
		ledger = append(ledger, map[string]any{"at": e.At, "kind": e.Kind, "actor": e.Actor, "note": e.Note})
	}
	m["ledger"] = ledger
	httpx.WriteJSON(w, http.StatusOK, m)
}

func (p *Projects) create(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Code, Name, Enterprise, Contact, Phone, Agent, Form string
		Stages                                              []struct {
			Name      string   `json:"name"`
			LimitDays int      `json:"limit_days"`
			Items     []string `json:"items"`
		}
	}
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	pr := project.Project{Code: in.Code, Name: in.Name, Enterprise: in.Enterprise, Contact: in.Contact, Phone: in.Phone,
		Agent: in.Agent, Form: in.Form}
	for _, s := range in.Stages {
		pr.Stages = append(pr.Stages, project.Stage{Name: s.Name, LimitDays: s.LimitDays, Items: s.Items})
	}
	if err := p.Service.Create(r.Context(), &pr); err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusCreated, map[string]any{"code": pr.Code})
}

// pass finishes the current stage: body {"version": n} (optional, 0 = unchecked);
// the answer is the ledger entry written and the project's new version.
func (p *Projects) pass(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Version int `json:"version"`
	}
	if r.ContentLength != 0 {
		if err := httpx.DecodeJSON(w, r, &in); err != nil {
			httpx.WriteError(w, r, err)
			return
		}
	}
	pr, e, err := p.Service.Pass(r.Context(), r.PathValue("code"), in.Version)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]any{"ok": true, "kind": e.Kind, "note": e.Note, "version": pr.Version,
		"done": pr.Current() < 0})
}

func (p *Projects) note(w http.ResponseWriter, r *http.Request) {
	var in struct{ Kind, Note string }
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	p.done(w, r, p.Service.Note(r.Context(), r.PathValue("code"), in.Kind, in.Note))
}

func (p *Projects) done(w http.ResponseWriter, r *http.Request, err error) {
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]any{"ok": true})
}

func (p *Projects) policies(w http.ResponseWriter, r *http.Request) {
	ps, err := p.Service.Policies(r.Context())
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	out := make([]map[string]any, 0, len(ps))
	for _, x := range ps {
		out = append(out, map[string]any{"code": x.Code, "name": x.Name, "department": x.Department,
			"conditions": x.Conditions, "amount": x.Amount, "limit": yuanOrNil(x.Limit()), "materials": x.Materials,
			"channels": x.Channels})
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]any{"items": out, "total": len(out)})
}

func applicationJSON(a project.Application) map[string]any {
	return map[string]any{"no": a.No, "policy_code": a.PolicyCode, "applicant": a.Applicant, "channel": a.Channel,
		"materials": a.Materials, "amount": float64(a.AmountFen) / 100, "status": a.Status,
		"status_name": project.StatusNames[a.Status], "submitted_at": a.SubmittedAt, "decided_at": opt(a.DecidedAt),
		"decided_by": a.DecidedBy, "reason": a.Reason, "approved": float64(a.ApprovedFen) / 100,
		"paid": float64(a.PaidFen) / 100, "paid_at": opt(a.PaidAt), "paid_by": a.PaidBy, "version": a.Version}
}

// yuanOrNil is an amount in yuan, or null for 0 (a policy without a fixed limit).
func yuanOrNil(fen int64) any {
	if fen == 0 {
		return nil
	}
	return float64(fen) / 100
}

func (p *Projects) applications(w http.ResponseWriter, r *http.Request) {
	as, err := p.Service.Applications(r.Context())
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	out := make([]map[string]any, 0, len(as))
	for _, a := range as {
		out = append(out, applicationJSON(a))
	}
	httpx.WriteJSON(w, http.StatusOK, map[string]any{"items": out, "total": len(out)})
}

// fen converts yuan to fen, rounding to the nearest fen.
func fen(yuan float64) int64 {
	if yuan < 0 {
		return -int64(-yuan*100 + 0.5)
	}
	return int64(yuan*100 + 0.5)
}

func (p *Projects) submit(w http.ResponseWriter, r *http.Request) {
	var in struct {
		No         string   `json:"no"`
		PolicyCode string   `json:"policy_code"`
		Applicant  string   `json:"applicant"`
		Channel    string   `json:"channel"`
		Materials  []string `json:"materials"`
		Amount     float64  `json:"amount"`
	}
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	a := project.Application{No: in.No, PolicyCode: in.PolicyCode, Applicant: in.Applicant, Channel: in.Channel,
		Materials: in.Materials, AmountFen: fen(in.Amount)}
	if err := p.Service.Submit(r.Context(), &a); err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusCreated, applicationJSON(a))
}

// decide reviews an application: {"approve": true, "reason": "", "amount": 核定金额（元，0 或不填 = 申请金额）,
// "version": n}; the answer is the application as written.
func (p *Projects) decide(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Approve bool    `json:"approve"`
		Reason  string  `json:"reason"`
		Amount  float64 `json:"amount"`
		Version int     `json:"version"`
	}
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	a, err := p.Service.Decide(r.Context(), r.PathValue("no"), in.Version,
		project.Decision{Approve: in.Approve, Reason: in.Reason, AmountFen: fen(in.Amount)})
	p.application(w, r, a, err)
}

// pay records a payout: {"amount": 元, "version": n}; the answer is the application as written.
func (p *Projects) pay(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Amount  float64 `json:"amount"`
		Version int     `json:"version"`
	}
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	a, err := p.Service.Pay(r.Context(), r.PathValue("no"), in.Version, fen(in.Amount))
	p.application(w, r, a, err)
}

func (p *Projects) application(w http.ResponseWriter, r *http.Request, a project.Application, err error) {
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, applicationJSON(a))
}

// stats serves the figures of `govdesk stats projects|policies` for ?from=&to=.
func (p *Projects) stats(w http.ResponseWriter, r *http.Request) {
	per, err := stats.DatePeriod(r.URL.Query().Get("from"), r.URL.Query().Get("to"))
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	ctx := r.Context()
	sch, err := p.Service.Sched(ctx)
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	if r.URL.Path == "/api/v1/stats/projects" {
		ps, err := p.Service.Projects(ctx)
		if err != nil {
			httpx.WriteError(w, r, err)
			return
		}
		httpx.WriteJSON(w, http.StatusOK, stats.ProjectFigures(ps, per, sch))
		return
	}
	pols, err := p.Service.Policies(ctx)
	var apps []project.Application
	if err == nil {
		apps, err = p.Service.Applications(ctx)
	}
	if err != nil {
		httpx.WriteError(w, r, err)
		return
	}
	httpx.WriteJSON(w, http.StatusOK, stats.PolicyFigures(pols, apps, per, sch))
}
