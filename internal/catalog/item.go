package catalog

import (
	"context"
	"strconv"
	"strings"
	"time"
)

// Item statuses (状态); only published items count in the rates.
const (
	StatusDraft     = "draft"
	StatusPublished = "published"
	StatusRetired   = "retired"
)

// StatusNames are the Chinese spellings of the statuses, as files and pages show them.
var StatusNames = map[string]string{StatusDraft: "草稿", StatusPublished: "已发布", StatusRetired: "已取消"}

// Categories are the item types (事项类型) of SPEC §6.
var Categories = []string{"行政许可", "行政给付", "行政确认", "行政裁决", "行政奖励", "行政征收", "其他行政权力", "公共服务"}

// CategoryCodes maps the national type codes (国家政务服务事项类型代码) that some
// files carry instead of names to the category names.
var CategoryCodes = map[string]string{
	"1": "行政许可", "4": "行政征收", "5": "行政给付", "7": "行政确认", "8": "行政奖励", "9": "行政裁决",
	"10": "其他行政权力", "20": "公共服务",
}

// Levels are the levels at which an item is carried out (事项层级).
var Levels = []string{"市", "县", "镇", "村"}

// Material is one application material (申请材料).
type Material struct {
	Name    string `json:"name"`
	Exempt  bool   `json:"exempt,omitempty"` // 免提交
	ECertOK bool   `json:"e_cert,omitempty"` // 可用电子证照
}

// Item is one government service item (政务服务事项).
type Item struct {
	ID            int64
	Code          string // 实施编码, the key
	Name          string
	UnitID        int64 // 实施主体
	UnitCode      string
	UnitName      string
	Category      string  // one of Categories
	ByApplication bool    // 依申请
	Level         string  // 市/县/镇/村, "" when not given
	LegalDays     float64 // 法定时限 in working days; 0 = not given
	PromisedDays  float64 // 承诺时限 in working days; 0 = not given (or 即办)
	Fees          string
	Materials     []Material
	InHall        bool // 进驻大厅
	OneWindow     bool // 综合窗口"一窗"受理
	Online        bool // 网上可办
	OnlineDepth   int  // 网办深度 1–4 (1 also for an item not online: its guide is published), 0 when not given
	MaxTrips      int  // 到现场次数
	Citywide      bool // 全市通办
	CrossProvince bool // 跨省通办
	CertFree      bool // 免证办
	Immediate     bool // 即办件 (otherwise 承诺件)
	Status        string
	UpdatedAt     time.Time
}

// Published reports whether the item counts in the rates.
func (it Item) Published() bool { return it.Status == StatusPublished }

// ItemVersion is one saved state of an item, kept on every import or edit.
type ItemVersion struct {
	ItemID    int64
	ChangedAt time.Time
	ChangedBy string
	Item      Item
}

// Store keeps items and cases. Methods return *app.Error values: not_found for a
// missing key, invalid or internal otherwise.
type Store interface {
	// UnitKeys maps every unit's code and name to its id.
	UnitKeys(ctx context.Context) (map[string]int64, error)
	// UpsertItems creates or updates the items by code in one transaction, keeping
	// a version of each; it returns how many were created and updated.
	UpsertItems(ctx context.Context, items []Item, by string, at time.Time) (created, updated int, err error)
	// FindItems returns every item, ordered by code.
	FindItems(ctx context.Context) ([]Item, error)
	// FindItemByCode returns one item (not_found when absent).
	FindItemByCode(ctx context.Context, code string) (Item, error)
	// ItemHistory returns the versions of an item, newest first.
	ItemHistory(ctx context.Context, itemID int64) ([]ItemVersion, error)
	// UpsertCases creates or updates cases by number in one transaction, creating
	// the towns and villages they name; it returns the counts and the regions created.
	UpsertCases(ctx context.Context, cases []Case) (created, updated int, regions []string, err error)
	// FindCases returns the cases accepted in [from, to), newest first.
	FindCases(ctx context.Context, from, to time.Time) ([]Case, error)
	// LatestCase returns when the last case accepted before `before` was accepted
	// (false when there is none), of one unit's items when unitID is not 0.
	LatestCase(ctx context.Context, before time.Time, unitID int64) (time.Time, bool, error)
}

// DepthNames are the 网办深度 levels of SPEC §6, index 0 for depth 1.
var DepthNames = []string{"一级 办事指南公开", "二级 网上预审", "三级 网上受理", "四级 全程网办"}

var fullWidthDigits = strings.NewReplacer("１", "1", "２", "2", "３", "3", "４", "4", "　", " ")

// ParseDepth reads a 网办深度 cell: 1–4 (half or full width, optionally followed
// by 级) or 一级…四级, optionally followed by the level's name ("一级 办事指南公开").
// Depth 1 (the guide is published) is valid for any item, online or not; the
// caller refuses depths 2–4 on an item that cannot be done online.
func ParseDepth(s string) (int, bool) {
	v := strings.TrimSpace(fullWidthDigits.Replace(strings.TrimSpace(s)))
	for i, name := range DepthNames {
		if v == name || v == strings.ReplaceAll(name, " ", "") || v == strings.Fields(name)[1] {
			return i + 1, true
		}
	}
	v = strings.TrimSuffix(v, "级")
	for i, n := range []string{"一", "二", "三", "四"} {
		if v == n || v == strconv.Itoa(i+1) {
			return i + 1, true
		}
	}
	return 0, false
}
