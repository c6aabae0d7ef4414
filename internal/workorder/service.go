package workorder

import (
	"context"
	"strings"
	"sync"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/workday"
)

// Service runs the work-order workflow: every command checks the actor's role and
// scope, applies the pure rule under an optimistic version, and stores the event and
// notices with the change.
type Service struct {
	Store     Store
	Directory Directory
	// Articles looks up the knowledge-base articles orders cite when resolved at intake.
	Articles Articles
	Policies *Policies
	Clock    app.Clock
	// Schedule returns the working-day schedule in force (calendar with the admin's overrides).
	Schedule func(ctx context.Context) (workday.Schedule, error)
	// ReviewClosesConsult: an approved reply to a 咨询 closes it without a callback.
	ReviewClosesConsult bool
	// SensitiveUnits are notified at once of orders flagged 群体诉求 / 涉稳 / 舆情.
	SensitiveUnits []int64

	regions    sync.Map // "town\x00village" → [2]int64; region ids never change
	categories sync.Map // path as given → CategoryRef
}

// region returns the ids of a registered town and village (see Registry.ResolveRegion).
// Hits are remembered, since region ids never change; a miss reads the registry afresh,
// so a region an import has just added is found.
func (s *Service) region(ctx context.Context, town, village string) (int64, int64, error) {
	if town == "" && village == "" {
		return 0, 0, nil
	}
	key := town + "\x00" + village
	if v, ok := s.regions.Load(key); ok {
		ids := v.([2]int64)
		return ids[0], ids[1], nil
	}
	reg, err := s.Directory.Registry(ctx)
	if err != nil {
		return 0, 0, err
	}
	t, v, err := reg.ResolveRegion(town, village)
	if err == nil {
		s.regions.Store(key, [2]int64{t, v})
	}
	return t, v, err
}

// category returns the id and normalised path of a registered, active category (see
// Registry.ResolveCategory). Hits are remembered like regions' (nothing retires a
// category while the server runs).
func (s *Service) category(ctx context.Context, path string) (int64, string, error) {
	if strings.TrimSpace(path) == "" {
		return 0, "", nil
	}
	if v, ok := s.categories.Load(path); ok {
		c := v.(CategoryRef)
		return c.ID, c.Path, nil
	}
	reg, err := s.Directory.Registry(ctx)
	if err != nil {
		return 0, "", err
	}
	id, norm, err := reg.ResolveCategory(path)
	if err == nil {
		s.categories.Store(path, CategoryRef{ID: id, Path: norm, Active: true})
	}
	return id, norm, err
}

// Registry returns the towns, villages and categories an order may name, for the
// forms that offer them.
func (s *Service) Registry(ctx context.Context) (Registry, error) {
	if _, err := app.RequireActor(ctx); err != nil {
		return Registry{}, err
	}
	return s.Directory.Registry(ctx)
}

// FullPhoneRoles may read a citizen's full phone number (each read is logged).
var FullPhoneRoles = []string{app.RoleOperator, app.RoleDispatcher, app.RoleHandler}

// unitScoped reports whether the actor sees only its own unit's orders.
func unitScoped(a app.Actor) bool { return a.Is(app.RoleHandler, app.RoleUnitAdmin) }

// ScopeFilter narrows f to what the actor may search: a unit's people to their own
// unit's orders, and a keyword never reaching text the actor is shown masked — an
// anonymous citizen's words to those who may not know them, the numbers in any
// text to those without the phone right. Every list, export and figure applies it.
// Looking orders up by phone needs the phone right (forbidden otherwise).
func ScopeFilter(a app.Actor, f *Filter) error {
	if unitScoped(a) {
		f.ScopeUnitID, f.ScopeUnitCode = a.UnitID, a.UnitCode
	}
	f.QNumberOnlyAnonymous = !a.Is(IdentityRoles...)
	masked := !a.Is(FullPhoneRoles...)
	f.QNumberOnly = masked && digitRun(f.Q) >= 6
	if f.Phone != "" && masked {
		return app.Forbidden("按来电号码查找工单需要查看电话号码的权限").WithDetail("role %s may not look orders up by phone", a.Role)
	}
	return nil
}

// visible reports whether the actor may see the order at all.
func visible(a app.Actor, o *Order) bool {
	if !unitScoped(a) {
		return true
	}
	if o.UnitID == a.UnitID && a.UnitID != 0 {
		return true
	}
	for _, c := range o.CoUnits {
		if c == a.UnitCode {
			return true
		}
	}
	return false
}

func (s *Service) env(ctx context.Context, o *Order) (Env, error) {
	a, err := app.RequireActor(ctx)
	if err != nil {
		return Env{}, err
	}
	sched, err := s.Schedule(ctx)
	if err != nil {
		return Env{}, err
	}
	var p Policy
	if !o.ReceivedAt.IsZero() {
		if p, err = s.Policies.At(ctx, o.ReceivedAt); err != nil {
			return Env{}, err
		}
	}
	return Env{Actor: a, Now: s.Clock.Now(), Policy: p, Schedule: sched, ReviewClosesConsult: s.ReviewClosesConsult}, nil
}

