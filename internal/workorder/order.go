package workorder

import (
	"strings"
	"time"
)

// Status is a state of the order lifecycle (SPEC §4.2).
type Status string

// The six states.
const (
	Received   Status = "received"   // 待派发
	Dispatched Status = "dispatched" // 待签收
	Accepted   Status = "accepted"   // 办理中
	Replied    Status = "replied"    // 待审核
	Callback   Status = "callback"   // 待回访
	Closed     Status = "closed"     // 已办结
)

// StatusNames gives each state's Chinese name.
var StatusNames = map[Status]string{
	Received: "待派发", Dispatched: "待签收", Accepted: "办理中", Replied: "待审核", Callback: "待回访", Closed: "已办结",
}

// Statuses lists the states in lifecycle order.
var Statuses = []Status{Received, Dispatched, Accepted, Replied, Callback, Closed}

// InHand are the states of a unit's to-do (待办): orders to sign for and orders
// being handled. A replied order waits for the centre, not for the unit.
var InHand = []Status{Dispatched, Accepted}

// Sources (来源) of SPEC §4.1.
var Sources = []string{"12345热线", "网络问政", "来信", "来访", "政务服务网", "其他"}

// Callback results (回访结果).
const (
	Satisfied      = "满意"
	BasicSatisfied = "基本满意"
	Unsatisfied    = "不满意"
	Unreachable    = "无法回访"
)

// CallbackResults lists the values a callback may record.
var CallbackResults = []string{Satisfied, BasicSatisfied, Unsatisfied, Unreachable}

// SensitiveTags are the flags that notify the configured offices at once.
var SensitiveTags = []string{"群体诉求", "涉稳", "舆情"}

// Close reasons, recorded when an order reaches Closed.
const (
	CloseIntake    = "intake"    // resolved at intake (直接办结)
	CloseDuplicate = "duplicate" // marked as a duplicate (重复件)
	CloseCallback  = "callback"  // closed by the callback
	CloseNoContact = "unreachable"
	CloseReview    = "review" // approved reply to a 咨询 closed at once
	CloseImport    = "import" // a historic order imported closed
)

// Order is a 12345 work order (工单) with every field of SPEC §4.1.
type Order struct {
	ID           int64
	No           string // 工单编号
	Source       string
	Type         string
	Urgent       bool
	CategoryID   int64
	Category     string // path, e.g. 城乡建设/市政设施/路灯
	Title        string
	Content      string
	CitizenName  string
	CitizenPhone string
	Anonymous    bool
	TownID       int64
	VillageID    int64
	Town         string
	Village      string
	Address      string
	Lat, Lng     float64
	HasLocation  bool
	Sensitive    []string // 群体诉求 / 涉稳 / 舆情
	ReceivedAt   time.Time

	UnitID   int64 // current handling unit (主办)
	UnitCode string
	UnitName string
	CoUnits  []string // co-handling units' codes (协办)

	Status            Status
	FirstDispatchedAt time.Time
	DispatchedAt      time.Time // of the current dispatch (or reopening)
	LimitDays         float64   // limit of the current dispatch
	DeadlineAt        time.Time
	SignDeadlineAt    time.Time // sign-for limit of the current dispatch
	AcceptedAt        time.Time
	SignLate          bool
	FinalAssigned     bool // 指定主办: cannot be returned

	ExtPendingDays   float64 // a pending extension request
	ExtPendingReason string

	ReplyText     string
	RepliedAt     time.Time
	ReplyApproved bool

	CallbackResult   string
	CallbackResolved bool
	CallbackTries    int
	CallbackNote     string

	ClosedAt    time.Time
	CloseReason string

	Returns    int
	Extensions int
	Reminders  int
	Reopens    int
	Supervised bool

	DuplicateOf       int64
	KBArticleID       int64
	FirstCallResolved bool

	Version   int
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Open reports whether the order is not closed.
func (o *Order) Open() bool { return o.Status != Closed }

// MaskPhone hides the middle of a phone number: 13800138000 → 138****8000.
func MaskPhone(p string) string {
	r := []rune(p)
	if len(r) < 7 {
		return strings.Repeat("*", len(r))
	}
	keepHead, keepTail := 3, 4
	if len(r) < 11 {
		keepHead, keepTail = 2, 2
	}
	return string(r[:keepHead]) + strings.Repeat("*", len(r)-keepHead-keepTail) + string(r[len(r)-keepTail:])
}

// Event is the immutable record of one command applied to an order.
type Event struct {
	ID      int64
	OrderID int64
	Action  string // the command's name: create, dispatch, accept, …
	At      time.Time
	Actor   string // user name
	From    Status
	To      Status
	Note    string
	Data    map[string]string // command details (unit, days, result, …)
}

var zeroTime time.Time
