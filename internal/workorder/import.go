package workorder

import (
	"context"
	"strings"
	"time"

	"govdesk/internal/app"
	"govdesk/internal/privacy"
	"govdesk/internal/sheet"
	"govdesk/internal/workday"
)

// Order file columns (SPEC §4.5), in the order export writes them.
const (
	ColNo         = "工单编号"
	ColReceived   = "受理时间"
	ColType       = "诉求类型"
	ColUrgency    = "紧急程度"
	ColTitle      = "诉求标题"
	ColContent    = "诉求内容"
	ColCitizen    = "来电人"
	ColPhone      = "联系电话"
	ColTown       = "所属镇街"
	ColVillage    = "所属村居"
	ColAddress    = "详细地址"
	ColCategory   = "诉求分类"
	ColUnit       = "承办单位"
	ColDispatched = "派单时间"
	ColReplied    = "答复时间"
	ColReply      = "答复内容"
	ColClosed     = "办结时间"
	ColCallback   = "回访结果"
	ColResolved   = "是否解决"
	ColFirstCall  = "一次性解答"
)

// OrderColumns are the 20 columns of an order file, in export order.
var OrderColumns = []string{ColNo, ColReceived, ColType, ColUrgency, ColTitle, ColContent, ColCitizen, ColPhone,
	ColTown, ColVillage, ColAddress, ColCategory, ColUnit, ColDispatched, ColReplied, ColReply, ColClosed,
	ColCallback, ColResolved, ColFirstCall}

// OrderSpec is the header specification of an order file: four required columns, the rest optional.
var OrderSpec = sheet.Spec{
	Required: []string{ColNo, ColReceived, ColType, ColContent},
	Optional: []string{ColUrgency, ColTitle, ColCitizen, ColPhone, ColTown, ColVillage, ColAddress, ColCategory,
		ColUnit, ColDispatched, ColReplied, ColReply, ColClosed, ColCallback, ColResolved, ColFirstCall},
}

// ImportActor is the actor recorded on the events an import writes into an order's history.
const ImportActor = "import"

// ImportUnit is a unit as the importer resolves 承办单位 (by code or by name).
type ImportUnit struct {
	UnitRef
	Active bool
}

// OrderHead is what the importer needs to know of an order that already exists.
type OrderHead struct {
	ID      int64
	Status  Status
	Version int
}

// ImportedOrder is one order an import writes: the order in its final state with its
// recomputed history. For an update (Order.ID set) the store rewrites the columns the
// file carries, keeps the others, raises the version, replaces the events earlier
// imports wrote (actor ImportActor) with Events and appends Audit.
// MaskedFields are the fields of an imported row that hold a masked rendering.
type MaskedFields uint8

const (
	MaskedTitle MaskedFields = 1 << iota
	MaskedContent
	MaskedReply
	MaskedCitizen // the citizen hidden (匿名 without a phone, or a masked name): name and phone kept
)

// maskedFields finds the fields of o, built from a file, that hold what Present shows
// a reader without the right rather than the original.
func maskedFields(o *Order) MaskedFields {
	var m MaskedFields
	if privacy.Masked(o.Title) {
		m |= MaskedTitle
	}
	if privacy.Masked(o.Content) {
		m |= MaskedContent
	}
	if privacy.Masked(o.ReplyText) {
		m |= MaskedReply
	}
	if (o.CitizenName == AnonymousName && o.CitizenPhone == "") || strings.Contains(o.CitizenName, "*") {
		m |= MaskedCitizen
	}
	return m
}

type ImportedOrder struct {
	Order Order
	// PhoneMasked: the file held a masked phone (138****8000, from an export); an
	// update keeps the stored phone, a new order gets none.
	PhoneMasked bool
	// Masked lists what the file shows as an export hid it from a reader without the
	// right (MaskedTitle …): an update keeps those fields as stored, so importing such
	// an export never overwrites personal data with its masked rendering.
	Masked MaskedFields
	Events []Event
	Audit  *Event // the re-import itself, for an update
}

// ImportBatch is what ImportOrders writes in one transaction. Orders yields each order
// once; the value it yields is only valid until the next one (it is reused).
type ImportBatch struct {
	Count int // orders Orders yields
	New   int // of which new ones (ID 0)
	// Regions and Categories are every region and category path the orders name, first
	// met first, so that the store can create the unknown ones before writing orders.
	Regions    []RegionName
	Categories []string
	Orders     func(yield func(*ImportedOrder) bool)
	Now        time.Time
}