// NewOrder is the input of Create (SPEC §4.4 POST /orders).
type NewOrder struct {
	Type         string
	Urgent       bool
	Title        string
	Content      string
	CitizenName  string
	CitizenPhone string
	Anonymous    bool
	Town         string
	Village      string
	Address      string
	Category     string
	Source       string
	Sensitive    []string
	ReceivedAt   time.Time // zero: now
}

// Create registers a new order (受理) and returns it with the duplicate hints of
// SPEC §4.3: open orders of the last 30 days with the same phone, or in the same
// town with very similar content.
func (s *Service) Create(ctx context.Context, in NewOrder) (Order, []Order, error) {
	a, err := app.RequireRole(ctx, app.RoleOperator, app.RoleDispatcher, app.RoleAdmin)
	if err != nil {
		return Order{}, nil, err
	}
	now := s.Clock.Now()
	o := Order{Type: in.Type, Urgent: in.Urgent, Title: in.Title, Content: in.Content, CitizenName: strings.TrimSpace(in.CitizenName),
		CitizenPhone: in.CitizenPhone, Anonymous: in.Anonymous, Address: strings.TrimSpace(in.Address), Source: strings.TrimSpace(in.Source),
		Sensitive: in.Sensitive, ReceivedAt: in.ReceivedAt, Status: Received, CreatedAt: now, UpdatedAt: now, Version: 1}
	if o.ReceivedAt.IsZero() {
		o.ReceivedAt = now
	}
	if err := s.resolvePlaces(ctx, &o, in, o.Validate()); err != nil {
		return Order{}, nil, err
	}
	ev := Event{Action: CmdCreate, At: now, Actor: a.Username, To: Received, Data: map[string]string{"source": o.Source}}
	change := Change{Event: ev, Notices: s.sensitiveNotices(&o, now)}
	if err := s.Store.CreateOrder(ctx, &o, change); err != nil {
		return Order{}, nil, err
	}
	hints, err := s.duplicateHints(ctx, &o)
	if err != nil {
		return Order{}, nil, err
	}
	return Present(a, o, ReadOne), presentAll(a, hints), nil
}

// resolvePlaces sets the order's town, village and category from the registry. A
// name not in it is refused; its message joins the field problems of invalid, so a
// person reads every problem of the form at once.
func (s *Service) resolvePlaces(ctx context.Context, o *Order, in NewOrder, invalid error) error {
	if invalid != nil && app.ErrorCode(invalid) != app.EInvalid {
		return invalid
	}
	var probs []string
	if invalid != nil {
		probs = append(probs, app.ErrorMessage(invalid))
	}
	town, village := strings.TrimSpace(in.Town), strings.TrimSpace(in.Village)
	var err error
	if o.TownID, o.VillageID, err = s.region(ctx, town, village); err == nil {
		o.Town, o.Village = town, village
	} else if app.ErrorCode(err) == app.EInvalid {
		probs = append(probs, app.ErrorMessage(err))
	} else {
		return err
	}
	if o.CategoryID, o.Category, err = s.category(ctx, in.Category); app.ErrorCode(err) == app.EInvalid {
		probs = append(probs, app.ErrorMessage(err))
	} else if err != nil {
		return err
	}
	if len(probs) > 0 {
		return app.Invalid("%s", strings.Join(probs, "；"))
	}
	return nil
}

func (s *Service) sensitiveNotices(o *Order, now time.Time) []Notice {
	if len(o.Sensitive) == 0 {
		return nil
	}
	var ns []Notice
	for _, u := range s.SensitiveUnits {
		ns = append(ns, Notice{Kind: NoticeSensitive, UnitID: u, CreatedAt: now,
			Title: "敏感工单（" + strings.Join(o.Sensitive, "、") + "）：" + noticeText(o, o.Title),
			Body:  firstRunes(noticeText(o, o.Content), 120)})
	}
	return ns
}

// MaxHints is the most duplicate hints a new order is shown.
const MaxHints = 10

// duplicateHints lists open orders of the last 30 days that may be the same matter:
// the same phone, or the same town and very similar content.
func (s *Service) duplicateHints(ctx context.Context, o *Order) ([]Order, error) {
	since := o.ReceivedAt.AddDate(0, 0, -30)
	var hints []Order
	seen := map[int64]bool{o.ID: true}
	if o.CitizenPhone != "" {
		list, err := s.Store.FindRecentOpen(ctx, o.CitizenPhone, 0, since, MaxHints+1)
		if err != nil {
			return nil, err
		}
		for _, h := range list {
			if !seen[h.ID] && len(hints) < MaxHints {
				seen[h.ID] = true
				hints = append(hints, h)
			}
		}
	}
	if o.TownID != 0 && len(hints) < MaxHints {
		list, err := s.Store.FindRecentOpen(ctx, "", o.TownID, since, 100)
		if err != nil {
			return nil, err
		}
		mine := bigrams(o.Title + o.Content)
		for _, h := range list {
			if !seen[h.ID] && len(hints) < MaxHints && dice(mine, bigrams(h.Title+h.Content)) >= 0.6 {
				seen[h.ID] = true
				hints = append(hints, h)
			}
		}
	}
	return hints, nil
}

