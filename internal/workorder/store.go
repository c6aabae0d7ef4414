package workorder

import (
	"context"
	"time"

	"govdesk/internal/app"
)

// Filter selects orders for a list (SPEC §4.4 list parameters and the statistics' drill-downs).
type Filter struct {
	Statuses      []Status
	ScopeUnitID   int64  // when set, only this unit's orders, as main or co-handling unit (handlers, unit admins)
	ScopeUnitCode string // the scope unit's code (co-handling units are stored by code)
	UnitCode      string // current unit
	Type          string
	NonConsult    bool // every type but 咨询
	Urgent        *bool
	From, To      time.Time // received_at in [From, To)
	Q             string    // words in number, title, content or address
	// QNumberOnlyAnonymous: the reader may not know anonymous citizens, so Q matches
	// an anonymous order by its number only (its text may name the person).
	QNumberOnlyAnonymous bool
	// QNumberOnly: Q matches order numbers only (set by ScopeFilter when the reader
	// reads free text masked and Q holds six or more digits in a row, as a phone does).
	QNumberOnly  bool
	Overdue      *bool  // 超期 at Now
	Warning      bool   // 预警 at Now (open, not overdue, 80% of the limit used): filtered after the query
	Source       string // 来源, one of Sources
	Supervised   *bool
	Sensitive    bool
	Phone        string
	Town         string
	Category     string // a category path or its prefix
	Closed       *bool
	FirstCall    *bool // resolved at intake
	Approved     *bool // with an approved reply
	WithDeadline bool  // with a deadline (dispatched and not returned; not resolved at intake)
	Dispatched   bool  // dispatched at least once (first_dispatched_at set)
	OnTime       *bool // approved reply at or before the deadline
	Rated        bool  // with a callback rating (满意/基本满意/不满意)
	Satisfied    bool  // rated 满意 or 基本满意

	// counters at least (0: no condition)
	MinReturns    int
	MinExtensions int
	MinReopens    int
	MinReminders  int

	Now   time.Time
	Page  app.Page
	Order string // "received" (default, newest first) or "deadline" (soonest first)
}

// Notice is a message to a unit or to every user of a role (SPEC issue: notices).
type Notice struct {
	ID        int64
	Kind      string // dispatch, return, remind, supervise, overdue, warning, extension, sensitive, …
	OrderID   int64
	OrderNo   string
	UnitID    int64
	Role      string
	Title     string
	Body      string
	DedupKey  string // when set, the notice is raised once only
	CreatedAt time.Time
	Read      bool
}

// Change is what a command produces: its event and the notices it raises, stored
// together with the order in one transaction.
type Change struct {
	Event   Event
	Notices []Notice
}

// Store keeps orders and their events. Methods return *app.Error: not_found for an
// unknown order, conflict for a stale version or a duplicate number.
type Store interface {
	// CreateOrder inserts the order with its create event and notices; it sets ID and,
	// when No is empty, a generated number (YYYYMMDD + 6-digit sequence of the receipt day).
	CreateOrder(ctx context.Context, o *Order, c Change) error
	FindOrderByID(ctx context.Context, id int64) (Order, error)
	FindOrderByNo(ctx context.Context, no string) (Order, error)
	FindOrders(ctx context.Context, f Filter) ([]Order, int, error)
	// FindRecentOpen returns up to limit open orders received since the time, newest
	// first, with the phone or (when townID is not 0) in the town: the candidates of
	// the duplicate hint. Only ID, No, Title, Content, Status and ReceivedAt are set.
	FindRecentOpen(ctx context.Context, phone string, townID int64, since time.Time, limit int) ([]Order, error)
	// UpdateOrder loads the order in a transaction; when version > 0 and differs from
	// the stored one it fails with conflict; otherwise it runs fn, saves the order with
	// version+1 and appends the change, all or nothing.
	UpdateOrder(ctx context.Context, id int64, version int, fn func(*Order) (Change, error)) (Order, error)
	FindEvents(ctx context.Context, orderID int64) ([]Event, error)
	LogAccess(ctx context.Context, e AccessEntry) error
	FindNotices(ctx context.Context, userID, unitID int64, role string, unreadOnly bool, page app.Page) ([]Notice, int, error)
	UnreadNotices(ctx context.Context, userID, unitID int64, role string) (int, error)
	MarkNoticesRead(ctx context.Context, userID, unitID int64, role string, ids []int64, at time.Time) error
	AddNotices(ctx context.Context, ns []Notice) (int, error)
	// AddAttachment stores a file of an order and sets its ID; conflict when the
	// order already has max files.
	AddAttachment(ctx context.Context, a *Attachment, data []byte, max int) error
	FindAttachments(ctx context.Context, orderID int64) ([]Attachment, error)
	FindAttachment(ctx context.Context, orderID, id int64) (Attachment, []byte, error)
}

// AccessEntry is one line of the personal-data access log.
type AccessEntry struct {
	At       time.Time
	Username string
	Action   string // phone_read, export
	OrderID  int64
	Detail   string
}

// Directory resolves the units and the regions and categories orders refer to.
type Directory interface {
	// UnitRef returns an active unit; invalid when no active unit has the code.
	UnitRef(ctx context.Context, code string) (UnitRef, error)
	// Registry returns every registered town with its villages, and every category.
	Registry(ctx context.Context) (Registry, error)
}
