package app

import "context"

// Role codes of SPEC §1.
const (
	RoleAdmin      = "admin"
	RoleOperator   = "operator"
	RoleDispatcher = "dispatcher"
	RoleHandler    = "handler"
	RoleUnitAdmin  = "unit_admin"
	RoleStaff      = "staff"
	RoleLeader     = "leader"
	// RolePublic is the reader of the public interfaces (Open311, the public pages); no
	// user holds it (it is not in Roles).
	RolePublic = "public"
)

// Roles lists every role in the order pages show them.
var Roles = []string{RoleAdmin, RoleOperator, RoleDispatcher, RoleHandler, RoleUnitAdmin, RoleStaff, RoleLeader}

// RoleNames gives each role's Chinese name.
var RoleNames = map[string]string{
	RoleAdmin:      "系统管理员",
	RoleOperator:   "话务员/受理员",
	RoleDispatcher: "派单员",
	RoleHandler:    "承办人",
	RoleUnitAdmin:  "单位管理员",
	RoleStaff:      "中心工作人员",
	RoleLeader:     "领导/督查",
}

// ValidRole reports whether r is one of the roles of SPEC §1.
func ValidRole(r string) bool {
	_, ok := RoleNames[r]
	return ok
}

// Actor is the person (or integration) on whose behalf a service acts.
type Actor struct {
	UserID   int64
	Username string
	Name     string
	Role     string
	UnitID   int64
	UnitCode string
}

// Is reports whether the actor has one of the roles.
func (a Actor) Is(roles ...string) bool {
	for _, r := range roles {
		if a.Role == r {
			return true
		}
	}
	return false
}

// System is the actor of the scheduler, migrations and command-line imports.
var System = Actor{Username: "system", Name: "系统", Role: RoleAdmin}

type actorKey struct{}

// WithActor returns a context carrying the actor.
func WithActor(ctx context.Context, a Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// ActorFrom returns the actor carried by ctx, if any.
func ActorFrom(ctx context.Context) (Actor, bool) {
	a, ok := ctx.Value(actorKey{}).(Actor)
	return a, ok
}

// RequireActor returns the context's actor or an unauthorized error.
func RequireActor(ctx context.Context) (Actor, error) {
	a, ok := ActorFrom(ctx)
	if !ok {
		return Actor{}, Unauthorized("请先登录")
	}
	return a, nil
}

// RequireRole returns the context's actor when it has one of the roles, else forbidden.
func RequireRole(ctx context.Context, roles ...string) (Actor, error) {
	a, err := RequireActor(ctx)
	if err != nil {
		return a, err
	}
	if !a.Is(roles...) {
		return a, Forbidden("当前角色（%s）无权执行此操作", RoleNames[a.Role])
	}
	return a, nil
}
