package workorder

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"govdesk/internal/app"
)

// Types are the seven order types (诉求类型) of SPEC §4.1, in display order.
var Types = []string{"咨询", "投诉", "举报", "求助", "建议", "表扬", "其他"}

// ValidType reports whether t is one of Types.
func ValidType(t string) bool {
	for _, v := range Types {
		if v == t {
			return true
		}
	}
	return false
}

// Policy is one version of the SLA rules, in force for orders received on or after
// EffectiveFrom (a date in Asia/Shanghai) until the next version's date.
type Policy struct {
	ID               int64
	EffectiveFrom    string             // YYYY-MM-DD
	Limits           map[string]float64 // working days per order type
	UrgentDays       float64            // limit of an urgent (紧急) order, whatever its type
	SignForHours     float64            // sign-for limit (签收时限) in working hours
	ReopenDays       float64            // new limit after an unsatisfied callback reopens an order
	MaxReturns       int                // returns before only a final assignment (指定主办) is allowed
	MaxExtensions    int                // extensions an order may be granted
	MaxExtensionDays float64            // extra working days one extension may ask for
	Note             string
	CreatedAt        time.Time
}

// Limit returns the working-day limit of an order of the type and urgency.
func (p Policy) Limit(typ string, urgent bool) float64 {
	if urgent {
		return p.UrgentDays
	}
	if d, ok := p.Limits[typ]; ok {
		return d
	}
	return p.Limits["其他"]
}

// Validate checks a policy before it is stored.
func (p Policy) Validate() error {
	var probs []string
	if _, err := time.Parse(app.DateLayout, p.EffectiveFrom); err != nil {
		probs = append(probs, fmt.Sprintf("生效日期 %q 应为 YYYY-MM-DD", p.EffectiveFrom))
	}
	for _, t := range Types {
		if d, ok := p.Limits[t]; !ok || d <= 0 || d > 365 {
			probs = append(probs, fmt.Sprintf("%s时限应为 0 到 365 之间的工作日数", t))
		}
	}
	for t := range p.Limits {
		if !ValidType(t) {
			probs = append(probs, fmt.Sprintf("未知的诉求类型 %q", t))
		}
	}
	if p.UrgentDays <= 0 || p.UrgentDays > 365 {
		probs = append(probs, "紧急件时限应大于 0")
	}
	if p.SignForHours <= 0 || p.SignForHours > 24*30 {
		probs = append(probs, "签收时限应大于 0 小时")
	}
	if p.ReopenDays <= 0 {
		probs = append(probs, "重办时限应大于 0")
	}
	if p.MaxReturns < 0 || p.MaxExtensions < 0 || p.MaxExtensionDays < 0 {
		probs = append(probs, "退单次数、延期次数和延期天数不能为负")
	}
	if len(probs) > 0 {
		sort.Strings(probs)
		return app.Invalid("办理时限策略有误：%s", strings.Join(probs, "；")).WithDetail("invalid time-limit policy: %d problems", len(probs))
	}
	return nil
}

// PolicyAt returns the policy in force at t among policies (any order); not_found when none is.
func PolicyAt(policies []Policy, t time.Time) (Policy, error) {
	day := t.In(app.Shanghai).Format(app.DateLayout)
	var best *Policy
	for i := range policies {
		p := &policies[i]
		if p.EffectiveFrom <= day && (best == nil || p.EffectiveFrom > best.EffectiveFrom) {
			best = p
		}
	}
	if best == nil {
		return Policy{}, app.NotFound("%s 没有生效的办理时限策略", day).WithDetail("no time-limit policy in force on %s", day)
	}
	return *best, nil
}

// PolicyStore keeps the SLA policy versions.
type PolicyStore interface {
	// FindPolicies returns every version ordered by effective date.
	FindPolicies(ctx context.Context) ([]Policy, error)
	// SavePolicy creates the version of its effective date, or replaces it (conflict never).
	SavePolicy(ctx context.Context, p Policy) error
}

// Policies is the SLA policy service.
type Policies struct {
	Store PolicyStore
	Clock app.Clock
}

// List returns every version ordered by effective date.
func (s *Policies) List(ctx context.Context) ([]Policy, error) { return s.Store.FindPolicies(ctx) }

// Set stores a policy version (admin only). Orders received before its date keep their old limits.
func (s *Policies) Set(ctx context.Context, p Policy) error {
	if _, err := app.RequireRole(ctx, app.RoleAdmin); err != nil {
		return err
	}
	if err := p.Validate(); err != nil {
		return err
	}
	p.CreatedAt = s.Clock.Now()
	return s.Store.SavePolicy(ctx, p)
}

// At returns the policy in force at t.
func (s *Policies) At(ctx context.Context, t time.Time) (Policy, error) {
	ps, err := s.Store.FindPolicies(ctx)
	if err != nil {
		return Policy{}, err
	}
	return PolicyAt(ps, t)
}