// visibleOrder loads an order the actor may see; another unit's is not found.
func (s *Service) visibleOrder(ctx context.Context, a app.Actor, id int64) (Order, error) {
	o, err := s.Store.FindOrderByID(ctx, id)
	if err != nil {
		return Order{}, err
	}
	if !visible(a, &o) {
		return Order{}, app.NotFound("工单不存在")
	}
	return o, nil
}

// Get returns one order the actor may see (not_found otherwise), as Present shows it
// to the actor: the full phone for the roles that need it, a read written to the access log.
func (s *Service) Get(ctx context.Context, id int64) (Order, error) {
	_, o, err := s.read(ctx, id)
	return o, err
}

// read loads one order the actor may see and returns it as stored and as presented
// to the actor, writing a read of the full phone to the access log.
func (s *Service) read(ctx context.Context, id int64) (Order, Order, error) {
	a, err := app.RequireActor(ctx)
	if err != nil {
		return Order{}, Order{}, err
	}
	o, err := s.visibleOrder(ctx, a, id)
	if err != nil {
		return Order{}, Order{}, err
	}
	shown, err := s.presentOne(ctx, a, o)
	return o, shown, err
}

// presentOne presents one order to the actor and writes a read of its full phone,
// when the actor is shown it, to the access log.
func (s *Service) presentOne(ctx context.Context, a app.Actor, o Order) (Order, error) {
	if sightOf(a, &o, ReadOne).full && o.CitizenPhone != "" {
		if err := s.Store.LogAccess(ctx, AccessEntry{At: s.Clock.Now(), Username: a.Username, Action: "phone_read", OrderID: o.ID}); err != nil {
			return Order{}, err
		}
	}
	return Present(a, o, ReadOne), nil
}

// List returns a page of the orders the actor may see, as Present shows a list's rows
// to the actor (phones masked for every role).
func (s *Service) List(ctx context.Context, f Filter) ([]Order, int, error) {
	a, err := app.RequireActor(ctx)
	if err != nil {
		return nil, 0, err
	}
	if err := ScopeFilter(a, &f); err != nil {
		return nil, 0, err
	}
	if f.Now.IsZero() {
		f.Now = s.Clock.Now()
	}
	var list []Order
	var total int
	if f.Warning {
		list, total, err = s.warnings(ctx, f)
	} else {
		list, total, err = s.Store.FindOrders(ctx, f)
	}
	if err != nil {
		return nil, 0, err
	}
	return presentAll(a, list), total, nil
}

// Events returns an order's timeline, its notes as the actor may read them.
func (s *Service) Events(ctx context.Context, id int64) ([]Event, error) {
	a, err := app.RequireActor(ctx)
	if err != nil {
		return nil, err
	}
	o, err := s.visibleOrder(ctx, a, id)
	if err != nil {
		return nil, err
	}
	evs, err := s.Store.FindEvents(ctx, id)
	if err != nil {
		return nil, err
	}
	return PresentEvents(a, &o, evs, ReadOne), nil
}

// FlagsOf computes an order's time-dependent flags now.
func (s *Service) FlagsOf(ctx context.Context, o *Order) (Flags, error) {
	sched, err := s.Schedule(ctx)
	if err != nil {
		return Flags{}, err
	}
	return FlagsAt(o, s.Clock.Now(), sched), nil
}

// warnings pages the orders under 预警 at f.Now: being handled, not overdue, with 80%
// of their limit used. Warning depends on the calendar, so it is decided here.
func (s *Service) warnings(ctx context.Context, f Filter) ([]Order, int, error) {
	sched, err := s.Schedule(ctx)
	if err != nil {
		return nil, 0, err
	}
	no := false
	f.Statuses, f.Overdue, f.Order = []Status{Dispatched, Accepted}, &no, "deadline"
	page := f.Page.Normalize()
	var hits []Order
	for p := 1; ; p++ {
		f.Page = app.Page{Page: p, PerPage: 500}
		batch, _, err := s.Store.FindOrders(ctx, f)
		if err != nil {
			return nil, 0, err
		}
		for _, o := range batch {
			if FlagsAt(&o, f.Now, sched).Warning {
				hits = append(hits, o)
			}
		}
		if len(batch) < 500 {
			break
		}
	}
	lo := min(page.Offset(), len(hits))
	hi := min(lo+page.PerPage, len(hits))
	return hits[lo:hi], len(hits), nil
}

// digitRun is the length of the longest run of digits in s (spaces and dashes
// between digits do not break it, as people type 139 1234 5678).
func digitRun(s string) int {
	best, run := 0, 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9', r >= '０' && r <= '９':
			run++
			best = max(best, run)
		case r == ' ' || r == '-' || r == '.':
		default:
			run = 0
		}
	}
	return best
}