// RegionName names a town (镇街) and, when Village is set, a village (村居) in it.
type RegionName struct{ Town, Village string }

// ImportResult is what ImportOrders did.
type ImportResult struct {
	Created, Updated  int
	CreatedRegions    []string // "镇街" or "镇街/村居", in the order first met
	CreatedCategories []string // paths, parents before children
}

// ImportStore is the bulk persistence of the order import and export. Methods return
// *app.Error: conflict when a number the batch creates exists already (another import ran
// at the same time), internal otherwise.
type ImportStore interface {
	// FindImportUnits returns every unit, active or not.
	FindImportUnits(ctx context.Context) ([]ImportUnit, error)
	// FindOrderHeads returns the orders among nos that exist, keyed by number.
	FindOrderHeads(ctx context.Context, nos []string) (map[string]OrderHead, error)
	// ImportOrders writes the batch in one transaction, all or nothing: it creates the
	// batch's regions and categories not yet known, resolves each order's Town, Village
	// and Category to them, inserts new orders and updates existing ones (by ID) with
	// their events. An order naming a region or category the batch does not list is internal.
	ImportOrders(ctx context.Context, b ImportBatch) (ImportResult, error)
	// EachOrder calls fn for every order matching f (its Page is ignored), oldest
	// receipt first, stopping at fn's first error.
	EachOrder(ctx context.Context, f Filter, fn func(*Order) error) error
	LogAccess(ctx context.Context, e AccessEntry) error
}

// Importer imports order files from the upstream 12345 platform and exports orders in
// the same form (SPEC §4.5).
type Importer struct {
	Store    ImportStore
	Policies PolicyStore
	// Schedule returns the working-day schedule in force (as Service.Schedule).
	Schedule func(ctx context.Context) (workday.Schedule, error)
	Clock    app.Clock
}

// ImportSummary is the result of an order import.
type ImportSummary struct {
	Imported          int      `json:"imported"`
	Updated           int      `json:"updated"`
	Skipped           int      `json:"skipped"`
	Unknown           []string `json:"unknown_columns,omitempty"`
	CreatedRegions    []string `json:"created_regions,omitempty"`
	CreatedCategories []string `json:"created_categories,omitempty"`
}

// Import validates every row of an order table and, when all are valid (or skipInvalid
// is set), writes the orders in one transaction: new numbers become orders in the final
// state the row describes, with their history; known numbers are updated. Nothing is
// written when a row is bad and skipInvalid is not set: the error is invalid and the list
// names every problem. With skipInvalid the bad rows come back beside a nil error.
// Admins and dispatchers may import.
func (im *Importer) Import(ctx context.Context, tab *sheet.Table, skipInvalid bool) (ImportSummary, []sheet.RowError, error) {
	a, err := app.RequireRole(ctx, app.RoleAdmin, app.RoleDispatcher)
	if err != nil {
		return ImportSummary{}, nil, err
	}
	refs, err := im.loadRefs(ctx, tab)
	if err != nil {
		return ImportSummary{}, nil, err
	}
	plans, errs := refs.validate(tab)
	if errs.Len() > 0 && !skipInvalid {
		return ImportSummary{}, errs.List, errs.Err()
	}
	b := refs.batch(tab, plans)
	b.Orders = refs.orders(tab, plans, a.Username)
	res, err := im.Store.ImportOrders(ctx, b)
	if err != nil {
		return ImportSummary{}, nil, err
	}
	return ImportSummary{Imported: res.Created, Updated: res.Updated, Skipped: len(tab.Rows) - len(plans), Unknown: tab.Unknown,
		CreatedRegions: res.CreatedRegions, CreatedCategories: res.CreatedCategories}, errs.List, nil
}

// loadRefs reads, once, everything validation needs: units, existing numbers, SLA
// policies and the schedule.
func (im *Importer) loadRefs(ctx context.Context, tab *sheet.Table) (*importRefs, error) {
	units, err := im.Store.FindImportUnits(ctx)
	if err != nil {
		return nil, err
	}
	nos := make([]string, 0, len(tab.Rows))
	for _, r := range tab.Rows {
		if no := r.Get(ColNo); no != "" {
			nos = append(nos, no)
		}
	}
	heads, err := im.Store.FindOrderHeads(ctx, nos)
	if err != nil {
		return nil, err
	}
	policies, err := im.Policies.FindPolicies(ctx)
	if err != nil {
		return nil, err
	}
	sched, err := im.Schedule(ctx)
	if err != nil {
		return nil, err
	}
	return newImportRefs(units, heads, policies, sched, im.Clock.Now()), nil
}
